import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cat } from './join.js';
import { slice } from './slicing.js';
import { reshape, unsqueeze } from './view.js';
import { ShapeError, ValueError } from '../errors.js';

/** NumPy's joins (hstack, vstack, dstack, columnStack) and tensorSplit, as PyTorch composes them. */

function nonEmpty(op: string, tensors: readonly Tensor[]): void {
  if (tensors.length === 0) throw new ValueError(`${op}: expects a non-empty TensorList`);
}

/** torch.atleast_1d / 2d / 3d, which the stacks apply first: size-1 dims added where NumPy adds them. */
function atleast(x: Tensor, n: 1 | 2 | 3): Tensor {
  if (x.ndim >= n) return x;
  if (x.ndim === 0) return reshape(x, new Array<number>(n).fill(1));
  if (x.ndim === 2) return unsqueeze(x, -1); // to 3-D: [r, c, 1]
  const row = unsqueeze(x, 0);
  return n === 2 ? row : unsqueeze(row, -1); // to 3-D: [1, n, 1]
}

/** torch.hstack: joined along dim 1, or dim 0 for vectors (after atleast_1d). */
export function hstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty('hstack', tensors);
  const rep = tensors.map((t) => atleast(t, 1));
  return cat(rep, rep[0]!.ndim === 1 ? 0 : 1);
}

/** torch.vstack: joined along dim 0 after atleast_2d (vectors become rows). */
export function vstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty('vstack', tensors);
  return cat(
    tensors.map((t) => atleast(t, 2)),
    0,
  );
}

/** torch.dstack: joined along dim 2 after atleast_3d (a vector becomes [1, n, 1], a matrix [r, c, 1]). */
export function dstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty('dstack', tensors);
  return cat(
    tensors.map((t) => atleast(t, 3)),
    2,
  );
}

/** torch.column_stack: vectors (and scalars) as columns, then hstack. */
export function columnStack(tensors: readonly Tensor[]): Tensor {
  nonEmpty('columnStack', tensors);
  return hstack(tensors.map((t) => (t.ndim <= 1 ? reshape(t, [t.numel(), 1]) : t)));
}

/**
 * torch.tensor_split: views of `x` along `dim`. A number of sections gives that many parts,
 * the first (size % sections) one longer; a list of indices splits before each index (Python's
 * slice rules: out of range clamps, so parts may be empty).
 */
export function tensorSplit(x: Tensor, indicesOrSections: number | readonly number[], dim = 0): Tensor[] {
  if (x.ndim === 0)
    throw new ShapeError('tensorSplit: expected at least a 1-dimensional tensor, but got a tensor with 0 dims');
  const d = normalizeDim('tensorSplit', dim, x.ndim);
  const n = x.shape[d]!;
  if (typeof indicesOrSections === 'number') {
    const sections = indicesOrSections;
    if (!Number.isInteger(sections) || sections <= 0)
      throw new ValueError(`tensorSplit: number of sections must be larger than 0, got ${sections}`);
    const small = Math.floor(n / sections);
    const extra = n % sections;
    let at = 0;
    return Array.from({ length: sections }, (_, i) => {
      const size = i < extra ? small + 1 : small;
      at += size;
      return slice(x, d, at - size, at);
    });
  }
  const indices = [...indicesOrSections];
  if (!indices.every(Number.isInteger))
    throw new ValueError(`tensorSplit: indices must be integers, got ${formatShape(indices)}`);
  const bounds = [0, ...indices, n];
  return bounds.slice(1).map((end, i) => slice(x, d, bounds[i], end));
}
