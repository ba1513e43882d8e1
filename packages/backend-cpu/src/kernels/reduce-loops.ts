/**
 * The inner loops of reductions, one per kind: the four ops on floats (accumulating in float64)
 * and the wrapping int32 sum and product. Two shapes of loop: a fold reduces one strided row to a
 * value, an accumulate adds a strided row of inputs into a strided row of accumulators.
 */
import { WASM_ELEMENTWISE_FROM, wasmSum } from './wasm/elementwise.js';

export type ReduceKind = 'sum' | 'prod' | 'max' | 'min' | 'isum' | 'iprod';
type Acc = Float64Array | Int32Array;
type Src = ArrayLike<number>;

/** Reduces x[i], x[i + s], ... (n values) to one value. */
export type Fold = (x: Src, i: number, s: number, n: number) => number;
/** Combines a folded value into an accumulator. */
export type Merge = (acc: number, v: number) => number;
/** acc[a + j * sa] = merge(acc[a + j * sa], x[i + j * s]) for j < n. */
export type Accumulate = (acc: Acc, a: number, sa: number, x: Src, i: number, s: number, n: number) => void;

// Folds keep four independent accumulators: one would serialize on the add latency.

function sum(x: Src, i: number, s: number, n: number): number {
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0;
  const s4 = 4 * s;
  let j = 0;
  for (; j + 4 <= n; j += 4, i += s4) {
    a0 += x[i]!;
    a1 += x[i + s]!;
    a2 += x[i + 2 * s]!;
    a3 += x[i + 3 * s]!;
  }
  for (; j < n; j++, i += s) a0 += x[i]!;
  return a0 + a1 + (a2 + a3);
}

/**
 * sum over a contiguous row, from index 0 (a row elsewhere is a subarray): eight accumulators,
 * indexed by one counter, which V8 compiles tighter than the strided fold with its four
 * (docs/performance.md).
 */
export function sumContiguous(x: Src, n: number): number {
  // Long float32 rows run faster through WebAssembly SIMD, copies included (wasm/elementwise.ts).
  if (n >= WASM_ELEMENTWISE_FROM && x instanceof Float32Array) {
    const s = wasmSum(x, n);
    if (s !== undefined) return s;
  }
  return sumRow(x, n);
}

/** The JavaScript loop of {@link sumContiguous}, a function of its own so that V8 optimizes it apart. */
function sumRow(x: Src, n: number): number {
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0,
    a4 = 0,
    a5 = 0,
    a6 = 0,
    a7 = 0;
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    a0 += x[j]!;
    a1 += x[j + 1]!;
    a2 += x[j + 2]!;
    a3 += x[j + 3]!;
    a4 += x[j + 4]!;
    a5 += x[j + 5]!;
    a6 += x[j + 6]!;
    a7 += x[j + 7]!;
  }
  for (; j < n; j++) a0 += x[j]!;
  return a0 + a1 + (a2 + a3) + (a4 + a5 + (a6 + a7));
}

/**
 * acc[a + j] += x[i + p * inner + j] over p < r, for j < inner: a contiguous [r, inner] block
 * summed over its rows (a bias's gradient). Eight columns at a time go down all r rows in local
 * accumulators, instead of loading and storing every accumulator once per row
 * (docs/performance.md). Each column still adds its rows in order, so the
 * result is the row-by-row one, bit for bit.
 */
export function sumColumns(acc: Acc, a: number, x: Src, i: number, r: number, inner: number): void {
  let j = 0;
  for (; j + 8 <= inner; j += 8) {
    const c = a + j;
    let s0 = acc[c]!,
      s1 = acc[c + 1]!,
      s2 = acc[c + 2]!,
      s3 = acc[c + 3]!;
    let s4 = acc[c + 4]!,
      s5 = acc[c + 5]!,
      s6 = acc[c + 6]!,
      s7 = acc[c + 7]!;
    for (let p = 0, k = i + j; p < r; p++, k += inner) {
      s0 += x[k]!;
      s1 += x[k + 1]!;
      s2 += x[k + 2]!;
      s3 += x[k + 3]!;
      s4 += x[k + 4]!;
      s5 += x[k + 5]!;
      s6 += x[k + 6]!;
      s7 += x[k + 7]!;
    }
    acc[c] = s0;
    acc[c + 1] = s1;
    acc[c + 2] = s2;
    acc[c + 3] = s3;
    acc[c + 4] = s4;
    acc[c + 5] = s5;
    acc[c + 6] = s6;
    acc[c + 7] = s7;
  }
  for (; j < inner; j++) {
    let s = acc[a + j]!;
    for (let p = 0, k = i + j; p < r; p++, k += inner) s += x[k]!;
    acc[a + j] = s;
  }
}

