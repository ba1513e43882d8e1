import type { TypedArray, View } from '@ag/core';
import { collapseLayout } from '@ag/core';
import { innerStride, walkRows } from './strided.js';

/**
 * Kernels that work along one axis (argReduce, scan) visit every line of `x` along it. The
 * lines form a layout over `x`'s shape without that axis; `outStrides` place each line's result.
 */
export type LineVisitor = (xBase: number, outBase: number) => void;

export function forEachLine(
  x: View<TypedArray>,
  axis: number,
  outStrides: readonly number[],
  visit: LineVisitor,
): void {
  const shape = x.shape.filter((_, d) => d !== axis);
  const xStrides = x.strides.filter((_, d) => d !== axis);
  const oStrides = outStrides.filter((_, d) => d !== axis);
  const layout = collapseLayout(shape, [xStrides, oStrides]);
  const sx = innerStride(layout, 0);
  const so = innerStride(layout, 1);
  walkRows(layout, [x.offset, 0], (pos, _o, n) => {
    for (let j = 0; j < n; j++) visit(pos[0]! + j * sx, pos[1]! + j * so);
  });
}

/** A 0-d view seen as one element along axis 0, so that axis kernels need no special case. */
export function atLeast1d(x: View<TypedArray>): View<TypedArray> {
  return x.shape.length > 0 ? x : { ...x, shape: [1], strides: [1] };
}
