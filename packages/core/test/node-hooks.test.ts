import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node, Tensor } from '../src/index.js';
import { AccumulateGrad, grad, registerBackend, setDefaultDevice, tensor, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

// PyTorch's grad_fn.register_hook / register_prehook, as node.registerHook / registerPrehook.
// Expected values are the closed-form derivatives of each expression.

beforeAll(() => {
  registerBackend(fakeBackend('node-hooks-test'));
  setDefaultDevice('node-hooks-test');
});
afterAll(() => {
  unregisterBackend('node-hooks-test');
});

const leaf = (v: number | number[]): Tensor => tensor(v, { requiresGrad: true });
const value = (t: Tensor | null | undefined): number[] => Array.from(t!.toTypedArraySync());
const accumulateOf = (t: Tensor): AccumulateGrad => t._edge()[0] as AccumulateGrad;

describe('node.registerHook (post hook)', () => {
  it('a hook doubling gradInputs doubles the leaf gradient', () => {
    const x = leaf([1, 2, 3]);
    const y = x.mul(3).sum(); // dy/dx = 3
    const seen: number[][] = [];
    y.gradFn!.registerHook((gradInputs, gradOutputs) => {
      seen.push(value(gradOutputs[0]), value(gradInputs[0]));
      return gradInputs.map((g) => g!.mul(2));
    });
    y.backward();
    expect(seen).toEqual([[1], [1, 1, 1]]); // SumBackward0: gradOutput 1, gradInput ones
    expect(value(x.grad)).toEqual([6, 6, 6]);
  });

  it('on AccumulateGrad sees no gradInputs and the leaf gradient as gradOutputs', () => {
    const x = leaf([1, 2]);
    const acc = accumulateOf(x);
    expect(acc).toBeInstanceOf(AccumulateGrad);
    expect(acc.variable).toBe(x);
    const calls: [number, number[]][] = [];
    acc.registerHook((gradInputs, gradOutputs) => void calls.push([gradInputs.length, value(gradOutputs[0])]));
    x.mul(x).sum().backward(); // d/dx x^2 = 2x
    expect(calls).toEqual([[0, [2, 4]]]);
    expect(value(x.grad)).toEqual([2, 4]);
  });

  it('stops running once removed', () => {
    const x = leaf(2);
    let calls = 0;
    const y = x.mul(5);
    const handle = y.gradFn!.registerHook(() => {
      calls++;
    });
    y.backward(undefined, { retainGraph: true });
    handle.remove();
    handle.remove(); // twice is harmless
    y.backward();
    expect(calls).toBe(1);
    expect(value(x.grad)).toEqual([10]);
    expect(y.gradFn!._nodeHooks).toBeNull(); // the engine's loop is back to one null check
  });
});

describe('node.registerPrehook', () => {
  it('replaces the gradients of the outputs before the node runs', () => {
    const x = leaf([1, 2]);
    const y = x.mul(x); // dy/dx = 2x, with the incoming gradient scaled by 10
    y.gradFn!.registerPrehook((gradOutputs) => gradOutputs.map((g) => g!.mul(10)));
    y.backward(tensor([1, 1]));
    expect(value(x.grad)).toEqual([20, 40]);
  });

  it('on AccumulateGrad changes what accumulates into .grad', () => {
    const x = leaf(3);
    accumulateOf(x).registerPrehook(([g]) => [g!.add(1)]);
    x.mul(2).backward();
    expect(value(x.grad)).toEqual([3]);
  });

  it('runs after tensor hooks and retainGrad, before the node and its post hooks (PyTorch order)', () => {
    const x = leaf(1);
    const h = x.mul(2);
    const y = h.mul(3);
    const order: string[] = [];
    h.retainGrad();
    h.registerHook((g) => {
      order.push(`tensor hook ${value(g)[0]}`);
      return g.mul(2); // 3 -> 6: what retainGrad stores and the prehook sees
    });
    const node = h.gradFn!;
    node.registerPrehook(([g]) => {
      order.push(`prehook ${value(g)[0]}`);
      return [g!.mul(10)]; // 6 -> 60: after retainGrad, so h.grad stays 6
    });
    node.registerHook(([gi], [go]) => void order.push(`post hook ${value(gi)[0]} from ${value(go)[0]}`));
    y.backward();
    expect(order).toEqual(['tensor hook 3', 'prehook 6', 'post hook 120 from 60']);
    expect(value(h.grad)).toEqual([6]);
    expect(value(x.grad)).toEqual([120]);
  });

  it("visits nodes in the engine's order, each once", () => {
    const a = leaf([1, 2]);
    const out = a.add(2).mul(a.add(2)).sum(); // sum((a+2)^2): d/da = 2(a+2)
    const names: string[] = [];
    const visit = (node: Node | null): void => {
      if (node === null || node._nodeHooks !== null) return;
      node.registerPrehook(() => void names.push(node.name));
      node.nextFunctions.forEach(([next]) => {
        visit(next);
      });
    };
    visit(out.gradFn);
    out.backward();
    expect(names).toEqual(['SumBackward0', 'MulBackward0', 'AddBackward0', 'AddBackward0', 'AccumulateGrad']);
    expect(value(a.grad)).toEqual([6, 8]);
  });
});

describe('node hooks in grad() and with createGraph', () => {
  it('run in grad() on the nodes it runs, not on the AccumulateGrad of what it returns (as PyTorch)', () => {
    const x = leaf(2);
    const y = x.mul(x).mul(3); // 3x^2
    let accCalls = 0;
    accumulateOf(x).registerHook(() => {
      accCalls++;
    });
    y.gradFn!.registerHook((gi) => gi.map((g) => (g === null ? null : g.mul(2)))); // the 3 needs none
    const [g] = grad(y, x);
    expect(value(g)).toEqual([24]); // 2 * 6x
    expect(accCalls).toBe(0);
    expect(x.grad).toBeNull();
  });

  it('do not run in grad() on a node whose output gradient is all that is asked for', () => {
    const x = leaf(2);
    const h = x.mul(x);
    const y = h.mul(3);
    let calls = 0;
    h.gradFn!.registerPrehook(() => {
      calls++;
    });
    const [g] = grad(y, h);
    expect(value(g)).toEqual([3]);
    expect(calls).toBe(0);
  });

  it('run on the captured AccumulateGrad in backward({ inputs })', () => {
    const x = leaf(2);
    let accCalls = 0;
    accumulateOf(x).registerHook(() => {
      accCalls++;
    });
    x.mul(4).backward(undefined, { inputs: [x] });
    expect(accCalls).toBe(1);
    expect(value(x.grad)).toEqual([4]);
  });

  it('record their replacement in the graph under createGraph', () => {
    const x = leaf(2);
    const y = x.mul(x).mul(x); // x^3
    y.gradFn!.registerHook((gi) => gi.map((g) => (g === null ? null : g.mul(2))));
    const [g] = grad(y, x, { createGraph: true }); // hooked: the mul's first input gets 2 * x^2 ...
    expect(g!.requiresGrad).toBe(true);
    // y = (x*x)*x: the hook doubles both gradients out of the outer mul: 2x*x*2 + x^2*2 = 6x^2.
    expect(value(g)).toEqual([24]);
    const [gg] = grad(g!, x); // d/dx 6x^2 = 12x
    expect(value(gg)).toEqual([24]);
  });
});

describe('node hook errors', () => {
  it('a list of the wrong length names the node and both counts', () => {
    const x = leaf(1);
    const y = x.mul(2);
    y.gradFn!.registerHook((gi) => [...gi, null]);
    expect(() => {
      y.backward();
    }).toThrow(
      'MulBackward0.registerHook: hook has returned an incorrect number of values (got 3, but expected 2) for gradInputs',
    );
    expect(x.grad).toBeNull(); // nothing written
  });

  it('a gradient of the wrong shape', () => {
    const x = leaf([1, 2]);
    const y = x.mul(2);
    y.gradFn!.registerPrehook(() => [tensor([1, 2, 3])]);
    expect(() => {
      y.backward(tensor([1, 1]));
    }).toThrow(
      'MulBackward0.registerPrehook: a hook returned a gradient of shape [3] for gradOutputs[0], expected [2]',
    );
  });

  it('something that is not a list, or holds a non-tensor', () => {
    const x = leaf(1);
    const y = x.mul(2);
    const handle = y.gradFn!.registerHook(() => 5 as unknown as Tensor[]);
    expect(() => {
      y.backward(undefined, { retainGraph: true });
    }).toThrow('MulBackward0.registerHook: a hook returned a number; expected an array of 2 gradients (gradInputs)');
    handle.remove();
    y.gradFn!.registerHook(() => [1, null] as unknown as Tensor[]);
    expect(() => {
      y.backward();
    }).toThrow('MulBackward0.registerHook: gradInputs[0] returned by a hook is a number; expected a Tensor or null');
  });

  it('registering something that is not a function', () => {
    const y = leaf(1).mul(2);
    expect(() => y.gradFn!.registerHook(null as never)).toThrow(
      'MulBackward0.registerHook: expected a function, got null',
    );
    expect(() => y.gradFn!.registerPrehook(3 as never)).toThrow(
      'MulBackward0.registerPrehook: expected a function, got number',
    );
  });
});

describe('node.savedTensors', () => {
  it("lists what the op saved, and throws once backward freed it, as PyTorch's _saved_self", () => {
    const x = leaf([1, 2]);
    const w = leaf([3, 4]);
    const y = x.mul(w);
    const saved = y.gradFn!.savedTensors;
    expect(saved).toHaveLength(2);
    expect(saved).toContain(x);
    expect(saved).toContain(w);
    expect(accumulateOf(x).savedTensors).toEqual([]);
    y.sum().backward();
    expect(() => y.gradFn!.savedTensors).toThrow('trying to backward through the graph a second time');
  });
});
