import type { DType } from '@ag/core';

export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/** Default tolerances by dtype; backends may loosen them (GPU transcendental functions). */
export const DEFAULT_TOLERANCE: { readonly [D in DType]: Tolerance } = {
  float32: { atol: 1e-5, rtol: 1e-5 },
  float64: { atol: 1e-12, rtol: 1e-10 },
  // A float16 or bfloat16 result is float32 arithmetic rounded to the storage dtype: a backend
  // whose float32 function is a few ulps off may land one storage ulp away (2^-11 and 2^-8 relative).
  float16: { atol: 1e-6, rtol: 2 ** -10 },
  bfloat16: { atol: 1e-6, rtol: 2 ** -7 },
  int32: { atol: 0, rtol: 0 },
  uint8: { atol: 0, rtol: 0 },
  int8: { atol: 0, rtol: 0 },
  bool: { atol: 0, rtol: 0 },
};

/** Flattens nested arrays (booleans as 0/1) and reports their shape. */
export function flattenNested(value: unknown): { shape: number[]; values: number[] } {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) {
    shape.push(v.length);
    if (v.length === 0) break;
  }
  const values: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const e of v) walk(e);
    else values.push(typeof v === 'boolean' ? Number(v) : (v as number));
  };
  walk(value);
  return { shape, values };
}

/** The first difference between actual and expected values beyond the tolerance, or null. */
export function mismatch(actual: readonly number[], expected: readonly number[], tol: Tolerance): string | null {
  if (actual.length !== expected.length) return `${actual.length} values, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) ? Number.isNaN(a) : a === e || Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e)) continue;
    return `element ${i}: got ${a}, expected ${e} (atol ${tol.atol}, rtol ${tol.rtol})`;
  }
  return null;
}
