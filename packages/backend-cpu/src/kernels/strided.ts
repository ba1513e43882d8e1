/**
 * Strided iteration shared by every elementwise kernel. A layout is first simplified by core's
 * `collapseLayout` (size-1 dims dropped, neighbouring dims merged wherever every operand steps
 * through them as one), so contiguous and fully broadcast operands collapse to a single row and
 * take the flat loop; what stays genuinely strided is walked row by row with one index counter
 * per call.
 */
import type { CollapsedLayout, TypedArray } from '@ag/core';

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
 * Visits the rows (innermost dim) of a collapsed layout in row-major order. `offsets` are the
 * operands' storage indices of element [0, 0, ...]; row r begins at output index r * n.
 */
export function walkRows(layout: CollapsedLayout, offsets: readonly number[], visit: RowVisitor): void {
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

/** The stride of operand k along the innermost dim of a collapsed layout. */
export function innerStride(layout: CollapsedLayout, k: number): number {
  return layout.strides[k]![layout.shape.length - 1]!;
}

/** Whether a collapsed layout's rows take the contiguous loops: see {@link rowsTakeContiguous}. */
export function layoutTakesContiguous(layout: CollapsedLayout): boolean {
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
