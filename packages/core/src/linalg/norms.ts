import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { abs } from '../ops/elementwise.js';
import { amax, amin } from '../ops/reduce-extra.js';
import { norm as vectorNormOp } from '../ops/reduce-stats.js';
import { sum, type Dims } from '../ops/reduce.js';
import { permute, reshape, squeeze, unsqueeze } from '../ops/view.js';
import { checkMatrix } from './util.js';
import { svdvals } from './svd.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * linalg.vectorNorm, matrixNorm and norm. The vector norms are torch.norm's (one node,
 * LinalgVectorNormBackward0); the matrix norms compose: Frobenius as a vector norm over both
 * dims, the 1- and inf-norms as the largest column or row sum of |A|, the 2-norm, -2 and the
 * nuclear norm from the singular values (svdvals' gradient), as PyTorch composes them.
 */

export type MatrixOrd = number | 'fro' | 'nuc';

/** torch.linalg.vector_norm: the ord-norm of x's elements over `dim` (all by default). */
export function vectorNorm(x: Tensor, ord = 2, dim?: Dims, keepdim = false): Tensor {
  return vectorNormOp(x, ord, dim, keepdim);
}

/** torch.linalg.matrix_norm: 'fro' (default), 'nuc', inf, -inf, 1, -1, 2, -2 over the two dims `dim`. */
export function matrixNorm(
  A: Tensor,
  ord: MatrixOrd = 'fro',
  dim: readonly number[] = [-2, -1],
  keepdim = false,
): Tensor {
  const op = 'linalg.matrix_norm';
  checkMatrix(op, A);
  if (dim.length !== 2) throw new ValueError(`${op}: dim must be a 2-tuple. Got ${dim.join(', ')}`);
  const d0 = normalizeDim(op, dim[0]!, A.ndim);
  const d1 = normalizeDim(op, dim[1]!, A.ndim);
  if (d0 === d1) throw new ValueError(`${op}: dims must be different. Got (${dim[0]}, ${dim[1]})`);
  if (ord === 'fro') return vectorNormOp(A, 2, [d0, d1], keepdim);
  const done = (t: Tensor) => (keepdim ? t : squeeze(t, [d0, d1]));
  if (ord === 1 || ord === -1) return done((ord === 1 ? amax : amin)(sum(abs(A), d0, true), d1, true));
  if (ord === Infinity || ord === -Infinity)
    return done((ord === Infinity ? amax : amin)(sum(abs(A), d1, true), d0, true));
  if (ord !== 'nuc' && ord !== 2 && ord !== -2) throw new ValueError(`${op}: Order ${ord} not supported.`);
  // The singular values of the matrices spanned by (d0, d1), moved last.
  const rest = A.shape.map((_, i) => i).filter((i) => i !== d0 && i !== d1);
  const s = svdvals(permute(A, [...rest, d0, d1]));
  let out = ord === 'nuc' ? sum(s, -1) : ord === 2 ? amax(s, -1) : amin(s, -1);
  if (keepdim) for (const d of [d0, d1].sort((a, b) => a - b)) out = unsqueeze(out, d);
  return out;
}

/**
 * torch.linalg.norm: a vector norm when `dim` is one dim (or A is 1-D), a matrix norm when it is
 * two (or A is 2-D and `ord` is given); with neither `dim` nor `ord`, the 2-norm of all elements.
 */
export function norm(
  A: Tensor,
  ord?: MatrixOrd | null,
  dim?: number | readonly number[] | null,
  keepdim = false,
): Tensor {
  const op = 'linalg.norm';
  const dims = dim === null || dim === undefined ? null : typeof dim === 'number' ? [dim] : dim;
  const vector = (o: MatrixOrd, d: Dims) => {
    if (typeof o === 'string') throw new ValueError(`${op}: Order ${o} not supported for vector norms.`);
    return vectorNormOp(A, o, d, keepdim);
  };
  if (dims !== null) {
    if (dims.length === 1) return vector(ord ?? 2, dims);
    if (dims.length === 2) return matrixNorm(A, ord ?? 'fro', dims, keepdim);
    throw new ValueError(`${op}: If dim is specified, it must be of length 1 or 2. Got [${dims.join(', ')}]`);
  }
  if (ord === null || ord === undefined) {
    const flat = vectorNormOp(reshape(A, [-1]), 2, 0, false);
    return keepdim
      ? reshape(
          flat,
          A.shape.map(() => 1),
        )
      : flat;
  }
  if (A.ndim === 1) return vector(ord, 0);
  if (A.ndim === 2) return matrixNorm(A, ord, [-2, -1], keepdim);
  throw new ShapeError(`${op}: If dim is not specified but ord is, the input must be 1D or 2D. Got ${A.ndim}D.`);
}
