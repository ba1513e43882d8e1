import type { TypedArray } from '@ag/core';

/**
 * `where` over contiguous rows of 4-byte values (float32, int32), without a branch per element.
 * The condition of a relu's backward is about half true in no pattern, so `c ? a : b` mispredicts
 * every other element; selecting the bits, `(a & m) | (b & ~m)` with m all ones or all zeros,
 * moves every value exactly (NaN payloads and -0 included) with no branch to mispredict
 * (docs/performance.md).
 */

/** Each operand as stepping by 1 (a row) or 0 (one value), like the contiguous binary loops. */
type Step = 0 | 1;

/**
 * `out[j] = c[ic + j] !== 0 ? a[ia + j * sa] : b[ib + j * sb]` for j < n, or false (nothing
 * written) where the values are not 4 bytes wide, an operand is of another type, or a step is
 * not 0 or 1.
 */
export function selectContiguous(
  out: TypedArray,
  c: TypedArray,
  ic: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
): boolean {
  // Bits move unchanged, so both operands must hold the output's own type (a bool operand read
  // as int32 is still a Uint8Array: the general loop widens it).
  if (out.BYTES_PER_ELEMENT !== 4 || a.constructor !== out.constructor || b.constructor !== out.constructor)
    return false;
  if (!isStep(sa) || !isStep(sb) || (sa === 0 && sb === 0)) return false;
  const o = words(out, 0, n);
  const cond = ic === 0 ? c : c.subarray(ic);
  if (sa === 1 && sb === 1) selectPair(o, cond, words(a, ia, n), words(b, ib, n), n);
  else if (sa === 1) selectValue(o, cond, words(a, ia, n), words(b, ib, 1)[0]!, 0, n);
  else selectValue(o, cond, words(b, ib, n), words(a, ia, 1)[0]!, -1, n);
  return true;
}

function isStep(s: number): s is Step {
  return s === 0 || s === 1;
}

/** The int32 words of `x`'s elements [i, i + n). */
function words(x: TypedArray, i: number, n: number): Int32Array {
  return new Int32Array(x.buffer, x.byteOffset + 4 * i, n);
}

/** Unrolled by four, every value loaded before any is stored (see contiguous-binary.ts). */
function selectPair(out: Int32Array, c: TypedArray, a: Int32Array, b: Int32Array, n: number): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const m0 = -+(c[j] !== 0),
      m1 = -+(c[j + 1] !== 0),
      m2 = -+(c[j + 2] !== 0),
      m3 = -+(c[j + 3] !== 0);
    const v0 = (a[j]! & m0) | (b[j]! & ~m0),
      v1 = (a[j + 1]! & m1) | (b[j + 1]! & ~m1);
    const v2 = (a[j + 2]! & m2) | (b[j + 2]! & ~m2),
      v3 = (a[j + 3]! & m3) | (b[j + 3]! & ~m3);
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
  }
  for (; j < n; j++) {
    const m = -+(c[j] !== 0);
    out[j] = (a[j]! & m) | (b[j]! & ~m);
  }
}

/**
 * `out[j]` = x[j] where the condition is true, else the value's bits `v`; with `flip` -1, the
 * other way round (the value where it is true).
 */
function selectValue(out: Int32Array, c: TypedArray, x: Int32Array, v: number, flip: 0 | -1, n: number): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const m0 = -+(c[j] !== 0) ^ flip,
      m1 = -+(c[j + 1] !== 0) ^ flip,
      m2 = -+(c[j + 2] !== 0) ^ flip,
      m3 = -+(c[j + 3] !== 0) ^ flip;
    const v0 = (x[j]! & m0) | (v & ~m0),
      v1 = (x[j + 1]! & m1) | (v & ~m1);
    const v2 = (x[j + 2]! & m2) | (v & ~m2),
      v3 = (x[j + 3]! & m3) | (v & ~m3);
    out[j] = v0;
    out[j + 1] = v1;
    out[j + 2] = v2;
    out[j + 3] = v3;
  }
  for (; j < n; j++) {
    const m = -+(c[j] !== 0) ^ flip;
    out[j] = (x[j]! & m) | (v & ~m);
  }
}