function prod(x: Src, i: number, s: number, n: number): number {
  let a0 = 1,
    a1 = 1,
    a2 = 1,
    a3 = 1;
  const s4 = 4 * s;
  let j = 0;
  for (; j + 4 <= n; j += 4, i += s4) {
    a0 *= x[i]!;
    a1 *= x[i + s]!;
    a2 *= x[i + 2 * s]!;
    a3 *= x[i + 3 * s]!;
  }
  for (; j < n; j++, i += s) a0 *= x[i]!;
  return a0 * a1 * (a2 * a3);
}

// Math.max and Math.min return NaN when any argument is NaN, which is torch's max/min.
function max(x: Src, i: number, s: number, n: number): number {
  let a0 = -Infinity,
    a1 = -Infinity,
    a2 = -Infinity,
    a3 = -Infinity;
  const s4 = 4 * s;
  let j = 0;
  for (; j + 4 <= n; j += 4, i += s4) {
    a0 = Math.max(a0, x[i]!);
    a1 = Math.max(a1, x[i + s]!);
    a2 = Math.max(a2, x[i + 2 * s]!);
    a3 = Math.max(a3, x[i + 3 * s]!);
  }
  for (; j < n; j++, i += s) a0 = Math.max(a0, x[i]!);
  return Math.max(a0, a1, a2, a3);
}

function min(x: Src, i: number, s: number, n: number): number {
  let a0 = Infinity,
    a1 = Infinity,
    a2 = Infinity,
    a3 = Infinity;
  const s4 = 4 * s;
  let j = 0;
  for (; j + 4 <= n; j += 4, i += s4) {
    a0 = Math.min(a0, x[i]!);
    a1 = Math.min(a1, x[i + s]!);
    a2 = Math.min(a2, x[i + 2 * s]!);
    a3 = Math.min(a3, x[i + 3 * s]!);
  }
  for (; j < n; j++, i += s) a0 = Math.min(a0, x[i]!);
  return Math.min(a0, a1, a2, a3);
}

// Integer sums and products are associative modulo 2^32, so splitting them changes nothing.
function isum(x: Src, i: number, s: number, n: number): number {
  let a0 = 0,
    a1 = 0;
  let j = 0;
  for (; j + 2 <= n; j += 2, i += 2 * s) {
    a0 = (a0 + x[i]!) | 0;
    a1 = (a1 + x[i + s]!) | 0;
  }
  for (; j < n; j++, i += s) a0 = (a0 + x[i]!) | 0;
  return (a0 + a1) | 0;
}

function iprod(x: Src, i: number, s: number, n: number): number {
  let a = 1;
  for (let j = 0; j < n; j++, i += s) a = Math.imul(a, x[i]!);
  return a;
}

export const folds: { [K in ReduceKind]: Fold } = { sum, prod, max, min, isum, iprod };

export const merges: { [K in ReduceKind]: Merge } = {
  sum: (a, v) => a + v,
  prod: (a, v) => a * v,
  max: Math.max,
  min: Math.min,
  isum: (a, v) => (a + v) | 0,
  iprod: Math.imul,
};

// Accumulates: the column case (reducing leading axes), where a whole input row adds into a
// whole output row, reading both along memory.
export const accumulates: { [K in ReduceKind]: Accumulate } = {
  sum(acc, a, sa, x, i, s, n) {
    for (let j = 0; j < n; j++, a += sa, i += s) acc[a] = acc[a]! + x[i]!;
  },
  prod(acc, a, sa, x, i, s, n) {
    for (let j = 0; j < n; j++, a += sa, i += s) acc[a] = acc[a]! * x[i]!;
  },
  max(acc, a, sa, x, i, s, n) {
    for (let j = 0; j < n; j++, a += sa, i += s) acc[a] = Math.max(acc[a]!, x[i]!);
  },
  min(acc, a, sa, x, i, s, n) {
    for (let j = 0; j < n; j++, a += sa, i += s) acc[a] = Math.min(acc[a]!, x[i]!);
  },
  // The Int32Array store wraps the exact double sum.
  isum(acc, a, sa, x, i, s, n) {
    for (let j = 0; j < n; j++, a += sa, i += s) acc[a] = acc[a]! + x[i]!;
  },
  iprod(acc, a, sa, x, i, s, n) {
    for (let j = 0; j < n; j++, a += sa, i += s) acc[a] = Math.imul(acc[a]!, x[i]!);
  },
};
