import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { autograd, jvp, registerBackend, setDefaultDevice, tensor, unregisterBackend, vmap } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

// torch.vmap and torch.autograd.forward_ad. Expected values are the per-slice results written out
// by hand and closed-form Jacobian-vector products.

beforeAll(() => {
  registerBackend(fakeBackend('vmap-fwad-test'));
  setDefaultDevice('vmap-fwad-test');
});
afterAll(() => {
  unregisterBackend('vmap-fwad-test');
});

const value = (t: Tensor | null | undefined): number[] => Array.from(t!.toTypedArraySync());
const { dualLevel, makeDual, unpackDual } = autograd.forwardAd;

describe('vmap', () => {
  it('maps a dot product over rows: one result per row', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const w = tensor([1, -1]);
    const y = vmap((r: Tensor, v: Tensor) => r.mul(v).sum(), { inDims: [0, null] })(x, w);
    expect(y.shape).toEqual([3]);
    expect(value(y)).toEqual([-1, -1, -1]);
  });

  it('maps over another dim, puts the mapped dim where outDims says, and nests', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const cols = vmap((c: Tensor) => c.mul(c), { inDims: 1, outDims: 1 })(x);
    expect(cols.shape).toEqual([2, 3]);
    expect(value(cols)).toEqual([1, 4, 9, 16, 25, 36]);
    const outer = vmap(
      vmap((a: Tensor, b: Tensor) => a.mul(b), { inDims: [null, 0] }),
      { inDims: [0, null] },
    );
    const o = outer(tensor([1, 2]), tensor([3, 4, 5]));
    expect(o.shape).toEqual([2, 3]);
    expect(value(o)).toEqual([3, 4, 5, 6, 8, 10]);
  });

  it('returns one stacked tensor per output', () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    // ab = ((a + b)^2 - a^2 - b^2) / 2, from ops every backend has
    const [s, p] = vmap((r: Tensor) => [r.sum(), r.sum().pow(2).sub(r.pow(2).sum()).div(2)])(x);
    expect(value(s)).toEqual([3, 7]);
    expect(value(p)).toEqual([2, 12]);
  });

  it('names mismatched batch sizes, missing mapped inputs and bad inDims', () => {
    const f = vmap((a: Tensor, b: Tensor) => a.add(b));
    expect(() => f(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(/same size in the mapped dimension, got sizes \[2, 3\]/);
    expect(() => vmap((a: number) => tensor(a))(3)).toThrow(/at least one argument must be a Tensor/);
    expect(() => vmap((a: Tensor) => a, { inDims: [0, 0] })(tensor([1]))).toThrow(/inDims has 2 entries/);
    expect(() => vmap((a: Tensor) => a, { inDims: 2 })(tensor([1]))).toThrow(/vmap/);
  });
});

describe('autograd.forwardAd', () => {
  it('unpackDual gives J t: for y = x^2 exp(x) elementwise, (2x + x^2) exp(x) t', () => {
    const xs = [0.5, 1.5];
    const ts = [1, -2];
    dualLevel(() => {
      const x = makeDual(tensor(xs), tensor(ts));
      const y = x.pow(2).mul(x.exp());
      const { primal, tangent } = unpackDual(y);
      expect(value(primal)).toEqual(xs.map((v) => Math.fround(Math.fround(v * v) * Math.fround(Math.exp(v)))));
      const expected = xs.map((v, i) => (2 * v + v * v) * Math.exp(v) * ts[i]!);
      value(tangent).forEach((v, i) => {
        expect(v).toBeCloseTo(expected[i]!, 5);
      });
    });
  });

  it('sums the tangents of several duals, agrees with jvp, and has none outside the level', () => {
    let y: Tensor | undefined;
    dualLevel(() => {
      const a = makeDual(tensor([2, 3]), tensor([1, 0]));
      const b = makeDual(tensor([5, 7]), tensor([0, 1]));
      y = a.mul(b); // tangent: ta * b + a * tb
      expect(value(unpackDual(y).tangent)).toEqual([5, 3]);
      expect(unpackDual(tensor([1, 2])).tangent).toBeNull();
    });
    const [, jv] = jvp(
      (a: Tensor, b: Tensor) => a.mul(b),
      [tensor([2, 3]), tensor([5, 7])],
      [tensor([1, 0]), tensor([0, 1])],
    );
    expect(value(jv)).toEqual([5, 3]);
    expect(unpackDual(y!).tangent).toBeNull();
  });

  it('refuses makeDual outside a level, shape mismatches and nested levels', () => {
    expect(() => makeDual(tensor([1]), tensor([1]))).toThrow(/no forward AD level is open/);
    dualLevel(() => {
      expect(() => makeDual(tensor([1, 2]), tensor([1]))).toThrow(
        /tangent has shape \[1\] but the primal has shape \[2\]/,
      );
      expect(() => dualLevel(() => 0)).toThrow(/nested forward AD levels are not supported/);
    });
  });
});
