import type { CompareOp, TypedArray } from '@ag/core';

/**
 * Loops for comparing a contiguous row with one value (a relu's backward `y > 0`, a dropout mask's
 * `u < p`, a clamp's bounds), written as contiguous-binary.ts writes its loops: indexed from 0,
 * eight results computed before any is stored, which beats the strided loop (shared by every
 * dtype, so polymorphic): docs/performance.md.
 */

/** `out[j] = x[j] op s` as 0 or 1, for j < n. */
type ValueLoop = (out: TypedArray, x: TypedArray, s: number, n: number) => void;

function eqValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = +(x[j]! === s),
      v1 = +(x[j + 1]! === s),
      v2 = +(x[j + 2]! === s),
      v3 = +(x[j + 3]! === s);
    const v4 = +(x[j + 4]! === s),
      v5 = +(x[j + 5]! === s),
      v6 = +(x[j + 6]! === s),
      v7 = +(x[j + 7]! === s);
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = +(x[j]! === s);
}

function neValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = +(x[j]! !== s),
      v1 = +(x[j + 1]! !== s),
      v2 = +(x[j + 2]! !== s),
      v3 = +(x[j + 3]! !== s);
    const v4 = +(x[j + 4]! !== s),
      v5 = +(x[j + 5]! !== s),
      v6 = +(x[j + 6]! !== s),
      v7 = +(x[j + 7]! !== s);
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = +(x[j]! !== s);
}

function ltValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = +(x[j]! < s),
      v1 = +(x[j + 1]! < s),
      v2 = +(x[j + 2]! < s),
      v3 = +(x[j + 3]! < s);
    const v4 = +(x[j + 4]! < s),
      v5 = +(x[j + 5]! < s),
      v6 = +(x[j + 6]! < s),
      v7 = +(x[j + 7]! < s);
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = +(x[j]! < s);
}

function leValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = +(x[j]! <= s),
      v1 = +(x[j + 1]! <= s),
      v2 = +(x[j + 2]! <= s),
      v3 = +(x[j + 3]! <= s);
    const v4 = +(x[j + 4]! <= s),
      v5 = +(x[j + 5]! <= s),
      v6 = +(x[j + 6]! <= s),
      v7 = +(x[j + 7]! <= s);
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = +(x[j]! <= s);
}

function gtValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = +(x[j]! > s),
      v1 = +(x[j + 1]! > s),
      v2 = +(x[j + 2]! > s),
      v3 = +(x[j + 3]! > s);
    const v4 = +(x[j + 4]! > s),
      v5 = +(x[j + 5]! > s),
      v6 = +(x[j + 6]! > s),
      v7 = +(x[j + 7]! > s);
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = +(x[j]! > s);
}

function geValue(out: TypedArray, x: TypedArray, s: number, n: number): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const v0 = +(x[j]! >= s),
      v1 = +(x[j + 1]! >= s),
      v2 = +(x[j + 2]! >= s),
      v3 = +(x[j + 3]! >= s);
    const v4 = +(x[j + 4]! >= s),
      v5 = +(x[j + 5]! >= s),
      v6 = +(x[j + 6]! >= s),
      v7 = +(x[j + 7]! >= s);
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
    out[j + 4] = v4;
    out[j + 5] = v5;
    out[j + 6] = v6;
    out[j + 7] = v7;
  }
  for (; j < n; j++) out[j] = +(x[j]! >= s);
}

const valueLoops: { [K in CompareOp]: ValueLoop } = {
  eq: eqValue,
  ne: neValue,
  lt: ltValue,
  le: leValue,
  gt: gtValue,
  ge: geValue,
};

/** `s op x` is `x mirrored(op) s`, NaN included (every ordered comparison with NaN is false). */
const mirrored: { [K in CompareOp]: CompareOp } = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };

/**
 * Compares a contiguous row with one value into `out` (from index 0): `a` steps by `sa` and `b`
 * by `sb`, one of them 1 and the other 0. False (nothing written) for any other steps.
 */
export function compareWithValue(
  op: CompareOp,
  out: TypedArray,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): boolean {
  if (sa === 1 && sb === 0) valueLoops[op](out, ia === 0 ? a : a.subarray(ia), b[ib]!, n);
  else if (sa === 0 && sb === 1) valueLoops[mirrored[op]](out, ib === 0 ? b : b.subarray(ib), a[ia]!, n);
  else return false;
  return true;
}
