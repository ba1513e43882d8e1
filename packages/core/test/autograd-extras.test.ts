import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionCtx, Tensor } from '../src/index.js';
import {
  Function,
  autograd,
  functional,
  manualSeed,
  registerBackend,
  setDefaultDevice,
  tensor,
  unregisterBackend,
  utils,
} from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

// torch.autograd.backward, functional.hvp / vhp, register_post_accumulate_grad_hook,
// torch.utils.checkpoint, once_differentiable and ctx.mark_dirty. Expected values are closed-form
// derivatives of each expression.

beforeAll(() => {
  registerBackend(fakeBackend('autograd-extras-test'));
  setDefaultDevice('autograd-extras-test');
});
afterAll(() => {
  unregisterBackend('autograd-extras-test');
});

const leaf = (v: number[]): Tensor => tensor(v, { requiresGrad: true });
const value = (t: Tensor | null | undefined): number[] => Array.from(t!.toTypedArraySync());

describe('autograd.backward', () => {
  it('sums the gradients of several outputs into the leaves in one run', () => {
    const x = leaf([1, 2, 3]);
    autograd.backward([x.pow(2).sum(), x.mul(3).sum()]); // d/dx = 2x + 3
    expect(value(x.grad)).toEqual([5, 7, 9]);
  });

  it('takes a gradient per output (a vector-Jacobian product), and null for one-element ones', () => {
    const x = leaf([1, 2]);
    autograd.backward([x.mul(x), x.sum()], [tensor([1, 10]), null]); // 2x * v + 1
    expect(value(x.grad)).toEqual([3, 41]);
  });

  it('refuses a gradient list of the wrong length, changing no .grad', () => {
    const x = leaf([1, 2]);
    expect(() => {
      autograd.backward([x.sum(), x.sum()], [null]);
    }).toThrow(/got 1 gradients for 2 tensors/);
    expect(x.grad).toBeNull();
    expect(() => {
      autograd.backward(x.mul(2));
    }).toThrow(/grad can be implicitly created only for scalar outputs/);
  });
});

describe('autograd.hvp and vhp', () => {
  // f(x, y) = sum(x^2 y): f_xx = diag(2y), f_xy = diag(2x), f_yy = 0.
  const f = (x: Tensor, y: Tensor) => x.pow(2).mul(y).sum();
  let x: Tensor, y: Tensor, vx: Tensor, vy: Tensor;
  beforeAll(() => {
    [x, y, vx, vy] = [tensor([1, 2]), tensor([3, -1]), tensor([1, 0.5]), tensor([2, -1])];
  });

  it('hvp is H v: [2y vx + 2x vy, 2x vx]', () => {
    const [out, [hx, hy]] = autograd.hvp(f, [x, y], [vx, vy]);
    expect(value(out)).toEqual([3 - 4]);
    expect(value(hx)).toEqual([2 * 3 * 1 + 2 * 1 * 2, 2 * -1 * 0.5 + 2 * 2 * -1]);
    expect(value(hy)).toEqual([2 * 1 * 1, 2 * 2 * 0.5]);
  });

  it('vhp equals hvp where the Hessian is symmetric, and takes one tensor as one', () => {
    const [, [hx, hy]] = autograd.vhp(f, [x, y], [vx, vy]);
    expect(value(hx)).toEqual([10, -5]);
    expect(value(hy)).toEqual([2, 2]);
    const [, h] = autograd.vhp((t: Tensor) => t.pow(3).sum(), x, tensor([1, 1])); // 6x
    expect(value(h)).toEqual([6, 12]);
    const [, h2] = autograd.hvp((t: Tensor) => t.pow(3).sum(), x, tensor([1, 1]));
    expect(value(h2)).toEqual([6, 12]);
  });

  it('gives zeros where the function is linear in an input, and refuses non-scalar functions', () => {
    const [, hv] = autograd.hvp((t: Tensor) => t.mul(2).sum(), x, tensor([1, 1]));
    expect(value(hv)).toEqual([0, 0]);
    expect(() => autograd.hvp((t: Tensor) => t.mul(2), x, tensor([1, 1]))).toThrow(/single-element tensor/);
    expect(() => autograd.vhp(f, [x, y], [vx])).toThrow(/got 1 vectors for 2 inputs/);
    expect(() => autograd.hvp((t: Tensor) => t.sum(), x, tensor([1, 1, 1]))).toThrow(/v\[0\] has shape \[3\]/);
  });
});

