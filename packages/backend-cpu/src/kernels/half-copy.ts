import type { DType, TypedArray, View } from '@ag/core';
import { bfloat16Bits, bfloat16Value, collapseLayout, float16Bits, float16Value, numel } from '@ag/core';
import { pool } from '../pool.js';
import { innerStride, walkRows } from './strided.js';

/**
 * float16 and bfloat16 storage holds bits (Uint16Array), which a typed array's own conversion
 * would read as integers: the casts to and from float32, the only ones core asks of a storage
 * dtype (backend/storage-dtypes.ts), convert each element instead. Null for any other cast.
 */
export function halfCodec(from: DType, to: DType): ((v: number) => number) | null {
  if (from === 'float16') return float16Value;
  if (from === 'bfloat16') return bfloat16Value;
  if (to === 'float16') return float16Bits;
  if (to === 'bfloat16') return bfloat16Bits;
  return null;
}

/** A contiguous `out` copy of `x`, each element passed through `code`. */
export function codedCopy(x: View<TypedArray>, out: DType, code: (v: number) => number): TypedArray {
  const size = numel(x.shape);
  const res = pool.take(out, size);
  if (size === 0) return res;
  const src = x.storage;
  const layout = collapseLayout(x.shape, [x.strides]);
  const s = innerStride(layout, 0);
  walkRows(layout, [x.offset], (pos, o, n) => {
    for (let j = 0, i = pos[0]!; j < n; j++, i += s) res[o + j] = code(src[i]!);
  });
  return res;
}
