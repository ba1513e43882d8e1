import { broadcastShapes, formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { fromHost } from './dispatch.js';
import { add, mul, neg, sub } from './elementwise.js';
import { selectAlong } from './indexing.js';
import { matmul } from './matmul.js';
import { defineOp } from './op-node.js';
import { normBackward, norm } from './reduce-stats.js';
import { sum, sumTo } from './reduce.js';
import { permute, reshape, t, transpose, unsqueeze } from './view.js';
import { clone } from './convert.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * PyTorch's BLAS-style products with a scaled accumulator (addmm, addmv, addr, baddbmm,
 * addbmm: beta * input + alpha * product), and kron, tensordot, cross, cdist, chainMatmul.
 */

export interface ScaleOptions {
  /** The multiplier of `input` (0 ignores it, NaN and inf included). */
  beta?: number;
  /** The multiplier of the product. */
  alpha?: number;
}

const dims = (x: Tensor): string => `${x.ndim}-D tensor of shape ${formatShape(x.shape)}`;

/**
 * beta * input + alpha * product(a, b), recorded as `name`: the gradient of `input` is beta * g
 * (summed over its broadcast dims), those of a and b alpha times the product's own.
 */
function scaled(
  name: string,
  input: Tensor,
  a: Tensor,
  b: Tensor,
  product: (a: Tensor, b: Tensor) => Tensor,
  grads: (g: Tensor, a: Tensor, b: Tensor) => [Tensor, Tensor],
  options: ScaleOptions,
): Tensor {
  const { beta = 1, alpha = 1 } = options;
  const op = name.replace('Backward0', '').toLowerCase();
  const out = product(a.detach(), b.detach());
  if (input.ndim > out.ndim || broadcastShapes(op, input.shape, out.shape).some((s, i) => s !== out.shape[i]))
    throw new ShapeError(
      `${op}: the input of shape ${formatShape(input.shape)} does not broadcast to the product's shape ${formatShape(out.shape)}`,
    );
  return defineOp(
    name,
    [input, a, b],
    () => {
      const p = alpha === 1 ? out : mul(out, alpha);
      // beta = 0 leaves input out (its NaN and inf too), as PyTorch.
      return beta === 0 ? p : add(p, beta === 1 ? input : mul(input, beta));
    },
    [a, b],
    (g, [sa, sb], _attrs, needs) => {
      const [ga, gb] = needs[1] === true || needs[2] === true ? grads(g, sa, sb) : [null, null];
      const scale = (x: Tensor | null) => (x === null || alpha === 1 ? x : mul(x, alpha));
      return [
        needs[0] === true ? sumTo(mul(g, beta), input.shape) : null,
        needs[1] === true ? scale(ga) : null,
        needs[2] === true ? scale(gb) : null,
      ];
    },
    null,
  );
}

function matrices(op: string, a: Tensor, b: Tensor, rank: number): void {
  if (a.ndim !== rank || b.ndim !== rank)
    throw new ShapeError(`${op}: expected two ${rank}-D tensors, got a ${dims(a)} and a ${dims(b)}`);
  const batch = rank === 3 && a.shape[0] !== b.shape[0];
  if (batch || a.shape[rank - 1] !== b.shape[rank - 2])
    throw new ShapeError(`${op}: the shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied`);
}

/** torch.addmm: beta * input + alpha * (mat1 @ mat2), mat1 [n, m], mat2 [m, p]. */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, options: ScaleOptions = {}): Tensor {
  matrices('addmm', mat1, mat2, 2);
  return scaled('AddmmBackward0', input, mat1, mat2, matmul, (g, a, b) => [matmul(g, t(b)), matmul(t(a), g)], options);
}

/** Each matrix of a batch [b, n, m] transposed. */
const mT = (x: Tensor): Tensor => transpose(x, 1, 2);

/** The gradients of batch1 and batch2 from that of their batch of products (g: [b, n, p], or [n, p] for each). */
const batchGrads = (g: Tensor, a: Tensor, b: Tensor): [Tensor, Tensor] => [matmul(g, mT(b)), matmul(mT(a), g)];

/** torch.baddbmm: beta * input + alpha * (batch1 @ batch2), batches of matrices [b, n, m] and [b, m, p]. */
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, options: ScaleOptions = {}): Tensor {
  matrices('baddbmm', batch1, batch2, 3);
  return scaled('BaddbmmBackward0', input, batch1, batch2, matmul, batchGrads, options);
}

/** torch.addbmm: beta * input + alpha * the sum over the batch of batch1[i] @ batch2[i]. */
export function addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, options: ScaleOptions = {}): Tensor {
  matrices('addbmm', batch1, batch2, 3);
  // The sum's gradient is g for every product of the batch.
  const grads = (g: Tensor, a: Tensor, b: Tensor) => batchGrads(unsqueeze(g, 0), a, b);
  return scaled('AddbmmBackward0', input, batch1, batch2, (a, b) => sum(matmul(a, b), 0), grads, options);
}