describe('Tensor.registerPostAccumulateGradHook', () => {
  it('runs with the leaf after its .grad is written, once per backward', () => {
    const w = leaf([1, 2]);
    const seen: number[][] = [];
    const handle = w.registerPostAccumulateGradHook((t) => seen.push(value(t.grad)));
    w.mul(3).sum().backward();
    w.mul(3).sum().backward();
    expect(seen).toEqual([
      [3, 3],
      [6, 6],
    ]);
    handle.remove();
    w.sum().backward();
    expect(seen.length).toBe(2);
  });

  it('lets an optimizer step in the hook (the gradient is complete there)', () => {
    const w = leaf([1, 2]);
    w.registerPostAccumulateGradHook((t) => {
      t.data.sub_(t.grad!.mul(0.5));
      t.grad = null;
    });
    w.pow(2).sum().backward(); // grad 2w = [2, 4]
    expect(value(w)).toEqual([0, 0]);
    expect(w.grad).toBeNull();
  });

  it('refuses non-leaves and tensors that do not require grad', () => {
    const w = leaf([1]);
    expect(() => w.mul(2).registerPostAccumulateGradHook(() => undefined)).toThrow(/non-leaf tensors/);
    expect(() => tensor([1]).registerPostAccumulateGradHook(() => undefined)).toThrow(/doesn't require gradient/);
  });
});

describe('utils.checkpoint', () => {
  it('gives the inputs and the closure parameters the gradients of the plain call, running fn twice', () => {
    const w = leaf([2, -1]);
    const x = leaf([0.5, 1.5]);
    let calls = 0;
    const block = (t: Tensor) => {
      calls++;
      return t.mul(w).pow(2);
    };
    const y = utils.checkpoint(block, x);
    expect(y.gradFn!.name).toBe('CheckpointFunctionBackward');
    y.sum().backward(); // d/dx (xw)^2 = 2 x w^2, d/dw = 2 x^2 w
    expect(calls).toBe(2);
    expect(value(x.grad)).toEqual([2 * 0.5 * 4, 2 * 1.5 * 1]);
    expect(value(w.grad)).toEqual([2 * 0.25 * 2, 2 * 2.25 * -1]);
  });

  it('recomputes with the same random state, so dropout keeps its mask', () => {
    manualSeed(7);
    const x = leaf(Array.from({ length: 64 }, () => 1));
    const y = utils.checkpoint((t: Tensor) => functional.dropout(t, 0.5, true), x);
    const kept = value(y).map((v) => (v === 0 ? 0 : 2));
    expect(kept.some((v) => v === 0) && kept.some((v) => v === 2)).toBe(true);
    y.sum().backward(); // the gradient is the forward's mask times 1 / (1 - p)
    expect(value(x.grad)).toEqual(kept);
  });

  it('refuses higher-order gradients through the recomputation', () => {
    const x = leaf([1, 2]);
    const y = utils.checkpoint((t: Tensor) => t.pow(2).sum(), x);
    expect(() => autograd.grad(y, x, { createGraph: true })).toThrow(/not compatible with createGraph/);
  });
});

describe('autograd.onceDifferentiable and ctx.markDirty', () => {
  class Cube extends Function {
    static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
      ctx.saveForBackward(x);
      return x.pow(3);
    }
    static override backward = autograd.onceDifferentiable((ctx: FunctionCtx, g: Tensor) =>
      g.mul(ctx.savedTensors[0]!.pow(2).mul(3)),
    );
  }

  it('differentiates once, and a second derivative is a clear error, not a zero', () => {
    const x = leaf([1, 2]);
    // As in PyTorch, the error node is there when the incoming gradient itself requires grad.
    const v = tensor(1, { requiresGrad: true });
    const [g] = autograd.grad(Cube.apply(x).sum(), x, { gradOutputs: v, createGraph: true });
    expect(value(g)).toEqual([3, 12]);
    expect(() => {
      g!.sum().backward();
    }).toThrow(/differentiate twice a function that was marked with onceDifferentiable/);
    const x2 = leaf([2]);
    Cube.apply(x2).sum().backward();
    expect(value(x2.grad)).toEqual([12]);
  });

  class Double_ extends Function {
    static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
      x.mul_(2);
      ctx.markDirty(x);
      return x;
    }
    static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
      return g.mul(2);
    }
  }

  it('an input written in place takes the function as its history', () => {
    const a = leaf([1, 3]);
    const b = a.mul(1);
    const out = Double_.apply(b);
    expect(out).toBe(b);
    expect(b.gradFn!.name).toBe('Double_Backward');
    expect(value(b)).toEqual([2, 6]);
    b.pow(2).sum().backward(); // d/da (2a)^2 = 8a
    expect(value(a.grad)).toEqual([8, 24]);
  });

  it('refuses a leaf that requires grad and a view', () => {
    expect(() => Double_.apply(leaf([1]))).toThrow(/a leaf Variable that requires grad/);
    const base = leaf([1, 2]).mul(1);
    expect(() => Double_.apply(base.get('0:1'))).toThrow(/markDirty on a view is not supported/);
  });
});
