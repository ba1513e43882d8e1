import type { DType, TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { pool } from '../pool.js';
import { readingBothAs } from './copy.js';
import { coalesce, innerStride, walkRows } from './strided.js';

/**
 * `cond ? a : b` elementwise. `a` and `b` are read as `out` first, so a bool result holds only
 * 0 and 1 and an int32 result holds only what a cast would give.
 */
export function where(cond: View<TypedArray>, a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  return readingBothAs(a, b, out, (x, y) => whereInto(cond, x, y, out));
}

function whereInto(cond: View<TypedArray>, x: View<TypedArray>, y: View<TypedArray>, out: DType): TypedArray {
  const size = numel(cond.shape);
  const res = pool.take(out, size);
  if (size === 0) return res;
  const layout = coalesce(cond.shape, [cond.strides, x.strides, y.strides]);
  const sc = innerStride(layout, 0);
  const sa = innerStride(layout, 1);
  const sb = innerStride(layout, 2);
  const cs = cond.storage;
  const xs = x.storage;
  const ys = y.storage;
  walkRows(layout, [cond.offset, x.offset, y.offset], (pos, o, n) => {
    let ic = pos[0]!;
    let ia = pos[1]!;
    let ib = pos[2]!;
    for (let j = 0; j < n; j++, ic += sc, ia += sa, ib += sb) res[o + j] = cs[ic] !== 0 ? xs[ia]! : ys[ib]!;
  });
  return res;
}
