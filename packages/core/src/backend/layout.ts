/**
 * Layout helpers for backend authors: how the strided Views a kernel receives walk the
 * output's shape. Kernels that classify their operands first (contiguous, a broadcast scalar, a
 * repeated row) can take a flat loop instead of the general strided walk, and merging the dims
 * every operand steps through as one leaves that walk fewer dims. Both run once per kernel call,
 * on the host, so they are written to allocate as little as possible.
 *
 */
import { isContiguous, numel } from '../shape.js';

/**
 * How an operand's storage index follows from the output's linear index `i` (row-major over the
 * shape; dims of size 1 never move the index, whatever their stride):
 *
 * - `contiguous`: `offset + i`.
 * - `broadcast`: every element reads the one at `offset` (stride 0 wherever the size exceeds 1):
 *   a scalar, or a one-element tensor, expanded.
 * - `rows`: one contiguous row over the last dim (stride 1), repeated along the others (stride 0):
 *   `offset + i % lastSize`, a bias added to every row of a matrix.
 * - `strided`: anything else (transposed, expanded along some dims only, sliced with steps).
 */
export type LayoutKind = 'contiguous' | 'broadcast' | 'rows' | 'strided';

/**
 * The {@link LayoutKind} of an operand with `strides` over `shape`. A layout that is both
 * contiguous and broadcast (one element) is `contiguous`.
 */
export function layoutKind(shape: readonly number[], strides: readonly number[]): LayoutKind {
  const last = shape.length - 1;
  let expected = 1;
  let contiguous = true;
  let broadcast = true;
  let rows = last >= 0 && shape[last]! > 1 && strides[last] === 1;
  for (let d = last; d >= 0; d--) {
    const size = shape[d]!;
    if (size === 1) continue;
    const stride = strides[d]!;
    if (stride !== expected) contiguous = false;
    if (stride !== 0) broadcast = false;
    if (d < last && stride !== 0) rows = false;
    if (!contiguous && !broadcast && !rows) return 'strided';
    expected *= size;
  }
  return contiguous ? 'contiguous' : broadcast ? 'broadcast' : rows ? 'rows' : 'strided';
}

/**
 * The step of one flat loop through a layout: 1 when it is contiguous, 0 when it repeats a single
 * element (`broadcast`), -1 when no single step walks it. The number is the loop's stride.
 */
export function flatStep(shape: readonly number[], strides: readonly number[]): 1 | 0 | -1 {
  // Contiguous first, by the cheapest test: kernels call this per operand on every op.
  if (isContiguous(shape, strides)) return 1;
  return layoutKind(shape, strides) === 'broadcast' ? 0 : -1;
}

/** A simplified layout: `strides[k]` are operand k's strides over `shape` (at least one dim). */
export interface CollapsedLayout {
  readonly shape: number[];
  readonly strides: number[][];
}

/**
 * Simplifies `shape` as seen by several operands (`strides[k]` is operand k's): drops dims of
 * size 1 and merges neighbouring dims that every operand steps through as one (the outer stride
 * is the inner stride times the inner size). Each element's row-major linear index is unchanged,
 * so an output contiguous over `shape` stays contiguous over the result and needs no strides here,
 * and offsets carry over as they are. Contiguous and broadcast operands (see {@link flatStep})
 * collapse to one dim of `numel(shape)` elements with stride 1 or 0: a contiguous [2, 3, 4]
 * becomes [24], a row broadcast over a [4096, 1024] matrix stays two dims, a transposed [2, 3]
 * view does not collapse. The result has at least one dim (`[1]` for a single element).
 */
export function collapseLayout(shape: readonly number[], strides: readonly (readonly number[])[]): CollapsedLayout {
  // The common cases, contiguous operands and broadcast scalars, skip the general merge.
  const steps = strides.map((s) => flatStep(shape, s));
  if (steps.every((s) => s >= 0)) return { shape: [numel(shape)], strides: steps.map((s) => [s]) };
  // Built innermost first, reversed at the end.
  const dims: number[] = [];
  const merged: number[][] = strides.map(() => []);
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides.every((s, k) => s[d] === merged[k]![last]! * dims[last]!)) {
      dims[last] = dims[last]! * size;
      continue;
    }
    dims.push(size);
    for (let k = 0; k < strides.length; k++) merged[k]!.push(strides[k]![d]!);
  }
  if (dims.length === 0) {
    dims.push(1);
    for (const s of merged) s.push(0);
  }
  dims.reverse();
  for (const s of merged) s.reverse();
  return { shape: dims, strides: merged };
}
