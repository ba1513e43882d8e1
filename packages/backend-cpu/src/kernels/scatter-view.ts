import type { DType, TypedArray, View } from '@ag/core';
import { collapseLayout, numel } from '@ag/core';
import { pool } from '../pool.js';
import { readAs, releaseCast, toBool } from './copy.js';
import { innerStride, walkRows } from './strided.js';

/**
 * The gradient of a view: zeros of `size`, with `src` added at the view's strided positions
 * (accumulating where windows overlap or dims were expanded).
 */
export function scatterView(
  source: View<TypedArray>,
  size: number,
  strides: readonly number[],
  offset: number,
  out: DType,
): TypedArray {
  if (out === 'bool') return toBool(scatterView(source, size, strides, offset, 'int32'));
  const res = pool.takeZeroed(out, size);
  if (numel(source.shape) === 0) return res;
  const src = readAs(source, out);
  const layout = collapseLayout(src.shape, [src.strides, strides]);
  const ss = innerStride(layout, 0);
  const st = innerStride(layout, 1);
  const values = src.storage;
  walkRows(layout, [src.offset, offset], (pos, _o, n) => {
    for (let j = 0; j < n; j++) {
      const at = pos[1]! + j * st;
      res[at] = res[at]! + values[pos[0]! + j * ss]!;
    }
  });
  releaseCast(src, source);
  return res;
}

/** In-place write of `src` into `dst`'s storage at its strided layout (the typed array casts). */
export function assign(dst: View<TypedArray>, source: View<TypedArray>): void {
  if (numel(dst.shape) === 0) return;
  const src = dst.dtype === 'bool' && source.dtype !== 'bool' ? readAs(source, 'bool') : source;
  const layout = collapseLayout(dst.shape, [dst.strides, src.strides]);
  const sd = innerStride(layout, 0);
  const ss = innerStride(layout, 1);
  const target = dst.storage;
  const values = src.storage;
  if (sd === 1 && ss === 1) {
    // Rows contiguous on both sides (an in-place update of a whole tensor is one row): one
    // memmove each. `set` converts between typed arrays as an element store does, and copies
    // overlapping ranges as if through a temporary (an SGD step's write: docs/performance.md).
    walkRows(layout, [dst.offset, src.offset], (pos, _o, n) => {
      target.set(values.subarray(pos[1], pos[1]! + n), pos[0]);
    });
  } else {
    walkRows(layout, [dst.offset, src.offset], (pos, _o, n) => {
      for (let j = 0; j < n; j++) target[pos[0]! + j * sd] = values[pos[1]! + j * ss]!;
    });
  }
  releaseCast(src, source);
}
