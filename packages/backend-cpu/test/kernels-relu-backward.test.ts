import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import * as ag from '@ag/core';
import { numel } from '@ag/core';
import { reluBackward } from '../src/kernels/relu-backward.js';
import { WASM_ELEMENTWISE_FROM } from '../src/kernels/wasm/elementwise.js';
import { cpu } from '../src/index.js';
import { at, indices, randoms, rng, scrambled, view } from './views.js';

/** The definition, read through the strides: g where y > 0, else 0. */
function reference(g: View<TypedArray>, y: View<TypedArray>): number[] {
  return indices(g.shape).map((idx) => (at(y, idx) > 0 ? at(g, idx) : 0));
}

describe('the fused relu backward kernel', () => {
  it('passes g where y > 0 and gives 0 at y = 0, -0, negative and NaN', () => {
    const y = view(Float32Array.from([1, 0, -0, -2, NaN, 3, Infinity, -Infinity]), [8]);
    const g = view(Float32Array.from([5, 6, 7, 8, 9, NaN, 2, NaN]), [8]);
    expect(Array.from(reluBackward(g, y, 'float32'))).toEqual([5, 0, 0, 0, 0, NaN, 2, 0]);
  });

  it('matches the definition on contiguous, offset and transposed views, float32 and float64', () => {
    const rand = rng(7);
    for (const shape of [[3], [4, 5], [2, 3, 4], [1, 1, 6]]) {
      const g64 = scrambled(rand, shape);
      const y64 = scrambled(rand, shape);
      const yDense = view(randoms(rand, numel(shape)), shape);
      for (const [g, y] of [
        [g64, y64],
        [g64, yDense],
        [yDense, y64],
      ] as const) {
        expect(Array.from(reluBackward(g, y, 'float64'))).toEqual(reference(g, y));
        const g32 = { ...g, storage: Float32Array.from(g.storage), dtype: 'float32' as const };
        const y32 = { ...y, storage: Float32Array.from(y.storage), dtype: 'float32' as const };
        expect(Array.from(reluBackward(g32, y32, 'float32'))).toEqual(reference(g32, y32));
      }
    }
  });

  it('matches the definition on long float32 rows either side of the WebAssembly threshold', () => {
    const rand = rng(11);
    const special = [0, -0, NaN, Infinity, -Infinity];
    for (const n of [WASM_ELEMENTWISE_FROM - 1, WASM_ELEMENTWISE_FROM + 5, 70001]) {
      // Every tenth value a special one, in y and in g, so masks meet NaN, zeros of both signs and infinities.
      const fill = (): Float32Array<ArrayBuffer> =>
        Float32Array.from(randoms(rand, n), (v, i) => (i % 10 === 3 ? special[i % 5]! : v));
      const g = view(fill(), [n]);
      const y = view(fill(), [n], [1], 0);
      const got = reluBackward(g, y, 'float32');
      const want = reference(g, y);
      let mismatches = 0;
      for (let i = 0; i < n; i++) if (!Object.is(got[i], want[i])) mismatches++;
      expect(mismatches, `length ${n}`).toBe(0);
    }
  });

  it('reads a broadcast (stride 0) gradient', () => {
    const g = view(Float64Array.from([2, -3]), [3, 2], [0, 1]);
    const y = view(Float64Array.from([1, -1, 0, 4, NaN, 5]), [3, 2]);
    expect(Array.from(reluBackward(g, y, 'float64'))).toEqual([2, 0, 0, -3, 0, -3]);
  });
});

describe('relu gradients through the fused kernel', () => {
  ag.registerBackend(cpu());

  it('equal the composition where(y > 0, g, 0) for a large float32 batch', () => {
    const rand = rng(3);
    const x = ag
      .tensor(Float32Array.from(randoms(rand, 128 * 40)))
      .reshape([128, 40])
      .requiresGrad_();
    const w = ag.tensor(Float32Array.from(randoms(rand, 128 * 40))).reshape([128, 40]);
    x.relu().mul(w).sum().backward();
    const xs = x.detach().toArraySync() as number[][];
    const ws = w.toArraySync() as number[][];
    const want = xs.map((row, i) => row.map((v, j) => (v > 0 ? Math.fround(ws[i]![j]!) : 0)));
    expect(x.grad!.toArraySync()).toEqual(want);
  });

  it('keeps a double backward: the gradient of relu grad with respect to g', () => {
    const x = ag.tensor([-1, 2, 0, 3], { dtype: 'float64' }).requiresGrad_();
    const g = ag.tensor([1, 1, 1, 1], { dtype: 'float64' }).requiresGrad_();
    const [gx] = ag.autograd.grad([x.relu()], [x], { gradOutputs: [g], createGraph: true });
    expect(gx!.requiresGrad).toBe(true);
    gx!
      .mul(ag.tensor([10, 20, 30, 40], { dtype: 'float64' }))
      .sum()
      .backward();
    // d/dg of (g where x > 0) . c is c where x > 0.
    expect(g.grad!.toArraySync()).toEqual([0, 20, 0, 40]);
  });
});
