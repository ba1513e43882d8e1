import type { CompareOp, DType, TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { pool } from '../pool.js';
import { readingBothAs } from './copy.js';
import { coalesce, innerStride, walkRows } from './strided.js';

/** `out[o + j] = a[ia + j * sa] op b[ib + j * sb]` as 0 or 1, for j < n. */
type CompareRow = (
  out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number,
) => void;

/**
 * Elementwise comparison into bool. Operands are compared in `cmp` (an int32 beyond 2^24 compared
 * as float32 is rounded first, as in PyTorch). JavaScript's comparisons already follow IEEE:
 * every comparison with NaN is false except `!=`.
 */
export function compare(op: CompareOp, a: View<TypedArray>, b: View<TypedArray>, cmp: DType): TypedArray {
  return readingBothAs(a, b, cmp, (x, y) => compareInto(op, x, y));
}

function compareInto(op: CompareOp, x: View<TypedArray>, y: View<TypedArray>): TypedArray {
  const size = numel(x.shape);
  const res = pool.take('bool', size);
  if (size === 0) return res;
  const layout = coalesce(x.shape, [x.strides, y.strides]);
  const sa = innerStride(layout, 0);
  const sb = innerStride(layout, 1);
  const xs = x.storage;
  const ys = y.storage;
  const row = rows[op];
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
