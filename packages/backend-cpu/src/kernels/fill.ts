import type { DType, TypedArray } from '@ag/core';
import { allocHost } from '@ag/core';

/** `size` copies of `value` in `out`; bool stores any nonzero value (NaN included) as 1. */
export function fill(size: number, value: number, out: DType): TypedArray {
  const res = allocHost(out, size);
  const v = out === 'bool' ? +(value !== 0) : value;
  // Fresh typed arrays are already +0 (but not -0, which a float fill must keep).
  if (!Object.is(v, 0)) res.fill(v);
  return res;
}
