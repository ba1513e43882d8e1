import { isGradEnabled } from '../autograd/grad-mode.js';
import type { Tensor } from '../tensor.js';
import { arange } from '../ops/creation.js';
import { to } from '../ops/convert.js';
import { diagEmbed } from '../ops/diagonal.js';
import { abs, add, eq, log, mul, ne, neg, sign, where } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { defineOp } from '../ops/op-node.js';
import { prod } from '../ops/reduce-extra.js';
import { sum, sumTo } from '../ops/reduce.js';
import { expand, squeeze, unsqueeze } from '../ops/view.js';
import { diagonalOf, luCore, luSolveCore, type Lu } from './lu.js';
import { defineMultiOp } from '../ops/multi-output.js';
import { checkInfo, checkSquare, checkSystem, eye, mT, quiet } from './util.js';

/** linalg.solve, inv, det and slogdet: each from one LU factorization (lu.ts). */

/** The sign of the row permutation of an LU: -1 per pivot that swapped a row. */
const permSign = (lu: Lu, like: Tensor): Tensor =>
  prod(
    to(
      where(
        ne(lu.pivots, add(arange(lu.pivots.shape.at(-1)!, undefined, 1, { dtype: 'int32', device: like.device }), 1)),
        -1,
        1,
      ),
      like.dtype,
    ),
    -1,
  );

/**
 * A^{-T} D for D = diag(d): the gradient of det-like ops. Without a graph being recorded, from
 * the forward's LU, with exact zeros on U's diagonal nudged by eps (PyTorch: det is C^1, so a
 * nearby nonsingular matrix gives the limit); with one (double backward), by `solve`, so that
 * the result is differentiable in A.
 */
function invTransposeTimes(A: Tensor, lu: Lu, d: Tensor): Tensor {
  const D = diagEmbed(expand(unsqueeze(d, -1), lu.pivots.shape));
  if (isGradEnabled()) return solve(mT(A), D);
  return quiet(() => {
    const eps = A.dtype === 'float64' ? 2 ** -52 : 2 ** -23;
    const nudged = add(lu.LU, diagEmbed(where(eq(diagonalOf(lu.LU), 0), eps, 0)));
    return luSolveCore(nudged, lu.perm, D, true);
  });
}

/** torch.linalg.det: the determinant of each square matrix (LinalgDetBackward0). */
export function det(A: Tensor): Tensor {
  checkSquare('linalg.det', A);
  const lu = luCore(A);
  return defineOp(
    'LinalgDetBackward0',
    [A],
    () => mul(prod(diagonalOf(lu.LU), -1), permSign(lu, A)),
    (out) => [A, out],
    (g, [a, out]) => [invTransposeTimes(a, lu, mul(g, out))],
    null,
  );
}

export interface SlogdetResult {
  /** The sign of the determinant (0 for a singular matrix). */
  sign: Tensor;
  /** log |det A| (-Infinity for a singular matrix). */
  logabsdet: Tensor;
}

/** torch.linalg.slogdet: `{ sign, logabsdet }`, det = sign * exp(logabsdet), without overflow. */
export function slogdet(A: Tensor): SlogdetResult {
  checkSquare('linalg.slogdet', A);
  const lu = luCore(A);
  const [s, logabsdet] = defineMultiOp(
    'LinalgSlogdetBackward0',
    [A],
    () => {
      const d = diagonalOf(lu.LU);
      return [mul(prod(sign(d), -1), permSign(lu, A)), sum(log(abs(d)), -1)];
    },
    2,
    () => [A],
    // The sign is locally constant: only logabsdet has a gradient, g A^{-T}.
    ([, g], [a]) => [g === null || g === undefined ? null : invTransposeTimes(a!, lu, g)],
  );
  return { sign: s!, logabsdet: logabsdet! };
}

/** torch.linalg.inv: the inverse of each square matrix; a singular one is an error. */
export function inv(A: Tensor): Tensor {
  const op = 'linalg.inv';
  const n = checkSquare(op, A);
  const lu = luCore(A);
  checkInfo(
    op,
    lu.info,
    A,
    (i) =>
      `The diagonal element ${i} is zero, the inversion could not be completed because the input matrix is singular.`,
  );
  return defineOp(
    'LinalgInvExBackward0',
    [A],
    () => luSolveCore(lu.LU, lu.perm, eye(n, A), false),
    (out) => [out],
    // d(A^{-1}) = -A^{-1} dA A^{-1}: gA = -A^{-T} g A^{-T}.
    (g, [X]) => [neg(matmul(mT(X), matmul(g, mT(X))))],
    null,
  );
}

export interface SolveOptions {
  /** Solve A X = B (true, the default) or X A = B. */
  left?: boolean;
}

/**
 * torch.linalg.solve: X with A X = B (or X A = B), A square and nonsingular, batch dims
 * broadcast; B may be a vector (or a batch of vectors, B.shape == A.shape[:-1]), as in NumPy.
 */
export function solve(A: Tensor, B: Tensor, options: SolveOptions = {}): Tensor {
  const op = 'torch.linalg.solve';
  const { left = true } = options;
  // NumPy's rule: a vector right-hand side is B of 1 dim, or of A's batch with one dim less.
  const vector = B.ndim === 1 || (B.ndim === A.ndim - 1 && B.shape.every((s, i) => s === A.shape[i]));
  const B2 = vector ? unsqueeze(B.detach(), left ? -1 : -2) : B;
  checkSystem(op, A, B2, left);
  const lu = luCore(A);
  checkInfo(op, lu.info, A, () => 'The solver failed because the input matrix is singular.');
  const asMatrix = (t: Tensor) => (vector ? unsqueeze(t, left ? -1 : -2) : t);
  return defineOp(
    'LinalgSolveExBackward0',
    [A, B],
    () => {
      const X = left ? luSolveCore(lu.LU, lu.perm, B2, false) : mT(luSolveCore(lu.LU, lu.perm, mT(B2), true));
      return vector ? squeeze(X, left ? -1 : -2) : X;
    },
    (out) => [A, out],
    (g, [a, x], _attrs, needs) => {
      // gB = A^{-T} g (left) or g A^{-T}; gA = -gB X^T (left) or -X^T gB.
      const gB = solve(mT(a), g, { left });
      const [gB2, x2] = [asMatrix(gB), asMatrix(x)];
      const gA = needs[0] === true ? sumTo(neg(left ? matmul(gB2, mT(x2)) : matmul(mT(x2), gB2)), a.shape) : null;
      return [gA, needs[1] === true ? sumTo(gB, B.shape) : null];
    },
    null,
  );
}
