import { IndexError, ShapeError, ValueError } from './errors.js';
/** Shapes, strides and broadcasting: the arithmetic of layouts, with no tensors involved. */

export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides, in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Whether a layout visits its elements in row-major order with no gaps (size-1 dims are free). */
export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    if (d === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= d;
  }
  return true;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `[2, 3]` as PyTorch writes sizes in messages. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** NumPy/PyTorch broadcasting: align from the right, sizes must match or be 1 (`a` itself when equal). */
export function broadcastShapes(op: string, a: Shape, b: Shape): Shape {
  // An operand's own shape list when it is the result (a scalar or a bias meeting a larger
  // tensor): ops down a chain then share one list, which later steps compare by identity.
  if (broadcastsTo(b, a)) return a;
  if (broadcastsTo(a, b)) return b;
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together: ` +
          `size ${da} does not match size ${db} at dimension ${i - n} (sizes must be equal or 1)`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Whether `from` broadcasts to `to` unchanged: `to` is the broadcast of the two. */
function broadcastsTo(from: Shape, to: Shape): boolean {
  const lead = to.length - from.length;
  if (lead < 0) return false;
  for (let i = 0; i < from.length; i++) {
    const d = from[i]!;
    if (d !== 1 && d !== to[lead + i]) return false;
  }
  return true;
}

/** A dimension index, negative counting from the end, checked against the rank. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const lo = -Math.max(ndim, 1);
  const hi = Math.max(ndim, 1) - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi) {
    throw new IndexError(`${op}: dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${dim})`);
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Several dims, normalized, sorted, each at most once. */
export function normalizeDims(op: string, dims: number | readonly number[], ndim: number): number[] {
  const list = typeof dims === 'number' ? [dims] : dims;
  const out = list.map((d) => normalizeDim(op, d, ndim));
  out.sort((x, y) => x - y);
  for (let i = 1; i < out.length; i++) {
    if (out[i] === out[i - 1]) throw new ValueError(`${op}: dim ${out[i]} appears multiple times in the list of dims`);
  }
  return ndim === 0 ? [] : out;
}

/**
 * Resolves a requested shape with at most one -1 against a number of elements, as
 * `reshape`/`view` do.
 */
export function inferShape(op: string, requested: Shape, total: number): number[] {
  let inferred = -1;
  let known = 1;
  for (let i = 0; i < requested.length; i++) {
    const d = requested[i]!;
    if (d === -1) {
      if (inferred >= 0)
        throw new ShapeError(`${op}: only one dimension can be inferred (-1), got ${formatShape(requested)}`);
      inferred = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(`${op}: invalid shape dimension ${d} in ${formatShape(requested)}`);
    } else known *= d;
  }
  const out = requested.slice();
  if (inferred >= 0) {
    if (known === 0 || total % known !== 0) {
      throw new ShapeError(`${op}: shape ${formatShape(requested)} is invalid for input of size ${total}`);
    }
    out[inferred] = total / known;
  } else if (known !== total) {
    throw new ShapeError(`${op}: shape ${formatShape(requested)} is invalid for input of size ${total}`);
  }
  return out;
}

/**
 * Strides that view a layout under a new shape without copying, or null when the elements
 * cannot be reached that way (PyTorch's `computeStride` for `view`).
 */
export function viewStrides(oldShape: Shape, oldStrides: readonly number[], newShape: Shape): number[] | null {
  if (numel(oldShape) === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD]!;
    if (tensorD === 0 || (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}
