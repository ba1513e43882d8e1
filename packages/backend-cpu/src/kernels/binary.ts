import type { BinaryOp, DType, TypedArray, View } from '@ag/core';
import { allocHost, numel } from '@ag/core';
import { readAs, toBool } from './copy.js';
import { coalesce, innerStride, walkRows } from './strided.js';
import { binaryFns, intBinaryFns } from './table.js';

/** `out[o + j] = op(a[ia + j * sa], b[ib + j * sb])` for j < n; a broadcast operand has stride 0. */
type BinaryRow = (
  out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number,
) => void;

export function binary(op: BinaryOp, a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  // On bool, compute on 0/1 in float64 and normalize (True + True is True).
  if (out === 'bool') return toBool(binaryInto(op, readAs(a, 'bool'), readAs(b, 'bool'), 'float64'));
  return binaryInto(op, readAs(a, out), readAs(b, out), out);
}

function binaryInto(op: BinaryOp, a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  const size = numel(a.shape);
  const res = allocHost(out, size);
  if (size === 0) return res;
  const layout = coalesce(a.shape, [a.strides, b.strides]);
  const sa = innerStride(layout, 0);
  const sb = innerStride(layout, 1);
  const as = a.storage;
  const bs = b.storage;
  const row = rowFor(op, out === 'int32');
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
