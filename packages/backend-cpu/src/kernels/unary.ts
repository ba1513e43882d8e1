import type { DType, TypedArray, UnaryOp, View } from '@ag/core';
import { collapseLayout, flatStep, numel } from '@ag/core';
import { pool } from '../pool.js';
import { readAs, releaseCast, toBool } from './copy.js';
import { from, innerStride, layoutTakesContiguous, walkRows } from './strided.js';
import { unaryFns } from './table.js';
import { WASM_ELEMENTWISE_FROM, wasmRelu } from './wasm/elementwise.js';

/** `out[o + j] = op(x[i + j * s])` for j < n. */
type UnaryRow = (out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number) => void;

export function unary(op: UnaryOp, x: View<TypedArray>, out: DType): TypedArray {
  // logicalNot reads any dtype as is (x == 0) and its results are already 0 or 1.
  if (op === 'logicalNot') return unaryInto(op, x, out);
  // Other ops on bool compute on 0/1 in float64 and normalize, so a -1 never lands as 255.
  const read = readAs(x, out);
  const res = unaryInto(op, read, out === 'bool' ? 'float64' : out);
  releaseCast(read, x);
  return out === 'bool' ? toBool(res) : res;
}

function unaryInto(op: UnaryOp, x: View<TypedArray>, out: DType): TypedArray {
  const size = numel(x.shape);
  const res = pool.take(out, size);
  if (size === 0) return res;
  const src = x.storage;
  // A contiguous input or a broadcast scalar is one flat row: no layout to build, no walk.
  const f = flatStep(x.shape, x.strides);
  if (f >= 0) {
    const row = f === 1 ? (contiguousRows[op] ?? rowFor(op)) : rowFor(op);
    row(res, 0, src, x.offset, f, size);
    return res;
  }
  const layout = collapseLayout(x.shape, [x.strides]);
  const s = innerStride(layout, 0);
  const row = s === 1 && layoutTakesContiguous(layout) ? (contiguousRows[op] ?? rowFor(op)) : rowFor(op);
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
  return fastRows[op] ?? tableRows[op];
}

function negRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = -x[i]!;
}

function expRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = Math.exp(x[i]!);
}

/**
 * relu without a branch: V8 compiles Math.max(v, 0) and `v > 0 ? v : 0` to jumps, which
 * mispredict on mixed signs. `(v > 0) * v` alone would turn -Infinity
 * into NaN and negatives into -0, hence the clamp (a well-predicted branch) and the `+ 0`.
 * NaN stays NaN, as in torch.relu.
 */
function relu(v: number): number {
  return +(v > 0) * Math.max(v, -Number.MAX_VALUE) + 0;
}

function reluRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = relu(x[i]!);
}

function sigmoidRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = 1 / (1 + Math.exp(-x[i]!));
}

function tanhRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = Math.tanh(x[i]!);
}

/**
 * relu on a contiguous row, unrolled by eight with every value computed before any is stored: V8
 * rechecks the arrays after each store into a typed array, so this pays it once per eight (see
 * contiguous-binary.ts).
 */
function reluContiguous(out: TypedArray, o: number, src: TypedArray, i: number, _s: number, n: number): void {
  const y = from(out, o);
  const x = from(src, i);
  // Long float32 rows run faster through WebAssembly SIMD, copies included (wasm/elementwise.ts).
  if (n >= WASM_ELEMENTWISE_FROM && y instanceof Float32Array && x instanceof Float32Array && wasmRelu(y, x, n)) return;
  reluLoop(y, x, n);
}

/** The JavaScript loop of {@link reluContiguous}, a function of its own so that V8 optimizes it apart. */
function reluLoop(y: TypedArray, x: TypedArray, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = relu(x[j]!),
      v1 = relu(x[j + 1]!),
      v2 = relu(x[j + 2]!),
      v3 = relu(x[j + 3]!);
    const v4 = relu(x[j + 4]!),
      v5 = relu(x[j + 5]!),
      v6 = relu(x[j + 6]!),
      v7 = relu(x[j + 7]!);
    y[j] = v0;
    y[j + 1] = v1;
    y[j + 2] = v2;
    y[j + 3] = v3;
    y[j + 4] = v4;
    y[j + 5] = v5;
    y[j + 6] = v6;
    y[j + 7] = v7;
  }
  for (; j < n; j++) y[j] = relu(x[j]!);
}

/** exp on a contiguous row, the same way: softmax's heaviest step, worth its own loop over expRow. */
function expContiguous(out: TypedArray, o: number, src: TypedArray, i: number, _s: number, n: number): void {
  const y = from(out, o);
  const x = from(src, i);
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = Math.exp(x[j]!),
      v1 = Math.exp(x[j + 1]!),
      v2 = Math.exp(x[j + 2]!),
      v3 = Math.exp(x[j + 3]!);
    const v4 = Math.exp(x[j + 4]!),
      v5 = Math.exp(x[j + 5]!),
      v6 = Math.exp(x[j + 6]!),
      v7 = Math.exp(x[j + 7]!);
    y[j] = v0;
    y[j + 1] = v1;
    y[j + 2] = v2;
    y[j + 3] = v3;
    y[j + 4] = v4;
    y[j + 5] = v5;
    y[j + 6] = v6;
    y[j + 7] = v7;
  }
  for (; j < n; j++) y[j] = Math.exp(x[j]!);
}

/** Rows for contiguous inputs, where they differ from the strided ones. */
const contiguousRows: Partial<Record<UnaryOp, UnaryRow>> = { relu: reluContiguous, exp: expContiguous };

const fastRows: Partial<Record<UnaryOp, UnaryRow>> = {
  neg: negRow,
  exp: expRow,
  relu: reluRow,
  sigmoid: sigmoidRow,
  tanh: tanhRow,
};

/** The table's loops, made once (a loop made per call would be a closure per call). */
const tableRows = Object.fromEntries(Object.entries(unaryFns).map(([op, fn]) => [op, tableRow(fn)])) as {
  [K in UnaryOp]: UnaryRow;
};

function tableRow(fn: (x: number) => number): UnaryRow {
  return (out, o, x, i, s, n) => {
    for (let j = 0; j < n; j++, i += s) out[o + j] = fn(x[i]!);
  };
}
