import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { registerBackend, setDefaultDevice, tensor, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

// mul and div save an input only when the other side's gradient reads it, as PyTorch does:
// what is saved, the gradients either way, and which in-place writes are then reported.

beforeAll(() => {
  registerBackend(fakeBackend('binary-saves-test'));
  setDefaultDevice('binary-saves-test');
});
afterAll(() => {
  unregisterBackend('binary-saves-test');
});

const values = (t: Tensor | null): number[] => Array.from(t!.toTypedArraySync());
const close = (got: number[], want: number[]): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want[i]!)));
  });
};
/** `z`'s node saved `t` alone (the same tensor, not an equal one). */
const expectSaved = (z: Tensor, t: Tensor): void => {
  const saved = z.gradFn!.savedTensors;
  expect(saved).toHaveLength(1);
  expect(saved[0]).toBe(t);
};
/** A non-leaf requiring grad (a leaf may not be written in place). */
const nonLeaf = (v: number[]): [Tensor, Tensor] => {
  const x = tensor(v, { requiresGrad: true });
  return [x, x.mul(1)];
};

describe('what mul and div save', () => {
  it('y.mul(w) with only y requiring grad saves w alone; the gradient is w', () => {
    const [x, y] = nonLeaf([1, 2]);
    const w = tensor([3, 5]);
    const z = y.mul(w);
    expectSaved(z, w);
    z.sum().backward();
    close(values(x.grad), [3, 5]);
  });

  it('y.mul(w) with only w requiring grad saves y alone; the gradient is y', () => {
    const y = tensor([1, 2]);
    const w = tensor([3, 5], { requiresGrad: true });
    const z = y.mul(w);
    expectSaved(z, y);
    z.sum().backward();
    close(values(w.grad), [1, 2]);
  });

  it('both requiring grad: both saved, as before', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 5], { requiresGrad: true });
    const z = a.mul(b);
    expect(z.gradFn!.savedTensors).toHaveLength(2);
    z.sum().backward();
    close(values(a.grad), [3, 5]);
    close(values(b.grad), [1, 2]);
  });

  it('an in-place write to an input no gradient reads is not an error; to one it reads, it is', () => {
    const [x, y] = nonLeaf([1, 2]);
    const z = y.mul(2);
    y.add_(1);
    z.sum().backward();
    close(values(x.grad), [2, 2]);

    const [, y2] = nonLeaf([1, 2]);
    const w = tensor([3, 5]);
    const z2 = y2.mul(w);
    w.add_(1);
    expect(() => {
      z2.sum().backward();
    }).toThrow(/modified by an inplace operation/);
  });

  it('div: a is saved only for b’s gradient; the gradients are 1/b and -a/b²', () => {
    const [x, y] = nonLeaf([1, 2]);
    const b = tensor([4, 8]);
    const z = y.div(b);
    expectSaved(z, b);
    z.sum().backward();
    close(values(x.grad), [1 / 4, 1 / 8]);

    const a = tensor([1, 2]);
    const bb = tensor([4, 8], { requiresGrad: true });
    const z2 = a.div(bb);
    expect(z2.gradFn!.savedTensors).toHaveLength(2);
    z2.sum().backward();
    close(values(bb.grad), [-1 / 16, -2 / 64]);
  });
});
