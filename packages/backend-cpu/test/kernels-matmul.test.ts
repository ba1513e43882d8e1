import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { I32_MAX, I32_MIN, close, k } from './kernel-helpers.js';
import { at, indices, randoms, rng, scrambled, toArray, view } from './views.js';

/** The matmul kernel, batched and broadcast, against the naive triple loop. */
/** The naive triple loop, over every batch index. */
function naiveMatmul(a: View<TypedArray>, b: View<TypedArray>): number[] {
  const nd = a.shape.length;
  const [m, kk, n] = [a.shape[nd - 2]!, a.shape[nd - 1]!, b.shape[nd - 1]!];
  const out: number[] = [];
  for (const bi of indices(a.shape.slice(0, nd - 2))) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < kk; p++) s += at(a, [...bi, i, p]) * at(b, [...bi, p, j]);
        out.push(s);
      }
    }
  }
  return out;
}

// float32 products accumulate in float32 (as PyTorch's do): a few hundred terms, each rounded.
const F32_SUM = 1e-5;

describe('matmul', () => {
  it('matches the triple loop on random sizes, contiguous and transposed', () => {
    const rand = rng(5);
    const size = () => 1 + Math.floor(rand() * 70);
    for (let t = 0; t < 12; t++) {
      const [m, kk, n] = [size(), size(), size()];
      const a = t % 2 === 0 ? view(randoms(rand, m * kk), [m, kk]) : scrambled(rand, [m, kk]);
      const b = t % 3 === 0 ? view(randoms(rand, kk * n), [kk, n]) : scrambled(rand, [kk, n]);
      close(k.matmul(a, b, 'float64'), naiveMatmul(a, b));
      close(k.matmul(a, b, 'float32'), naiveMatmul(a, b), F32_SUM);
    }
  });

  it('takes both the dot-product path (small) and the packed path, across the packing blocks', () => {
    const rand = rng(6);
    const sizes = [
      [1, 1, 1],
      [8, 16, 8],
      [8, 16, 9],
      [67, 300, 9],
      [3, 5, 2051],
      [17, 1, 33],
    ];
    for (const [m, kk, n] of sizes as [number, number, number][]) {
      const a = view(randoms(rand, m * kk), [m, kk]);
      const b = scrambled(rand, [kk, n]);
      close(k.matmul(a, b, 'float64'), naiveMatmul(a, b));
      close(k.matmul(a, b, 'float32'), naiveMatmul(a, b), F32_SUM);
    }
  });

  it('handles batches: broadcast weights (stride 0), broadcast lhs, transposed', () => {
    const rand = rng(7);
    for (const [m, kk, n] of [
      [5, 4, 6],
      [20, 30, 10],
    ] as [number, number, number][]) {
      const x = view(randoms(rand, 6 * m * kk), [2, 3, m, kk]);
      const w = view(randoms(rand, kk * n), [2, 3, kk, n], [0, 0, n, 1]); // one tall product
      close(k.matmul(x, w, 'float64'), naiveMatmul(x, w));
      const lhs = view(randoms(rand, m * kk), [3, m, kk], [0, kk, 1]);
      const rhs = scrambled(rand, [3, kk, n]);
      close(k.matmul(lhs, rhs, 'float64'), naiveMatmul(lhs, rhs));
      const xt = scrambled(rand, [2, m, kk]); // batch and rows do not merge: one product per matrix
      const w2 = view(w.storage, [2, kk, n], [0, n, 1]);
      close(k.matmul(xt, w2, 'float32'), naiveMatmul(xt, w2), F32_SUM);
    }
  });

  it('gives zeros for K = 0 and empty outputs for M or N = 0', () => {
    expect(toArray(k.matmul(view(new Float32Array(0), [2, 0]), view(new Float32Array(0), [0, 3]), 'float32'))).toEqual([
      0, 0, 0, 0, 0, 0,
    ]);
    expect(k.matmul(view(new Float32Array(0), [0, 4]), view(new Float32Array(12), [4, 3]), 'float32').length).toBe(0);
    expect(k.matmul(view(new Float32Array(8), [2, 4]), view(new Float32Array(0), [4, 0]), 'float32').length).toBe(0);
  });

  it('is exact and wrapping on int32, and or-of-ands on bool', () => {
    const a = view(Int32Array.from([65536, 1, 3, I32_MAX]), [2, 2]);
    const b = view(Int32Array.from([65536, 2, 1, 1]), [2, 2], [1, 2]); // [[65536,1],[2,1]]
    expect(toArray(k.matmul(a, b, 'int32'))).toEqual([
      2,
      65537,
      Number(BigInt.asIntN(32, 3n * 65536n + 2n * 2147483647n)),
      I32_MIN + 2,
    ]);
    const t = view(Uint8Array.from([1, 0, 1, 1]), [2, 2]);
    expect(toArray(k.matmul(t, t, 'bool'))).toEqual([1, 0, 1, 1]);
  });
});
