import type { BinaryOp, TypedArray } from '@ag/core';
import { from } from './strided.js';
import { WASM_ELEMENTWISE_FROM, wasmBinary, wasmValue, type WasmValueOp } from './wasm/elementwise.js';

/**
 * Loops for the hot binary ops on contiguous rows: both operands stepping by 1, or one of them a
 * single value (a broadcast scalar, a bias, a softmax's row max). V8 cannot prove that a store
 * into one typed array leaves the others' length and data pointer alone, so it reloads and
 * rechecks them after every store. These loops compute eight values before storing any, which
 * pays that once per eight, and index every array by one counter from 0, which lets V8 share
 * the bounds checks (docs/performance.md compares the three ways).
 */

/** `out[o + j] = op(a[ia + j * sa], b[ib + j * sb])` for j < n: the strided kernels' row. */
export type BinaryRow = (
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

/** `out[j] = op(a[j], b[j])` for j < n. */
type PairLoop = (out: TypedArray, a: TypedArray, b: TypedArray, n: number) => void;
/** `out[j] = op(x[j], s)` (or `op(s, x[j])`) for j < n. */
type ValueLoop = (out: TypedArray, x: TypedArray, s: number, n: number) => void;

function addPair(out: TypedArray, a: TypedArray, b: TypedArray, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = a[j]! + b[j]!,
      v1 = a[j + 1]! + b[j + 1]!,
      v2 = a[j + 2]! + b[j + 2]!,
      v3 = a[j + 3]! + b[j + 3]!;
    const v4 = a[j + 4]! + b[j + 4]!,
      v5 = a[j + 5]! + b[j + 5]!,
      v6 = a[j + 6]! + b[j + 6]!,
      v7 = a[j + 7]! + b[j + 7]!;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = a[j]! + b[j]!;
}

function subPair(out: TypedArray, a: TypedArray, b: TypedArray, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = a[j]! - b[j]!,
      v1 = a[j + 1]! - b[j + 1]!,
      v2 = a[j + 2]! - b[j + 2]!,
      v3 = a[j + 3]! - b[j + 3]!;
    const v4 = a[j + 4]! - b[j + 4]!,
      v5 = a[j + 5]! - b[j + 5]!,
      v6 = a[j + 6]! - b[j + 6]!,
      v7 = a[j + 7]! - b[j + 7]!;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = a[j]! - b[j]!;
}

function mulPair(out: TypedArray, a: TypedArray, b: TypedArray, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = a[j]! * b[j]!,
      v1 = a[j + 1]! * b[j + 1]!,
      v2 = a[j + 2]! * b[j + 2]!,
      v3 = a[j + 3]! * b[j + 3]!;
    const v4 = a[j + 4]! * b[j + 4]!,
      v5 = a[j + 5]! * b[j + 5]!,
      v6 = a[j + 6]! * b[j + 6]!,
      v7 = a[j + 7]! * b[j + 7]!;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = a[j]! * b[j]!;
}

function divPair(out: TypedArray, a: TypedArray, b: TypedArray, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = a[j]! / b[j]!,
      v1 = a[j + 1]! / b[j + 1]!,
      v2 = a[j + 2]! / b[j + 2]!,
      v3 = a[j + 3]! / b[j + 3]!;
    const v4 = a[j + 4]! / b[j + 4]!,
      v5 = a[j + 5]! / b[j + 5]!,
      v6 = a[j + 6]! / b[j + 6]!,
      v7 = a[j + 7]! / b[j + 7]!;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = a[j]! / b[j]!;
}

function addValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = x[j]! + s,
      v1 = x[j + 1]! + s,
      v2 = x[j + 2]! + s,
      v3 = x[j + 3]! + s,
      v4 = x[j + 4]! + s,
      v5 = x[j + 5]! + s,
      v6 = x[j + 6]! + s,
      v7 = x[j + 7]! + s;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = x[j]! + s;
}

function mulValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = x[j]! * s,
      v1 = x[j + 1]! * s,
      v2 = x[j + 2]! * s,
      v3 = x[j + 3]! * s,
      v4 = x[j + 4]! * s,
      v5 = x[j + 5]! * s,
      v6 = x[j + 6]! * s,
      v7 = x[j + 7]! * s;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = x[j]! * s;
}

function divValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = x[j]! / s,
      v1 = x[j + 1]! / s,
      v2 = x[j + 2]! / s,
      v3 = x[j + 3]! / s,
      v4 = x[j + 4]! / s,
      v5 = x[j + 5]! / s,
      v6 = x[j + 6]! / s,
      v7 = x[j + 7]! / s;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = x[j]! / s;
}

