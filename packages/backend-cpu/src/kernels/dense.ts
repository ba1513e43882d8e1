import type { DType, TypedArray, View } from '@ag/core';
import { isContiguous } from '@ag/core';
import { pool } from '../pool.js';
import { copy } from './copy.js';

/** A view's elements in row-major order from `o`: the storage itself when contiguous, else a copy. */
export interface Dense {
  readonly a: TypedArray;
  readonly o: number;
  readonly copied: boolean;
}

/**
 * For fused kernels, which loop over flat rows: strided operands are gathered first (into `out`,
 * where given: the kernel's dtype, which a contiguous operand already has).
 */
export function dense(x: View<TypedArray>, out: DType = x.dtype): Dense {
  if (isContiguous(x.shape, x.strides)) return { a: x.storage, o: x.offset, copied: false };
  return { a: copy(x, out), o: 0, copied: true };
}

/** Gives the copies `dense` made back to the pool. */
export function release(...ds: (Dense | null)[]): void {
  for (const d of ds) if (d?.copied === true) pool.give(d.a);
}
