import type { DType, ScatterMode, TypedArray, View } from '@ag/core';
import { collapseLayout, contiguousStrides, numel } from '@ag/core';
import { pool } from '../pool.js';
import { copy, readAs, releaseCast, toBool } from './copy.js';
import { innerStride, walkRows } from './strided.js';

/**
 * gather and scatter walk the index tensor; along `axis` the position comes from the index
 * value, so the other operand's stride there is left out of the walk (0) and applied per element.
 */
function withoutAxis(strides: readonly number[], axis: number): number[] {
  return strides.map((s, d) => (d === axis ? 0 : s));
}

/** torch.gather: out[p] = x[p with its axis coordinate replaced by index[p]]. */
export function gather(input: View<TypedArray>, axis: number, index: View<TypedArray>, out: DType): TypedArray {
  const x = readAs(input, out);
  const res = pool.take(out, numel(index.shape));
  if (res.length === 0) return res;
  const layout = collapseLayout(index.shape, [index.strides, withoutAxis(x.strides, axis)]);
  const si = innerStride(layout, 0);
  const sx = innerStride(layout, 1);
  const axisStride = x.strides[axis] ?? 0;
  const idx = index.storage;
  const src = x.storage;
  walkRows(layout, [index.offset, x.offset], (pos, o, n) => {
    const pi = pos[0]!;
    const px = pos[1]!;
    for (let j = 0; j < n; j++) res[o + j] = src[px + j * sx + idx[pi + j * si]! * axisStride]!;
  });
  releaseCast(x, input);
  return res;
}

/** torch.scatter / scatter_add out of place: a copy of x, then each src value set or added at its index. */
export function scatter(
  input: View<TypedArray>,
  axis: number,
  index: View<TypedArray>,
  source: View<TypedArray>,
  mode: ScatterMode,
  out: DType,
): TypedArray {
  if (out === 'bool') return toBool(scatter(input, axis, index, source, mode, 'int32'));
  const res = copy(input, out);
  if (numel(index.shape) === 0) return res;
  const src = readAs(source, out);
  const resStrides = contiguousStrides(input.shape);
  const layout = collapseLayout(index.shape, [
    index.strides,
    src.strides.slice(0, index.shape.length),
    withoutAxis(resStrides, axis),
  ]);
  const si = innerStride(layout, 0);
  const ss = innerStride(layout, 1);
  const sr = innerStride(layout, 2);
  const axisStride = resStrides[axis] ?? 0;
  const idx = index.storage;
  const values = src.storage;
  const add = mode === 'add';
  walkRows(layout, [index.offset, src.offset, 0], (pos, _o, n) => {
    for (let j = 0; j < n; j++) {
      const at = pos[2]! + j * sr + idx[pos[0]! + j * si]! * axisStride;
      const v = values[pos[1]! + j * ss]!;
      res[at] = add ? res[at]! + v : v;
    }
  });
  releaseCast(src, source);
  return res;
}
