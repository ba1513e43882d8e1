import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { registerBackend, setDefaultDevice, tensor, tidy, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';
import { binaryRules, type Saved } from '../src/autograd/rules/binary.js';

// The per-op shortcuts for small tensors (shared shape lists and strides, cached broadcast views
// of scalar operands, no gradient for a side that needs none), checked against float64 loops.

beforeAll(() => {
  registerBackend(fakeBackend('small-chain-test'));
  setDefaultDevice('small-chain-test');
});
afterAll(() => {
  unregisterBackend('small-chain-test');
});

const values = (t: Tensor): number[] => Array.from(t.toTypedArraySync());
const close = (got: number[], want: number[]): void => {
  expect(got).toHaveLength(want.length);
  // float32 against float64: a relative tolerance.
  got.forEach((g, i) => {
    expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1e-5 * Math.abs(want[i]!));
  });
};

describe('a chain of scalar ops on small tensors', () => {
  it.each([[[]], [[1]], [[16]], [[4, 4]], [[2, 1, 3]]])('on %j: values and gradient of the float64 loop', (shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const start = Array.from({ length: n }, (_, i) => 0.5 + i / 8);
    const x = tensor(start).reshape(shape).detach().requiresGrad_(true);
    let y = x;
    for (let i = 0; i < 40; i++) y = i % 2 === 0 ? y.mul(1.5) : y.add(0.25);
    (shape.length === 0 ? y : y.sum()).backward();
    // y = 1.5^20 x + c, so dy/dx = 1.5^20 in every element.
    let c = 0;
    for (let i = 0; i < 20; i++) c = c * 1.5 + 0.25;
    expect(y.shape).toEqual(shape);
    expect(y.strides).toEqual(x.strides);
    close(
      values(y),
      start.map((v) => 1.5 ** 20 * v + c),
    );
    close(
      values(x.grad!),
      start.map(() => 1.5 ** 20),
    );
  });

  it('reads one scalar broadcast to several shapes in turn', () => {
    const a = tensor([1, 2, 3, 4]);
    const b = a.reshape([2, 2]);
    const z = tensor(5);
    for (let i = 0; i < 2; i++) {
      expect(values(a.mul(3))).toEqual([3, 6, 9, 12]);
      expect(values(b.mul(3))).toEqual([3, 6, 9, 12]);
      expect(values(z.mul(3))).toEqual([15]);
      expect(values(a.sub(3, { alpha: 2 }))).toEqual([-5, -4, -3, -2]);
    }
  });

  it('tells scalar operands apart by value, -0 from 0, and finds NaN', () => {
    const a = tensor([1, -2]);
    for (let i = 0; i < 3; i++) {
      expect(values(a.mul(-0)).map((v) => Object.is(v, -0))).toEqual([true, false]);
      expect(values(a.mul(0)).map((v) => Object.is(v, 0))).toEqual([true, false]);
      expect(values(a.add(Number.NaN)).every(Number.isNaN)).toBe(true);
      for (let k = 1; k <= 6; k++) expect(values(a.mul(k))).toEqual([k, -2 * k]);
      expect(values(a.mul(true))).toEqual([1, -2]);
    }
  });

  it('keeps a scalar operand usable after the tidy that first broadcast it', () => {
    const a = tensor([1, 2, 3]);
    tidy(() => a.add(7));
    expect(values(a.add(7))).toEqual([8, 9, 10]);
    expect(values(tidy(() => a.mul(7)))).toEqual([7, 14, 21]);
  });

  it('sums the gradient down to a broadcast operand that needs one', () => {
    const x = tensor([1, 2, 3, 4]).requiresGrad_(true);
    const b = tensor([0.5]).requiresGrad_(true);
    x.add(b).sub(b, { alpha: 3 }).sum().backward();
    expect(values(x.grad!)).toEqual([1, 1, 1, 1]);
    expect(values(b.grad!)).toEqual([4 - 12]);
  });

  it('gives no gradient to an add operand that needs none', () => {
    const x = tensor([1, 2]).requiresGrad_(true);
    const y = tensor([3, 4]).add(x);
    expect(y.gradFn!.nextFunctions[0]![0]).toBeNull();
    y.sum().backward();
    expect(values(x.grad!)).toEqual([1, 1]);
    // The rules themselves return null for a side that needs none: no gradient is computed for it.
    const g = tensor([1, 1]);
    const saved = {} as Saved;
    expect(binaryRules.add.grad!(g, saved, [false, true])).toEqual([null, g]);
    expect(binaryRules.sub.grad!(g, saved, [true, false])[1]).toBeNull();
  });
});
