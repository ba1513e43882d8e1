import type { BinaryOp, DType, TypedArray, View } from '@ag/core';
import { collapseLayout, flatStep, numel } from '@ag/core';
import { pool } from '../pool.js';
import type { BinaryRow } from './contiguous-binary.js';
import { contiguousRow } from './contiguous-binary.js';
import { readAs, releaseCast, toBool } from './copy.js';
import { innerStride, layoutTakesContiguous, walkRows } from './strided.js';
import { binaryFns, intBinaryFns } from './table.js';

export function binary(op: BinaryOp, a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  // Operands are read as `out` (see readAs: no copy when none is needed). On bool, compute on 0/1
  // in float64 and normalize (True + True is True).
  const x = readAs(a, out);
  const y = readAs(b, out);
  const res = binaryInto(op, x, y, out === 'bool' ? 'float64' : out);
  releaseCast(x, a);
  releaseCast(y, b);
  return out === 'bool' ? toBool(res) : res;
}

function binaryInto(op: BinaryOp, a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  const size = numel(a.shape);
  const res = pool.take(out, size);
  if (size === 0) return res;
  const as = a.storage;
  const bs = b.storage;
  const int = out === 'int32';
  // Contiguous operands and broadcast scalars (0-d and one-element tensors included) are one flat
  // row: no layout to build, no walk (the per-call cost of scalar ops, as in an autograd chain).
  const fa = flatStep(a.shape, a.strides);
  const fb = flatStep(b.shape, b.strides);
  if (fa >= 0 && fb >= 0) {
    const row = contiguousRow(op, int, fa, fb) ?? rowFor(op, int);
    row(res, 0, as, a.offset, fa, bs, b.offset, fb, size);
    return res;
  }
  const layout = collapseLayout(a.shape, [a.strides, b.strides]);
  const sa = innerStride(layout, 0);
  const sb = innerStride(layout, 1);
  const row = (layoutTakesContiguous(layout) ? contiguousRow(op, int, sa, sb) : undefined) ?? rowFor(op, int);
  walkRows(layout, [a.offset, b.offset], (pos, o, n) => {
    row(res, o, as, pos[0]!, sa, bs, pos[1]!, sb, n);
  });
  return res;
}

/**
 * The loop for `op`, chosen once per call. add, sub, maximum and minimum mean the same on int32
 * (two int32 sum exactly in a double and the Int32Array store wraps), so they share the float
 * loops; int32 mul needs Math.imul. The rest go through the tables.
 */
function rowFor(op: BinaryOp, int: boolean): BinaryRow {
  switch (op) {
    case 'add':
      return addRow;
    case 'sub':
      return subRow;
    case 'mul':
      return int ? imulRow : mulRow;
    case 'div':
      return int ? intTableRows.div : divRow;
    case 'maximum':
      return maxRow;
    case 'minimum':
      return minRow;
    case 'pow':
    case 'atan2':
    case 'remainder':
    case 'fmod':
    case 'bitwiseAnd':
    case 'bitwiseOr':
    case 'bitwiseXor':
    case 'bitwiseLeftShift':
    case 'bitwiseRightShift':
      return (int ? intTableRows : tableRows)[op];
  }
}

function addRow(
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = a[ia]! + b[ib]!;
}

function subRow(
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = a[ia]! - b[ib]!;
}

function mulRow(
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = a[ia]! * b[ib]!;
}

function imulRow(
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = Math.imul(a[ia]!, b[ib]!);
}

function divRow(
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = a[ia]! / b[ib]!;
}

// Math.max and Math.min keep NaN, as torch.maximum and torch.minimum do.
function maxRow(
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = Math.max(a[ia]!, b[ib]!);
}

function minRow(
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = Math.min(a[ia]!, b[ib]!);
}

/** The table's loops, made once (a loop made per call would be a closure per call). */
const tableRows = perOp(binaryFns);
const intTableRows = perOp(intBinaryFns);

function perOp(fns: { [K in BinaryOp]: (x: number, y: number) => number }): { [K in BinaryOp]: BinaryRow } {
  const rows = {} as { [K in BinaryOp]: BinaryRow };
  for (const op of Object.keys(fns) as BinaryOp[]) rows[op] = tableRow(fns[op]);
  return rows;
}

function tableRow(fn: (x: number, y: number) => number): BinaryRow {
  return (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = fn(a[ia]!, b[ib]!);
  };
}
