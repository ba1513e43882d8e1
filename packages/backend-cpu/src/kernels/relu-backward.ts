import type { DType, TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { pool } from '../pool.js';
import { dense, release } from './dense.js';
import { WASM_ELEMENTWISE_FROM, wasmBinary } from './wasm/elementwise.js';

/**
 * relu's input gradient in one pass: out[i] = y[i] > 0 ? g[i] : 0, so a NaN in y gives 0 and a
 * NaN in g passes where y is positive, as the composition where(y > 0, g, 0) does. `g` and `y`
 * share a shape and the dtype `out`; a strided one is made contiguous first. Long float32 rows
 * run in WebAssembly SIMD as a mask ANDed with g: the signs of y are random in a network, and
 * JavaScript's loop branches on each one (mispredicted half the time).
 */
export function reluBackward(g: View<TypedArray>, y: View<TypedArray>, out: DType): TypedArray {
  const n = numel(g.shape);
  const res = pool.take(out, n);
  const gd = dense(g, out);
  const yd = dense(y, out);
  const [gs, go, ys, yo] = [gd.a, gd.o, yd.a, yd.o];
  const wasm =
    n >= WASM_ELEMENTWISE_FROM &&
    res instanceof Float32Array &&
    wasmBinary(
      'reluGrad',
      res,
      (gs as Float32Array).subarray(go, go + n),
      (ys as Float32Array).subarray(yo, yo + n),
      n,
    );
  if (!wasm) for (let i = 0; i < n; i++) res[i] = ys[yo + i]! > 0 ? gs[go + i]! : 0;
  release(gd, yd);
  return res;
}
