import type { DType, TypedArray, View } from '@ag/core';
import { collapseLayout, flatStep, numel } from '@ag/core';
import { pool } from '../pool.js';
import { readAs, releaseCast } from './copy.js';
import { innerStride, walkRows } from './strided.js';
import { selectContiguous } from './where-select.js';

/**
 * `cond ? a : b` elementwise. `a` and `b` are read as `out` first, so a bool result holds only
 * 0 and 1 and an int32 result holds only what a cast would give.
 */
export function where(cond: View<TypedArray>, a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  const x = readAs(a, out);
  const y = readAs(b, out);
  const res = whereInto(cond, x, y, out);
  releaseCast(x, a);
  releaseCast(y, b);
  return res;
}

function whereInto(cond: View<TypedArray>, x: View<TypedArray>, y: View<TypedArray>, out: DType): TypedArray {
  const size = numel(cond.shape);
  const res = pool.take(out, size);
  if (size === 0) return res;
  const cs = cond.storage;
  const xs = x.storage;
  const ys = y.storage;
  // Contiguous operands and broadcast scalars are one flat row: no layout to build, no walk.
  const fc = flatStep(cond.shape, cond.strides);
  const fa = flatStep(x.shape, x.strides);
  const fb = flatStep(y.shape, y.strides);
  if (fc >= 0 && fa >= 0 && fb >= 0) {
    if (fc === 1 && selectContiguous(res, cs, cond.offset, xs, x.offset, fa, ys, y.offset, fb, size)) return res;
    whereRow(res, 0, cs, cond.offset, fc, xs, x.offset, fa, ys, y.offset, fb, size);
    return res;
  }
  const layout = collapseLayout(cond.shape, [cond.strides, x.strides, y.strides]);
  const sc = innerStride(layout, 0);
  const sa = innerStride(layout, 1);
  const sb = innerStride(layout, 2);
  walkRows(layout, [cond.offset, x.offset, y.offset], (pos, o, n) => {
    whereRow(res, o, cs, pos[0]!, sc, xs, pos[1]!, sa, ys, pos[2]!, sb, n);
  });
  return res;
}

/** `out[o + j] = c[ic + j * sc] !== 0 ? a[ia + j * sa] : b[ib + j * sb]` for j < n. */
function whereRow(
  out: TypedArray,
  o: number,
  c: TypedArray,
  ic: number,
  sc: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): void {
  for (let j = 0; j < n; j++, ic += sc, ia += sa, ib += sb) out[o + j] = c[ic] !== 0 ? a[ia]! : b[ib]!;
}
