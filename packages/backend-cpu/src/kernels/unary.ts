import type { DType, TypedArray, UnaryOp, View } from '@ag/core';
import { allocHost, numel } from '@ag/core';
import { readAs, toBool } from './copy.js';
import { coalesce, innerStride, walkRows } from './strided.js';
import { unaryFns } from './table.js';

/** `out[o + j] = op(x[i + j * s])` for j < n. */
type UnaryRow = (out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number) => void;

export function unary(op: UnaryOp, x: View<TypedArray>, out: DType): TypedArray {
  // logicalNot reads any dtype as is (x == 0) and its results are already 0 or 1.
  if (op === 'logicalNot') return unaryInto(op, x, out);
  // Other ops on bool compute on 0/1 in float64 and normalize, so a -1 never lands as 255.
  if (out === 'bool') return toBool(unaryInto(op, readAs(x, 'bool'), 'float64'));
  return unaryInto(op, readAs(x, out), out);
}

function unaryInto(op: UnaryOp, x: View<TypedArray>, out: DType): TypedArray {
  const size = numel(x.shape);
  const res = allocHost(out, size);
  if (size === 0) return res;
  const layout = coalesce(x.shape, [x.strides]);
  const s = innerStride(layout, 0);
  const src = x.storage;
  const row = rowFor(op);
  walkRows(layout, [x.offset], (pos, o, n) => {
    row(res, o, src, pos[0]!, s, n);
  });
  return res;
}

/**
 * The loop for `op`, chosen once per call: the hot ops of training get loops of their own (a call
 * through the table per element costs about twice the arithmetic), the rest use the table. Every
 * op has the same meaning on int32 as on floats, the store into an Int32Array wrapping the result.
 */
function rowFor(op: UnaryOp): UnaryRow {
  return fastRows[op] ?? tableRow(unaryFns[op]);
}

function negRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = -x[i]!;
}

function expRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = Math.exp(x[i]!);
}

/**
 * relu without a branch: V8 compiles Math.max(v, 0) and `v > 0 ? v : 0` to jumps, which
 * mispredict on mixed signs (about 3x slower here). `(v > 0) * v` alone would turn -Infinity
 * into NaN and negatives into -0, hence the clamp (a well-predicted branch) and the `+ 0`.
 * NaN stays NaN, as in torch.relu.
 */
function reluRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) {
    const v = x[i]!;
    out[o + j] = +(v > 0) * Math.max(v, -Number.MAX_VALUE) + 0;
  }
}

function sigmoidRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = 1 / (1 + Math.exp(-x[i]!));
}

function tanhRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = Math.tanh(x[i]!);
}

const fastRows: Partial<Record<UnaryOp, UnaryRow>> = {
  neg: negRow,
  exp: expRow,
  relu: reluRow,
  sigmoid: sigmoidRow,
  tanh: tanhRow,
};

function tableRow(fn: (x: number) => number): UnaryRow {
  return (out, o, x, i, s, n) => {
    for (let j = 0; j < n; j++, i += s) out[o + j] = fn(x[i]!);
  };
}