/** s - x: not -(x - s), which would turn a +0 difference into -0. */
function rsubValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = s - x[j]!,
      v1 = s - x[j + 1]!,
      v2 = s - x[j + 2]!,
      v3 = s - x[j + 3]!,
      v4 = s - x[j + 4]!,
      v5 = s - x[j + 5]!,
      v6 = s - x[j + 6]!,
      v7 = s - x[j + 7]!;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = s - x[j]!;
}

function rdivValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = s / x[j]!,
      v1 = s / x[j + 1]!,
      v2 = s / x[j + 2]!,
      v3 = s / x[j + 3]!,
      v4 = s / x[j + 4]!,
      v5 = s / x[j + 5]!,
      v6 = s / x[j + 6]!,
      v7 = s / x[j + 7]!;
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = s / x[j]!;
}

type FastOp = 'add' | 'sub' | 'mul' | 'div';

/** One entry per fast op, made once (a row chosen per call costs no allocation). */
function perOp(make: (op: FastOp) => BinaryRow): { [K in FastOp]: BinaryRow } {
  return { add: make('add'), sub: make('sub'), mul: make('mul'), div: make('div') };
}

const pairs: { [K in FastOp]: PairLoop } = { add: addPair, sub: subPair, mul: mulPair, div: divPair };

/**
 * With `b` one value: x - s is exactly x + (-s) in IEEE arithmetic (signed zeros included), so
 * sub shares add's loop; with `a` one value, add and mul commute exactly.
 */
const valueRight: { [K in FastOp]: [ValueLoop, WasmValueOp, negate: boolean] } = {
  add: [addValue, 'addValue', false],
  sub: [addValue, 'addValue', true],
  mul: [mulValue, 'mulValue', false],
  div: [divValue, 'divValue', false],
};
const valueLeft: { [K in FastOp]: [ValueLoop, WasmValueOp] } = {
  add: [addValue, 'addValue'],
  sub: [rsubValue, 'rsubValue'],
  mul: [mulValue, 'mulValue'],
  div: [rdivValue, 'rdivValue'],
};

const pairRows = perOp((op) => {
  const loop = pairs[op];
  return (out, o, a, ia, _sa, b, ib, _sb, n) => {
    const y = from(out, o);
    const x = from(a, ia);
    const z = from(b, ib);
    // Long float32 rows run faster through WebAssembly SIMD, copies included (wasm/elementwise.ts).
    if (n >= WASM_ELEMENTWISE_FROM && isF32(y) && isF32(x) && isF32(z) && wasmBinary(op, y, x, z, n)) return;
    loop(y, x, z, n);
  };
});

function isF32(x: TypedArray): x is Float32Array<ArrayBuffer> {
  return x instanceof Float32Array;
}

const rightValueRows = perOp((op) => {
  const [loop, wasmOp, negate] = valueRight[op];
  return (out, o, a, ia, _sa, b, ib, _sb, n) => {
    valueRow(loop, wasmOp, from(out, o), from(a, ia), negate ? -b[ib]! : b[ib]!, n);
  };
});

const leftValueRows = perOp((op) => {
  const [loop, wasmOp] = valueLeft[op];
  return (out, o, a, ia, _sa, b, ib, _sb, n) => {
    valueRow(loop, wasmOp, from(out, o), from(b, ib), a[ia]!, n);
  };
});

/** A row with one operand a value: long float32 rows through WebAssembly SIMD, as pairs are. */
function valueRow(loop: ValueLoop, wasmOp: WasmValueOp, y: TypedArray, x: TypedArray, s: number, n: number): void {
  if (n >= WASM_ELEMENTWISE_FROM && isF32(y) && isF32(x) && wasmValue(wasmOp, y, x, s, n)) return;
  loop(y, x, s, n);
}

/**
 * The contiguous loop for `op` over rows whose operands step by `sa` and `sb`, or undefined where
 * none applies. int32 mul and div have meanings of their own (Math.imul, truncation), so only
 * add and sub take these loops on int32: their exact double result wraps when stored.
 */
export function contiguousRow(op: BinaryOp, int: boolean, sa: number, sb: number): BinaryRow | undefined {
  if (op !== 'add' && op !== 'sub' && op !== 'mul' && op !== 'div') return undefined;
  if (int && (op === 'mul' || op === 'div')) return undefined;
  if (sa === 1 && sb === 1) return pairRows[op];
  if (sa === 1 && sb === 0) return rightValueRows[op];
  if (sa === 0 && sb === 1) return leftValueRows[op];
  return undefined;
}
