import type { DType, TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { pool } from '../pool.js';
import { dense, release } from './dense.js';

/**
 * softmax's input gradient along `axis` in one pass per line: out = y * (g - sum(g * y)), or,
 * with `log` (y a logSoftmax), out = g - exp(y) * sum(g). The sums accumulate in float64, as the
 * reductions do. `g` and `y` share a shape and the dtype `out`; a strided one is made
 * contiguous first, so each line is `n` values `inner` apart.
 */
export function softmaxBackward(
  g: View<TypedArray>,
  y: View<TypedArray>,
  axis: number,
  log: boolean,
  out: DType,
): TypedArray {
  const { shape } = g;
  const size = numel(shape);
  const res = pool.take(out, size);
  const gd = dense(g, out);
  const yd = dense(y, out);
  const [gs, go, ys, yo] = [gd.a, gd.o, yd.a, yd.o];
  const n = shape[axis]!;
  const inner = numel(shape.slice(axis + 1));
  const outer = numel(shape.slice(0, axis));
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      const end = base + n * inner;
      let s = 0;
      if (log) {
        for (let j = base; j < end; j += inner) s += gs[go + j]!;
        for (let j = base; j < end; j += inner) res[j] = gs[go + j]! - Math.exp(ys[yo + j]!) * s;
      } else {
        for (let j = base; j < end; j += inner) s += gs[go + j]! * ys[yo + j]!;
        for (let j = base; j < end; j += inner) res[j] = ys[yo + j]! * (gs[go + j]! - s);
      }
    }
  }
  release(gd, yd);
  return res;
}
