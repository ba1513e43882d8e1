import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { clone, withZeroGradient } from '../ops/convert.js';
import { matmul } from '../ops/matmul.js';
import { expand, squeeze, unsqueeze } from '../ops/view.js';
import { chainProduct, crossAlong } from '../ops/blas-ops.js';
import { inv } from './solve.js';
import { checkSquare, eye } from './util.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/** linalg.matrixPower, multiDot and cross. */

/**
 * torch.linalg.matrix_power: A^n for an integer n, by repeated squaring (PyTorch's order of
 * products); n = 0 gives the identity (with a zero gradient), n < 0 powers of inv(A).
 */
export function matrixPower(A: Tensor, n: number): Tensor {
  const op = 'linalg.matrix_power';
  checkSquare(op, A);
  if (!Number.isInteger(n)) throw new ValueError(`${op}: expected an integer exponent, got ${n}`);
  if (n === 0)
    return withZeroGradient('CopyBackwards', [A], () => clone(expand(eye(A.shape[A.ndim - 1]!, A), A.shape)));
  if (n === 1) return clone(A);
  const base = n < 0 ? inv(A) : A;
  let k = Math.abs(n);
  if (k === 1) return base;
  let result: Tensor | null = null;
  let z: Tensor | null = null;
  while (k > 0) {
    const bit = k % 2;
    k = Math.floor(k / 2);
    z = z === null ? base : matmul(z, z);
    if (bit === 1) result = result === null ? z : matmul(result, z);
  }
  return result!;
}

/**
 * torch.linalg.multi_dot: the product of a chain of matrices (the first may be a row vector, the
 * last a column vector, both 1-D), multiplied in the cheapest order (as PyTorch).
 */
export function multiDot(tensors: readonly Tensor[]): Tensor {
  const op = 'linalg.multi_dot';
  const n = tensors.length;
  if (n < 2) throw new ValueError(`${op}: expected at least 2 tensors but got ${n}`);
  const first = tensors[0]!;
  const last = tensors[n - 1]!;
  if (first.ndim !== 1 && first.ndim !== 2)
    throw new ShapeError(`${op}: the first tensor must be 1D or 2D but got ${first.ndim}D`);
  if (last.ndim !== 1 && last.ndim !== 2)
    throw new ShapeError(`${op}: the last tensor must be 1D or 2D but got ${last.ndim}D`);
  const mats = tensors.map((t, i) => {
    if (i > 0 && i < n - 1 && t.ndim !== 2) throw new ShapeError(`${op}: tensor ${i} must be 2D but got ${t.ndim}D`);
    if (t.dtype !== first.dtype)
      throw new DTypeError(`${op}: all tensors must have the same dtype, got ${first.dtype} and ${t.dtype}`);
    return i === 0 && t.ndim === 1 ? unsqueeze(t, 0) : i === n - 1 && t.ndim === 1 ? unsqueeze(t, 1) : t;
  });
  for (let i = 0; i + 1 < n; i++) {
    if (mats[i]!.shape[1] !== mats[i + 1]!.shape[0])
      throw new ShapeError(
        `${op}: tensors ${i} and ${i + 1} with shapes ${formatShape(tensors[i]!.shape)} and ${formatShape(tensors[i + 1]!.shape)} cannot be multiplied`,
      );
  }
  let out = chainProduct(mats);
  if (first.ndim === 1) out = squeeze(out, 0);
  if (last.ndim === 1) out = squeeze(out, -1);
  return out;
}

/** torch.linalg.cross: the cross product of 3-vectors along `dim` (default -1), broadcasting. */
export function cross(a: Tensor, b: Tensor, dim = -1): Tensor {
  return crossAlong('linalg.cross', a, b, dim);
}
