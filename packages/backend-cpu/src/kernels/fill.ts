import type { DType, TypedArray } from '@ag/core';
import { pool } from '../pool.js';

/** `size` copies of `value` in `out`; bool stores any nonzero value (NaN included) as 1. */
export function fill(size: number, value: number, out: DType): TypedArray {
  const v = out === 'bool' ? +(value !== 0) : value;
  // Zeros come zeroed from the pool, without touching a fresh array's pages; -0 is not +0.
  if (Object.is(v, 0)) return pool.takeZeroed(out, size);
  const res = pool.take(out, size);
  res.fill(v);
  return res;
}
