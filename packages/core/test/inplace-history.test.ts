import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { noGrad, registerBackend, setDefaultDevice, tensor, unregisterBackend } from '../src/index.js';
import { inplace } from '../src/autograd/inplace.js';
import { fakeBackend } from './fake-backend.js';

/**
 * The bookkeeping of in-place ops that no kernel decides: version counters, which tensor a view
 * is of, where hooks and retained gradients go, and the checks that run before any write. The
 * gradients through views are in the conformance suite (cases/inplace-views.ts).
 */

beforeAll(() => {
  registerBackend(fakeBackend('inplace-test'));
  setDefaultDevice('inplace-test');
});
afterAll(() => {
  unregisterBackend('inplace-test');
});

const leaf = (v: number[]): Tensor => tensor(v, { requiresGrad: true });
const value = (t: Tensor | null): number[] => Array.from(t!.toTypedArraySync());

describe('version counter', () => {
  it('counts writes, shared by a base, its views, views of views and detached aliases', () => {
    const x = tensor([1, 2, 3, 4]);
    const v = x.narrow(0, 1, 3);
    const vv = v.narrow(0, 0, 2);
    const d = x.detach();
    expect(x.version).toBe(0);
    vv.add_(1);
    expect([x.version, v.version, vv.version, d.version]).toEqual([1, 1, 1, 1]);
    d.mul_(2);
    expect(x.version).toBe(2);
    expect(value(x)).toEqual([2, 6, 8, 8]);
  });

  it('a view of a view knows the first base; a detached alias is no view', () => {
    const x = tensor([1, 2, 3, 4]);
    const vv = x.narrow(0, 1, 3).narrow(0, 0, 2);
    expect(vv._base).toBe(x);
    expect(x.detach()._base).toBe(null);
    expect(x.clone()._base).toBe(null);
  });
});

describe('hooks and retainGrad through an in-place op', () => {
  it('retainGrad follows the tensor to its new node; earlier hooks stay on the old one', () => {
    const x = leaf([1, 2]);
    const y = x.mul(2);
    y.retainGrad();
    const before: number[][] = [];
    const after: number[][] = [];
    y.registerHook((g) => void before.push(value(g)));
    const old = y.gradFn;
    y.mul_(3);
    expect(y.gradFn).not.toBe(old);
    expect(old!.retained).toBe(null);
    y.registerHook((g) => void after.push(value(g)));
    y.sum().backward();
    expect(value(y.grad)).toEqual([1, 1]); // of the new value
    expect(after).toEqual([[1, 1]]);
    expect(before).toEqual([[3, 3]]); // of the value the hook was registered on
    expect(value(x.grad)).toEqual([6, 6]);
  });
});

describe('the node an in-place op gives', () => {
  it("is the op's, with a result cast back to the tensor's dtype too", () => {
    const x = leaf([1, 2]);
    const w = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    const y = x.mul(1);
    y.mul_(w);
    expect([y.dtype, y.gradFn?.name]).toEqual(['float32', 'MulBackward0']);
    expect(y.gradFn?.nextFunctions.map(([n]) => n?.name)).toEqual(['MulBackward0', 'AccumulateGrad']);
    y.sum().backward();
    expect([value(x.grad), x.grad!.dtype, value(w.grad), w.grad!.dtype]).toEqual([
      [3, 4],
      'float32',
      [1, 2],
      'float64',
    ]);
  });
});

describe('checks before the write leave every tensor as it was', () => {
  it('a view of a leaf that requires grad', () => {
    const w = leaf([1, 2, 3]);
    expect(() => w.narrow(0, 0, 2).mul_(2)).toThrow(
      'mul_: a view of a leaf Variable that requires grad is being used in an in-place operation.',
    );
    expect([value(w), w.version]).toEqual([[1, 2, 3], 0]);
  });

  it('a view made under noGrad, directly or through a view of it', () => {
    const y = leaf([1, 2, 3]).mul(1);
    const v = noGrad(() => y.narrow(0, 0, 2));
    expect(() => v.mul_(2)).toThrow(/^mul_: A view was created in no_grad mode and is being modified inplace/);
    const vv = v.narrow(0, 0, 1); // made with grad on, but of a view made under noGrad
    expect(() => vv.mul_(2)).toThrow(/no_grad mode and is being modified inplace with grad mode enabled/);
    expect([value(y), y.version, y.gradFn?.name]).toEqual([[1, 2, 3], 0, 'MulBackward0']);
    noGrad(() => v.mul_(2)); // both under noGrad: allowed, not recorded
    expect([value(y), y.gradFn?.name]).toEqual([[2, 4, 3], 'MulBackward0']);
  });

  it('an expanded view, with or without grad', () => {
    const a = tensor([1, 2]);
    const e = a.unsqueeze(0).expand([3, 2]);
    const message =
      'add_: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.';
    expect(() => e.add_(1)).toThrow(message);
    expect(() => noGrad(() => e.add_(1))).toThrow(message);
    expect([value(a), a.version]).toEqual([[1, 2], 0]);
  });

  it('an in-place op whose result drops the graph of the tensor it writes', () => {
    const y = leaf([1, 2]).mul(2);
    expect(() => inplace(y, 'foo_', () => tensor([7, 8]))).toThrow(
      'foo_: its result does not record the graph of the tensor it writes; this in-place op is not differentiable',
    );
    expect([value(y), y.version, y.gradFn?.name]).toEqual([[2, 4], 0, 'MulBackward0']);
  });
});