/** torch.addmv: beta * input + alpha * (mat @ vec). */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, options: ScaleOptions = {}): Tensor {
  if (mat.ndim !== 2 || vec.ndim !== 1 || mat.shape[1] !== vec.shape[0])
    throw new ShapeError(`addmv: expected a matrix [n, m] and a vector [m], got a ${dims(mat)} and a ${dims(vec)}`);
  return scaled(
    'AddmvBackward0',
    input,
    mat,
    vec,
    matmul,
    (g, a, b) => [mul(unsqueeze(g, 1), b), matmul(t(a), g)],
    options,
  );
}

/** torch.addr: beta * input + alpha * outer(vec1, vec2). */
export function addr(input: Tensor, vec1: Tensor, vec2: Tensor, options: ScaleOptions = {}): Tensor {
  if (vec1.ndim !== 1 || vec2.ndim !== 1)
    throw new ShapeError(`addr: expected two 1-D vectors, got a ${dims(vec1)} and a ${dims(vec2)}`);
  return scaled(
    'AddrBackward0',
    input,
    vec1,
    vec2,
    (a, b) => mul(unsqueeze(a, 1), b),
    (g, a, b) => [matmul(g, b), matmul(t(g), a)],
    options,
  );
}

/**
 * torch.kron: the Kronecker product; with the shapes padded to the same rank, entry
 * (i * b.shape + k) of the result is a[i] * b[k] in every dim.
 */
export function kron(a: Tensor, b: Tensor): Tensor {
  const n = Math.max(a.ndim, b.ndim);
  const sa = [...new Array<number>(n - a.ndim).fill(1), ...a.shape];
  const sb = [...new Array<number>(n - b.ndim).fill(1), ...b.shape];
  const a2 = reshape(
    a,
    sa.flatMap((s) => [s, 1]),
  );
  const b2 = reshape(
    b,
    sb.flatMap((s) => [1, s]),
  );
  return reshape(
    mul(a2, b2),
    sa.map((s, i) => s * sb[i]!),
  );
}

/**
 * torch.tensordot: sums the products over the last `dims` dims of a and the first of b, or over
 * the listed pairs of dims `[dimsA, dimsB]`; the free dims of a, then those of b, remain.
 */
export function tensordot(
  a: Tensor,
  b: Tensor,
  dimsArg: number | readonly [readonly number[], readonly number[]] = 2,
): Tensor {
  const op = 'tensordot';
  let da: number[];
  let db: number[];
  if (typeof dimsArg === 'number') {
    if (!Number.isInteger(dimsArg) || dimsArg < 0 || dimsArg > a.ndim || dimsArg > b.ndim)
      throw new ValueError(`${op}: dims must be a non-negative integer no larger than either rank, got ${dimsArg}`);
    da = Array.from({ length: dimsArg }, (_, i) => a.ndim - dimsArg + i);
    db = Array.from({ length: dimsArg }, (_, i) => i);
  } else {
    da = dimsArg[0].map((d) => normalizeDim(op, d, a.ndim));
    db = dimsArg[1].map((d) => normalizeDim(op, d, b.ndim));
    if (da.length !== db.length)
      throw new ValueError(`${op}: both dimension lists should have same length, got ${da.length} and ${db.length}`);
  }
  da.forEach((d, i) => {
    if (a.shape[d] !== b.shape[db[i]!])
      throw new ShapeError(
        `${op}: contracted dimensions need to match, but first has size ${a.shape[d]} in dim ${d} and second has size ${b.shape[db[i]!]} in dim ${db[i]}`,
      );
  });
  const freeA = a.shape.map((_, i) => i).filter((i) => !da.includes(i));
  const freeB = b.shape.map((_, i) => i).filter((i) => !db.includes(i));
  const size = (x: Tensor, ds: number[]) => ds.reduce((p, d) => p * x.shape[d]!, 1);
  const A2 = reshape(permute(a, [...freeA, ...da]), [size(a, freeA), size(a, da)]);
  const B2 = reshape(permute(b, [...db, ...freeB]), [size(b, db), size(b, freeB)]);
  return reshape(matmul(A2, B2), [...freeA.map((d) => a.shape[d]!), ...freeB.map((d) => b.shape[d]!)]);
}

/** The cross product along `dim` (a dim of size 3 in both), broadcasting: LinalgCrossBackward0. */
export function crossAlong(op: string, a: Tensor, b: Tensor, dim: number): Tensor {
  if (a.ndim !== b.ndim) throw new ShapeError(`${op}: inputs must have the same number of dimensions.`);
  const shape = broadcastShapes(op, a.shape, b.shape);
  const d = normalizeDim(op, dim, shape.length);
  const at = (x: Tensor) => x.shape[d]!;
  if (at(a) !== 3 || at(b) !== 3)
    throw new ShapeError(`${op}: inputs dimension ${dim} must have length 3. Got ${at(a)} and ${at(b)}`);
  const pick = (x: Tensor, order: number[]) => selectAlong(x, d, fromHost(x.backend, order, [3], 'int32'));
  const compute = (x: Tensor, y: Tensor) =>
    sub(mul(pick(x, [1, 2, 0]), pick(y, [2, 0, 1])), mul(pick(x, [2, 0, 1]), pick(y, [1, 2, 0])));
  return defineOp(
    'LinalgCrossBackward0',
    [a, b],
    () => compute(a, b),
    [a, b],
    // d(a x b) = da x b + a x db: ga = b x g, gb = g x a.
    (g, [sa, sb], _attrs, needs) => [
      needs[0] === true ? sumTo(crossAlong(op, sb, g, d), sa.shape) : null,
      needs[1] === true ? sumTo(crossAlong(op, g, sa, d), sb.shape) : null,
    ],
    null,
  );
}

