/**
 * Strided iteration shared by every elementwise kernel. A layout is first simplified (size-1
 * dims dropped, neighbouring dims merged wherever every operand steps through them as one), so
 * contiguous and fully broadcast operands collapse to a single row and take the flat loop; what
 * stays genuinely strided is walked row by row with one index counter per call.
 */
import type { TypedArray } from '@ag/core';
import { isContiguous, numel } from '@ag/core';

/** A simplified layout: `strides[k]` are operand k's strides over `shape` (at least one dim). */
export interface Coalesced {
  readonly shape: number[];
  readonly strides: number[][];
}

/**
 * Simplifies `shape` as seen by several operands. The output, contiguous over `shape`, needs no
 * strides here: merging dims never breaks row-major order, so it stays contiguous.
 */
export function coalesce(shape: readonly number[], strides: readonly (readonly number[])[]): Coalesced {
  // The common cases, contiguous operands and broadcast scalars, skip the general merge.
  const steps = strides.map((s) => flatStep(shape, s));
  if (steps.every((s) => s >= 0)) return { shape: [numel(shape)], strides: steps.map((s) => [s]) };
  // Built innermost first, reversed at the end.
  const dims: number[] = [];
  const merged: number[][] = strides.map(() => []);
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    if (size === 1) continue; // a size-1 dim never moves the index, whatever its stride
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

/**
 * The step of one flat loop through a layout: 1 when it is contiguous, 0 when it repeats a
 * single element (a broadcast scalar), -1 when no single step walks it.
 */
export function flatStep(shape: readonly number[], strides: readonly number[]): number {
  if (isContiguous(shape, strides)) return 1;
  for (let d = 0; d < shape.length; d++) if (strides[d] !== 0 && shape[d] !== 1) return -1;
  return 0;
}

/**
 * Whether rows of `n` elements, `rows` of them, take the contiguous loops. Those index from 0, so
 * a row elsewhere needs a view, which costs what the strided loop (shared by every dtype, so
 * polymorphic) spends on about a hundred elements, and young garbage: shorter rows keep the
 * strided loops unless there is only one row. (Rows of 256 gain from views, rows of 64 break
 * even: docs/performance.md.)
 */
export function rowsTakeContiguous(n: number, rows: number): boolean {
  return rows === 1 || n >= 128;
}

/** Called once per row: `pos[k]` is operand k's storage index of the row's first element. */
export type RowVisitor = (pos: readonly number[], outIndex: number, n: number) => void;

/**
 * Visits the rows (innermost dim) of a coalesced layout in row-major order. `offsets` are the
 * operands' storage indices of element [0, 0, ...]; row r begins at output index r * n.
 */
export function walkRows(layout: Coalesced, offsets: readonly number[], visit: RowVisitor): void {
  const { shape, strides } = layout;
  const outer = shape.length - 1;
  const n = shape[outer]!;
  let rows = 1;
  for (let d = 0; d < outer; d++) rows *= shape[d]!;
  if (n === 0 || rows === 0) return;
  const pos = offsets.slice();
  const idx = new Array<number>(outer).fill(0);
  const ops = pos.length;
  for (let r = 0, o = 0; r < rows; r++, o += n) {
    visit(pos, o, n);
    // Advance the counter over the outer dims, carrying like an odometer.
    for (let d = outer - 1; d >= 0; d--) {
      const size = shape[d]!;
      if (++idx[d]! < size) {
        for (let k = 0; k < ops; k++) pos[k]! += strides[k]![d]!;
        break;
      }
      idx[d] = 0;
      for (let k = 0; k < ops; k++) pos[k]! -= strides[k]![d]! * (size - 1);
    }
  }
}

/** The stride of operand k along the innermost dim of a coalesced layout. */
export function innerStride(layout: Coalesced, k: number): number {
  return layout.strides[k]![layout.shape.length - 1]!;
}

/** Whether a coalesced layout's rows take the contiguous loops: see {@link rowsTakeContiguous}. */
export function layoutTakesContiguous(layout: Coalesced): boolean {
  const { shape } = layout;
  let rows = 1;
  for (let d = 0; d < shape.length - 1; d++) rows *= shape[d]!;
  return rowsTakeContiguous(shape[shape.length - 1]!, rows);
}

/**
 * `x` from index `i` on, for the contiguous loops, which index from 0 (see contiguous-binary.ts):
 * a view only where a row does not start at 0.
 */
export function from(x: TypedArray, i: number): TypedArray {
  return i === 0 ? x : x.subarray(i);
}
