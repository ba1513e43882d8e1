import type { Tensor } from '../tensor.js';
import { add, div, eq, gt, logicalAnd, logicalNot, mul, sqrt, sub, where } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { select } from '../ops/slicing.js';
import { tril } from '../ops/triangular.js';
import { unsqueeze } from '../ops/view.js';
import { defineMultiOp } from '../ops/multi-output.js';
import { solveTriangular } from './lu.js';
import { blank, checkInfo, checkSquare, constant, iterate, mT, quiet } from './util.js';

/**
 * linalg.cholesky and choleskyEx: A = L L^T for symmetric positive-definite A, reading only its
 * lower triangle (the upper one with `upper`), as LAPACK's potrf. Right-looking: n steps, each
 * takes column j of the Schur complement and subtracts its outer product.
 */

function choleskyCore(A: Tensor): [Tensor, Tensor] {
  return quiet(() => {
    const n = A.shape[A.ndim - 1]!;
    if (n === 0) return [A, blank(A.shape.slice(0, -2), A, true)];
    // The symmetric matrix the lower triangle stands for; state: its Schur complement, L's
    // columns so far, and LAPACK's info (the order of the first minor not positive-definite).
    const start = [add(tril(A), mT(tril(A, -1))), blank(A.shape, A), blank(A.shape.slice(0, -2), A, true)];
    const [, L, info] = iterate(start, n, ([S, L, info], j) => {
      const d = select(select(S!, -1, j), -1, j);
      // Column j of L: S[:, j] / sqrt(S[j, j]) on and below the diagonal.
      const l = mul(
        div(unsqueeze(select(S!, -1, j), -1), unsqueeze(unsqueeze(sqrt(d), -1), -1)),
        constant(n, 1, A, (i) => (i >= j ? 1 : 0)),
      );
      return [
        sub(S!, mul(l, mT(l))),
        add(
          L!,
          mul(
            l,
            constant(1, n, A, (_, k) => (k === j ? 1 : 0)),
          ),
        ),
        where(logicalAnd(eq(info!, 0), logicalNot(gt(d, 0))), j + 1, info!),
      ];
    });
    return [L!, info!];
  });
}

export interface CholeskyOptions {
  /** Return U (upper triangular) with A = U^T U, reading A's upper triangle. */
  upper?: boolean;
}

export interface CholeskyExResult {
  L: Tensor;
  /** LAPACK's info per matrix: 0, or the order of the first leading minor that is not positive-definite. */
  info: Tensor;
}

function factor(op: string, A: Tensor, upper: boolean): [Tensor, Tensor] {
  checkSquare(op, A);
  const [L, info] = defineMultiOp(
    'LinalgCholeskyExBackward0',
    [A],
    () => {
      const [l, i] = choleskyCore(upper ? mT(A) : A);
      return [upper ? mT(l) : l, i];
    },
    1,
    (outs) => [outs[0]!],
    ([gOut], [out]) => {
      // PyTorch's cholesky_backward (Iain Murray, arXiv 1602.07527):
      // gA = L^{-T} Phi(L^T gL) L^{-1}, Phi symmetrizing the lower triangle.
      const Lo = upper ? mT(out!) : out!;
      const g = upper ? mT(gOut!) : gOut!;
      let gA = tril(matmul(mT(Lo), g));
      gA = mul(add(gA, mT(tril(gA, -1))), 0.5);
      gA = solveTriangular(mT(Lo), gA, { upper: true });
      return [solveTriangular(Lo, gA, { upper: false, left: false })];
    },
  );
  return [L!, info!];
}

/** torch.linalg.cholesky_ex: `{ L, info }`, with no error for a matrix that is not positive-definite. */
export function choleskyEx(A: Tensor, options: CholeskyOptions = {}): CholeskyExResult {
  const [L, info] = factor('linalg.choleskyEx', A, options.upper ?? false);
  return { L, info };
}

/**
 * torch.linalg.cholesky: L (lower triangular, positive diagonal) with A = L L^T, for symmetric
 * positive-definite A; `{ upper: true }` gives U = L^T. Not positive-definite is an error.
 */
export function cholesky(A: Tensor, options: CholeskyOptions = {}): Tensor {
  const op = 'linalg.cholesky';
  const [L, info] = factor(op, A, options.upper ?? false);
  checkInfo(
    op,
    info,
    A,
    (i) =>
      `The factorization could not be completed because the input is not positive-definite (the leading minor of order ${i} is not positive-definite).`,
  );
  return L;
}