/**
 * torch.cross: the cross product along `dim`; without it, along the first dim of size 3 (as
 * PyTorch does, with its deprecation warning: prefer linalg.cross, whose default is -1).
 */
export function cross(a: Tensor, b: Tensor, dim?: number | null): Tensor {
  let d = dim ?? null;
  if (d === null) {
    d = a.shape.findIndex((s) => s === 3);
    if (d < 0) throw new ShapeError(`cross: no dimension of size 3 in input (shape ${formatShape(a.shape)})`);
  }
  return crossAlong('cross', a, b, d);
}

/**
 * torch.cdist: the p-norm distances between the rows of x1 [..., P, M] and of x2 [..., R, M]:
 * [..., P, R] (p >= 0, 2 by default), batch dims broadcast.
 */
export function cdist(x1: Tensor, x2: Tensor, p = 2): Tensor {
  if (x1.ndim < 2 || x2.ndim < 2)
    throw new ShapeError(
      `cdist: expected tensors of at least 2 dimensions, got ${x1.ndim}D for X1 and ${x2.ndim}D for X2`,
    );
  if (x1.shape[x1.ndim - 1] !== x2.shape[x2.ndim - 1])
    throw new ShapeError(
      `cdist: X1 and X2 must have the same number of columns. X1: ${x1.shape[x1.ndim - 1]} X2: ${x2.shape[x2.ndim - 1]}`,
    );
  if (!(p >= 0)) throw new ValueError(`cdist: expected a non-negative p, got ${p}`);
  const diff = (a: Tensor, b: Tensor) => sub(unsqueeze(a, -2), unsqueeze(b, -3));
  return defineOp(
    'CdistBackward0',
    [x1, x2],
    () => norm(diff(x1, x2), p, -1),
    (out) => [x1, x2, out],
    (g, [a, b, out], _attrs, needs) => {
      // The gradient of each distance with respect to its difference vector, then summed per row.
      const D = diff(a, b);
      const gD = normBackward(D, unsqueeze(g, -1), unsqueeze(out, -1), p, [D.ndim - 1]);
      return [
        needs[0] === true ? sumTo(sum(gD, -2), a.shape) : null,
        needs[1] === true ? sumTo(neg(sum(gD, -3)), b.shape) : null,
      ];
    },
    null,
  );
}

/**
 * The product of a chain of matrices, multiplied in the order that costs the fewest scalar
 * multiplications (the matrix-chain dynamic program, as PyTorch's multi_dot).
 */
export function chainProduct(mats: readonly Tensor[]): Tensor {
  const n = mats.length;
  // dims[i] x dims[i+1] is the shape of matrix i; cost[i][j] the cheapest product of i..j.
  const dims = [...mats.map((x) => x.shape[0]!), mats[n - 1]!.shape[1]!];
  const cost = mats.map(() => new Array<number>(n).fill(0));
  const split = mats.map(() => new Array<number>(n).fill(0));
  for (let len = 1; len < n; len++) {
    for (let i = 0; i + len < n; i++) {
      const j = i + len;
      cost[i]![j] = Infinity;
      for (let k = i; k < j; k++) {
        const c = cost[i]![k]! + cost[k + 1]![j]! + dims[i]! * dims[k + 1]! * dims[j + 1]!;
        if (c < cost[i]![j]!) {
          cost[i]![j] = c;
          split[i]![j] = k;
        }
      }
    }
  }
  const product = (i: number, j: number): Tensor =>
    i === j ? mats[i]! : matmul(product(i, split[i]![j]!), product(split[i]![j]! + 1, j));
  return product(0, n - 1);
}

/** torch.chain_matmul (deprecated in PyTorch for linalg.multiDot): the product of 2-D matrices. */
export function chainMatmul(...matrices: readonly Tensor[]): Tensor {
  if (matrices.length === 0) throw new ValueError('chainMatmul: expected one or more matrices, got none');
  for (const m of matrices)
    if (m.ndim !== 2)
      throw new ShapeError(
        `chainMatmul: expected 2-D matrices, got a ${m.ndim}-D tensor (shape ${formatShape(m.shape)})`,
      );
  for (let i = 0; i + 1 < matrices.length; i++)
    if (matrices[i]!.shape[1] !== matrices[i + 1]!.shape[0])
      throw new ShapeError(
        `chainMatmul: tensors ${i} and ${i + 1} with shapes ${formatShape(matrices[i]!.shape)} and ${formatShape(matrices[i + 1]!.shape)} cannot be multiplied`,
      );
  return matrices.length === 1 ? clone(matrices[0]!) : chainProduct(matrices);
}
