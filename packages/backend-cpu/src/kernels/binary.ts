import type { BinaryOp, DType, TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { pool } from '../pool.js';
import type { BinaryRow } from './contiguous-binary.js';
import { contiguousRow } from './contiguous-binary.js';
import { readingBothAs, toBool } from './copy.js';
import { coalesce, innerStride, layoutTakesContiguous, walkRows } from './strided.js';
import { binaryFns, intBinaryFns } from './table.js';

export function binary(op: BinaryOp, a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  // On bool, compute on 0/1 in float64 and normalize (True + True is True).
  const res = readingBothAs(a, b, out, (x, y) => binaryInto(op, x, y, out === 'bool' ? 'float64' : out));
  return out === 'bool' ? toBool(res) : res;
}

function binaryInto(op: BinaryOp, a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  const size = numel(a.shape);
  const res = pool.take(out, size);
  if (size === 0) return res;
  const layout = coalesce(a.shape, [a.strides, b.strides]);
  const sa = innerStride(layout, 0);
  const sb = innerStride(layout, 1);
  const as = a.storage;
  const bs = b.storage;
  const int = out === 'int32';
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
      return int ? tableRow(intBinaryFns.div) : divRow;
    case 'maximum':
      return maxRow;
    case 'minimum':
      return minRow;
    case 'pow':
    case 'atan2':
    case 'remainder':
    case 'fmod':
      return tableRow(int ? intBinaryFns[op] : binaryFns[op]);
  }
}

function addRow(out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = a[ia]! + b[ib]!;
}

function subRow(out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = a[ia]! - b[ib]!;
}

function mulRow(out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = a[ia]! * b[ib]!;
}

function imulRow(out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = Math.imul(a[ia]!, b[ib]!);
}

function divRow(out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = a[ia]! / b[ib]!;
}

// Math.max and Math.min keep NaN, as torch.maximum and torch.minimum do.
function maxRow(out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = Math.max(a[ia]!, b[ib]!);
}

function minRow(out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number): void {
  for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = Math.min(a[ia]!, b[ib]!);
}

function tableRow(fn: (x: number, y: number) => number): BinaryRow {
  return (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let j = 0; j < n; j++, ia += sa, ib += sb) out[o + j] = fn(a[ia]!, b[ib]!);
  };
}
