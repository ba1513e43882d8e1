import { isFloating, promoteTypes } from '../dtype.js';
import { broadcastShapes, formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkDtypeOnDevice, commonBackend, wrap } from './dispatch.js';
import { broadcastView } from './elementwise.js';
import { sumTo } from './reduce.js';
import { reshape, transpose, unsqueeze } from './view.js';
import { defineOp } from './op-node.js';
import { DTypeError, ShapeError } from '../errors.js';

/** PyTorch's grad_fn names for the cases of torch.matmul. */
function matmulName(aDims: number, bDims: number): string {
  if (aDims === 1 && bDims === 1) return 'DotBackward0';
  if (aDims === 2 && bDims === 1) return 'MvBackward0';
  if (aDims <= 2 && bDims === 2) return 'MmBackward0';
  return 'BmmBackward0';
}

interface MatmulAttrs {
  readonly a: Tensor;
  readonly b: Tensor;
}

/**
 * torch.matmul: dot product of vectors, matrix-vector, matrix-matrix, and batched products with
 * the batch dims broadcast. 1-D operands become matrices (a row for `a`, a column for `b`) whose
 * added dim is removed from the result.
 *
 * @example
 * ```ts example
 * import { matmul, tensor } from '@ag/core';
 *
 * // [1 2; 3 4] times [5, 6]: 1*5 + 2*6 and 3*5 + 4*6
 * console.log(matmul(tensor([[1, 2], [3, 4]]), tensor([5, 6])));
 * ```
 *
 * ```text
 * tensor([17., 39.])
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(`matmul: both arguments need at least 1 dimension, got ${a.ndim}D and ${b.ndim}D`);
  }
  const backend = commonBackend('matmul', a, b);
  if (a.dtype !== b.dtype) {
    throw new DTypeError(`matmul: expected both tensors to have the same dtype, but got ${a.dtype} and ${b.dtype}`);
  }
  const dtype = promoteTypes(a.dtype, b.dtype);
  if (dtype === 'bool')
    throw new DTypeError('matmul: not implemented for bool tensors; convert with .int() or .float()');
  checkDtypeOnDevice('matmul', backend, dtype);
  const a2 = a.ndim === 1 ? unsqueezeView(a, 0) : a;
  const b2 = b.ndim === 1 ? unsqueezeView(b, 1) : b;
  const m = a2.shape[a2.ndim - 2]!;
  const k = a2.shape[a2.ndim - 1]!;
  const k2 = b2.shape[b2.ndim - 2]!;
  const n = b2.shape[b2.ndim - 1]!;
  if (k !== k2) {
    throw new ShapeError(
      `matmul: mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n}): ` +
        `the inner sizes must match (a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)})`,
    );
  }
  const batch = broadcastShapes('matmul', a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  const va = broadcastView(a2, [...batch, m, k]);
  const vb = broadcastView(b2, [...batch, k, n]);
  const full = wrap(backend, backend.kernels.matmul(va, vb, dtype), [...batch, m, n], dtype);
  const shape = [...batch, ...(a.ndim === 1 ? [] : [m]), ...(b.ndim === 1 ? [] : [n])];
  const out = shape.length === full.ndim ? full : reshape(full, shape);
  return defineOp(matmulName(a.ndim, b.ndim), [a, b], out, [a, b], matmulBackward, { a, b });
}

/** An unsqueeze that records nothing: matmul's node stands for the whole op. */
function unsqueezeView(x: Tensor, dim: number): Tensor {
  return unsqueeze(x.detach(), dim);
}

/** grad_a = g @ b^T, grad_b = a^T @ g, in the matrix forms, summed over broadcast batch dims. */
function matmulBackward(
  g: Tensor,
  [a, b]: readonly Tensor[],
  _attrs: MatmulAttrs,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const A = a!.ndim === 1 ? unsqueeze(a!, 0) : a!;
  const B = b!.ndim === 1 ? unsqueeze(b!, 1) : b!;
  let G = g;
  if (a!.ndim === 1) G = unsqueeze(G, G.ndim - (b!.ndim === 1 ? 0 : 1));
  if (b!.ndim === 1) G = unsqueeze(G, G.ndim);
  const ga = needs[0] === true ? sumTo(matmul(G, transpose(B, -1, -2)), A.shape) : null;
  const gb = needs[1] === true ? sumTo(matmul(transpose(A, -1, -2), G), B.shape) : null;
  return [ga === null ? null : reshape(ga, a!.shape), gb === null ? null : reshape(gb, b!.shape)];
}

export { isFloating };
