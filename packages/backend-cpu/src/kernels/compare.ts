import type { CompareOp, DType, TypedArray, View } from '@ag/core';
import { collapseLayout, flatStep, numel } from '@ag/core';
import { pool } from '../pool.js';
import { compareWithValue } from './contiguous-compare.js';
import { readAs, releaseCast } from './copy.js';
import { innerStride, walkRows } from './strided.js';

/** `out[o + j] = a[ia + j * sa] op b[ib + j * sb]` as 0 or 1, for j < n. */
type CompareRow = (
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
) => void;

/**
 * Elementwise comparison into bool. Operands are compared in `cmp` (an int32 beyond 2^24 compared
 * as float32 is rounded first, as in PyTorch). JavaScript's comparisons already follow IEEE:
 * every comparison with NaN is false except `!=`.
 */
export function compare(op: CompareOp, a: View<TypedArray>, b: View<TypedArray>, cmp: DType): TypedArray {
  const x = readAs(a, cmp);
  const y = readAs(b, cmp);
  const res = compareInto(op, x, y);
  releaseCast(x, a);
  releaseCast(y, b);
  return res;
}

function compareInto(op: CompareOp, x: View<TypedArray>, y: View<TypedArray>): TypedArray {
  const size = numel(x.shape);
  const res = pool.take('bool', size);
  if (size === 0) return res;
  const xs = x.storage;
  const ys = y.storage;
  const row = rows[op];
  // Contiguous operands and broadcast scalars are one flat row: no layout to build, no walk.
  const fa = flatStep(x.shape, x.strides);
  const fb = flatStep(y.shape, y.strides);
  if (fa >= 0 && fb >= 0) {
    if (compareWithValue(op, res, xs, x.offset, fa, ys, y.offset, fb, size)) return res;
    row(res, 0, xs, x.offset, fa, ys, y.offset, fb, size);
    return res;
  }
  const layout = collapseLayout(x.shape, [x.strides, y.strides]);
  const sa = innerStride(layout, 0);
  const sb = innerStride(layout, 1);
  walkRows(layout, [x.offset, y.offset], (pos, o, n) => {
    row(res, o, xs, pos[0]!, sa, ys, pos[1]!, sb, n);
  });
  return res;
}

// One loop per op, so each comparison compiles inline; `+(bool)` stores 0 or 1 without a branch.
const rows: { [K in CompareOp]: CompareRow } = {
  eq(out, o, a, ia, sa, b, ib, sb, n) {
    for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = +(a[ia]! === b[ib]!);
  },
  ne(out, o, a, ia, sa, b, ib, sb, n) {
    for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = +(a[ia]! !== b[ib]!);
  },
  lt(out, o, a, ia, sa, b, ib, sb, n) {
    for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = +(a[ia]! < b[ib]!);
  },
  le(out, o, a, ia, sa, b, ib, sb, n) {
    for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = +(a[ia]! <= b[ib]!);
  },
  gt(out, o, a, ia, sa, b, ib, sb, n) {
    for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = +(a[ia]! > b[ib]!);
  },
  ge(out, o, a, ia, sa, b, ib, sb, n) {
    for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = +(a[ia]! >= b[ib]!);
  },
};
