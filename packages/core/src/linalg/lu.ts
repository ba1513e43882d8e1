import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { arange } from '../ops/creation.js';
import { to } from '../ops/convert.js';
import { abs, add, div, eq, gt, lt, mul, neg, sub, where } from '../ops/elementwise.js';
import { gatherOp } from '../ops/indexing.js';
import { matmul } from '../ops/matmul.js';
import { defineOp } from '../ops/op-node.js';
import { amin, argmax } from '../ops/reduce-extra.js';
import { sumTo } from '../ops/reduce.js';
import { select } from '../ops/slicing.js';
import { tril, triu } from '../ops/triangular.js';
import { expand, unsqueeze } from '../ops/view.js';
import { defineMultiOp } from '../ops/multi-output.js';
import { batchOf, blank, checkInfo, checkSquare, checkSystem, constant, eye, iterate, mT, quiet } from './util.js';
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';

/**
 * LU with partial pivoting (LAPACK's getrf), triangular solves, and the public ops on them:
 * linalg.luFactor, luFactorEx, luSolve and solveTriangular. Each loop below runs n steps of
 * ordinary tensor ops over the whole batch (see util.ts): the pivot row is an argmax computed on
 * the device and the row swap a gather, so no value is read back.
 */

export interface Lu {
  /** L (unit lower, below the diagonal) and U (on and above it) in one matrix, as LAPACK packs them. */
  readonly LU: Tensor;
  /** The row swaps, LAPACK's 1-based ipiv: row k was swapped with row pivots[k] - 1. */
  readonly pivots: Tensor;
  /** The rows of A in the order of L U: (P^T A)[i] = A[perm[i]] (int32). */
  readonly perm: Tensor;
  /** LAPACK's info: the first k (1-based) with U[k-1, k-1] == 0, else 0 (int32, per matrix). */
  readonly info: Tensor;
}

const rowsOf = (n: number, like: Tensor): Tensor => arange(n, undefined, 1, { dtype: 'int32', device: like.device });

/** The order `idx` of rows after swapping rows k and p (p an int32 tensor [..., 1]). */
const swapOrder = (rows: Tensor, k: number, p: Tensor): Tensor => where(eq(rows, k), p, where(eq(rows, p), k, rows));

/** LU factorization with partial pivoting of a batch of square matrices, without a graph. */
export function luCore(A: Tensor): Lu {
  return quiet(() => {
    const n = A.shape[A.ndim - 1]!;
    const batch = A.shape.slice(0, -2);
    if (n === 0)
      return {
        LU: A,
        pivots: blank([...batch, 0], A, true),
        perm: blank([...batch, 0], A, true),
        info: blank(batch, A, true),
      };
    const rows = rowsOf(n, A);
    const start = expand(rows, [...batch, n]);
    // State: U, L (its columns so far), the rows' order, the pivots (the last is always n - 1).
    const [U, L, perm, piv] = iterate([A, blank(A.shape, A), start, start], n - 1, ([U, L, perm, piv], k) => {
      // The pivot: the largest |U[i, k]| for i >= k (the first of equals, as LAPACK's idamax).
      const p = argmax(where(lt(rows, k), -1, abs(select(U!, -1, k))), -1, true);
      const order = swapOrder(rows, k, p);
      const full = expand(unsqueeze(order, -1), A.shape);
      const Us = gatherOp(U!, A.ndim - 2, full);
      // Eliminate below the pivot; a zero pivot (its column is zero below too) eliminates nothing.
      const pivot = unsqueeze(select(select(Us, -2, k), -1, k), -1);
      const m = unsqueeze(where(gt(rows, k), div(select(Us, -1, k), where(eq(pivot, 0), 1, pivot)), 0), -1);
      return [
        sub(Us, mul(m, unsqueeze(select(Us, -2, k), -2))),
        add(
          gatherOp(L!, A.ndim - 2, full),
          mul(
            m,
            constant(1, n, A, (_, j) => (j === k ? 1 : 0)),
          ),
        ),
        gatherOp(perm!, perm!.ndim - 1, order),
        where(eq(rows, k), p, piv!),
      ];
    }) as [Tensor, Tensor, Tensor, Tensor];
    const LU = where(constant(n, n, A, (i, j) => (j >= i ? 1 : 0)).to('bool'), U, L);
    const d = diagonalOf(LU);
    const first = amin(where(eq(d, 0), add(rows, 1), n + 1), -1);
    return {
      LU,
      pivots: add(piv, 1),
      perm,
      info: where(eq(first, n + 1), 0, first),
    };
  });
}

/** The diagonal of a batch of square matrices (no graph needed: a strided read via a mask). */
export const diagonalOf = (A: Tensor): Tensor =>
  select(
    gatherOp(A, A.ndim - 1, expand(unsqueeze(rowsOf(A.shape[A.ndim - 1]!, A), -1), [...A.shape.slice(0, -1), 1])),
    -1,
    0,
  );

/** The rows order `perm` from LAPACK pivots (the swaps replayed in order), without a graph. */
export function permFromPivots(pivots: Tensor): Tensor {
  return quiet(() => {
    const n = pivots.shape[pivots.ndim - 1]!;
    const rows = rowsOf(n, pivots);
    const [perm] = iterate([expand(rows, pivots.shape)], n, ([perm], k) => [
      gatherOp(perm!, perm!.ndim - 1, swapOrder(rows, k, unsqueeze(sub(select(pivots, -1, k), 1), -1))),
    ]);
    return perm!;
  });
}

/** P^T as a matrix (P^T A = A[perm]) of `like`'s dtype: Pt[i, j] = (perm[i] == j). */
export const permRows = (perm: Tensor, like: Tensor): Tensor =>
  to(eq(unsqueeze(perm, -1), rowsOf(perm.shape[perm.ndim - 1]!, perm)), like.dtype);

/**
 * X with A X = B for triangular A (left side), by substitution: n steps, row by row from the
 * top (lower) or the bottom (upper). Only A's triangle (and its diagonal unless `unit`) is read.
 */
export function triSolveCore(A: Tensor, B: Tensor, upper: boolean, unit: boolean): Tensor {
  return quiet(() => {
    const n = A.shape[A.ndim - 1]!;
    const batch = batchOf('solveTriangular', A.shape.slice(0, -2), B.shape.slice(0, -2));
    // The rows not yet solved are zero in X, so each row of A times X sums the solved ones only.
    const band = upper ? constant(n, n, A, (i, j) => (j > i ? 1 : 0)) : constant(n, n, A, (i, j) => (j < i ? 1 : 0));
    const off = mul(A, band);
    const [X] = iterate([blank([...batch, n, B.shape[B.ndim - 1]!], B)], n, ([X], s) => {
      const i = upper ? n - 1 - s : s;
      let r = sub(select(B, -2, i), select(matmul(unsqueeze(select(off, -2, i), -2), X!), -2, 0));
      if (!unit) r = div(r, unsqueeze(select(select(A, -2, i), -1, i), -1));
      return [
        add(
          X!,
          mul(
            unsqueeze(r, -2),
            constant(n, 1, A, (j) => (j === i ? 1 : 0)),
          ),
        ),
      ];
    });
    return X!;
  });
}

/** Solves with a factorization: A X = B (or A^T X = B with `adjoint`), A = P L U; no graph. */
export function luSolveCore(LU: Tensor, perm: Tensor, B: Tensor, adjoint: boolean): Tensor {
  return quiet(() => {
    const Pt = permRows(perm, LU);
    if (!adjoint) return triSolveCore(LU, triSolveCore(LU, matmul(Pt, B), false, true), true, false);
    const LUt = mT(LU);
    return matmul(mT(Pt), triSolveCore(LUt, triSolveCore(LUt, B, false, false), true, true));
  });
}

// ---- the public ops -------------------------------------------------------------------------

/** The gradient of A = P L U mapped onto the packed LU: tril(P^T gA U^T, -1) + triu(L^T P^T gA). */
function packedGrad(gA: Tensor, LU: Tensor, Pt: Tensor): Tensor {
  const n = LU.shape[LU.ndim - 1]!;
  const PtgA = matmul(Pt, gA);
  const L = add(tril(LU, -1), eye(n, LU));
  return add(tril(matmul(PtgA, mT(triu(LU))), -1), triu(matmul(mT(L), PtgA)));
}

export interface SolveTriangularOptions {
  /** Whether A is upper (true) or lower (false) triangular; required, as in PyTorch. */
  upper: boolean;
  /** Solve A X = B (true, the default) or X A = B. */
  left?: boolean;
  /** Take A's diagonal as ones (not read). */
  unitriangular?: boolean;
}

/** torch.linalg.solve_triangular: X with A X = B (or X A = B), A triangular, batched and broadcast. */
export function solveTriangular(A: Tensor, B: Tensor, options: SolveTriangularOptions): Tensor {
  const op = 'linalg.solveTriangular';
  const { upper, left = true, unitriangular = false } = options;
  // Required, as PyTorch's keyword-only argument (the signature check cannot require an option).
  if (typeof upper !== 'boolean')
    throw new ArgumentError(`${op}: missing the required option 'upper' (whether A is upper or lower triangular)`);
  checkSystem(op, A, B, left);
  return defineOp(
    'LinalgSolveTriangularBackward0',
    [A, B],
    () => (left ? triSolveCore(A, B, upper, unitriangular) : mT(triSolveCore(mT(A), mT(B), !upper, unitriangular))),
    (X) => [A, X],
    (g, [a, X], _attrs, needs) => {
      const gB = solveTriangular(mT(a), g, { upper: !upper, left, unitriangular });
      let gA: Tensor | null = null;
      if (needs[0] === true) {
        const full = neg(left ? matmul(gB, mT(X)) : matmul(mT(X), gB));
        const k = unitriangular ? 1 : 0;
        gA = sumTo(upper ? triu(full, k) : tril(full, -k), a.shape);
      }
      return [gA, needs[1] === true ? sumTo(gB, B.shape) : null];
    },
    null,
  );
}

export interface LuFactorResult {
  LU: Tensor;
  pivots: Tensor;
}

export interface LuFactorExResult extends LuFactorResult {
  info: Tensor;
}

/** A factorization recorded as LinalgLuFactorExBackward0 (gradient to LU only). */
function factor(op: string, A: Tensor): Lu {
  checkSquare(op, A);
  const [LU, pivots, perm, info] = defineMultiOp(
    'LinalgLuFactorExBackward0',
    [A],
    () => {
      const lu = luCore(A);
      return [lu.LU, lu.pivots, lu.perm, lu.info];
    },
    1,
    (outs) => [outs[0]!],
    ([g], [LUs]) => {
      // PyTorch's linalg_lu_backward (square): gA = P L^{-T} [tril(L^T gL, -1) + triu(gU U^T)] U^{-T}.
      const n = LUs!.shape[LUs!.ndim - 1]!;
      const L = add(tril(LUs!, -1), eye(n, LUs!));
      const U = triu(LUs!);
      let gA = add(tril(matmul(mT(L), g!), -1), triu(matmul(g!, mT(U))));
      gA = solveTriangular(mT(U), gA, { upper: false, left: false });
      gA = solveTriangular(mT(L), gA, { upper: true, unitriangular: true });
      return [matmul(mT(permRows(perm!, LUs!)), gA)];
    },
  );
  return { LU: LU!, pivots: pivots!, perm: perm!, info: info! };
}

/** torch.linalg.lu_factor_ex: `{ LU, pivots, info }`, with no error for a singular matrix (info > 0). */
export function luFactorEx(A: Tensor): LuFactorExResult {
  const { LU, pivots, info } = factor('linalg.luFactorEx', A);
  return { LU, pivots, info };
}

/**
 * torch.linalg.lu_factor: the LU factorization with partial pivoting, A = P L U, packed as
 * LAPACK's getrf does: `{ LU, pivots }` (pivots int32, 1-based). A singular matrix is an error.
 */
export function luFactor(A: Tensor): LuFactorResult {
  const op = 'torch.linalg.lu_factor';
  const { LU, pivots, info } = factor(op, A);
  checkInfo(
    op,
    info,
    A,
    (i) =>
      `U[${i},${i}] is zero and using it on lu_solve would result in a division by zero. If you still want to perform the factorization, consider calling linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)`,
  );
  return { LU, pivots };
}

export interface LuSolveOptions {
  /** Solve A X = B (true, the default) or X A = B. */
  left?: boolean;
  /** Solve with A^T instead of A. */
  adjoint?: boolean;
}

/** torch.linalg.lu_solve: X with A X = B from luFactor's `LU` and `pivots` (or X A = B, A^T with `adjoint`). */
export function luSolve(LU: Tensor, pivots: Tensor, B: Tensor, options: LuSolveOptions = {}): Tensor {
  const op = 'linalg.luSolve';
  const { left = true, adjoint = false } = options;
  const n = checkSystem(op, LU, B, left, 'LU');
  if (pivots.dtype !== 'int32' || pivots.shape.length !== LU.ndim - 1 || pivots.shape[pivots.ndim - 1] !== n)
    throw new (pivots.dtype !== 'int32' ? DTypeError : ShapeError)(
      `${op}: expected pivots to be an int32 tensor of shape [..., ${n}], got ${pivots.dtype} of shape ${formatShape(pivots.shape)}`,
    );
  const perm = permFromPivots(pivots);
  return luSolveWith(LU, pivots, perm, B, left, adjoint);
}

function luSolveWith(LU: Tensor, pivots: Tensor, perm: Tensor, B: Tensor, left: boolean, adjoint: boolean): Tensor {
  return defineOp(
    'LinalgLuSolveBackward0',
    [LU, B],
    // X A = B is A^T X^T = B^T: the other solve, transposed.
    () => (left ? luSolveCore(LU, perm, B, adjoint) : mT(luSolveCore(LU, perm, mT(B), !adjoint))),
    (X) => [LU, X],
    (g, [lu, X], _attrs, needs) => {
      const gB = luSolveWith(lu, pivots, perm, g, left, !adjoint);
      let gLU: Tensor | null = null;
      if (needs[0] === true) {
        // The gradient of A (= P L U) for each equation, then onto the packed L and U.
        const gA = neg(
          left ? (adjoint ? matmul(X, mT(gB)) : matmul(gB, mT(X))) : adjoint ? matmul(mT(gB), X) : matmul(mT(X), gB),
        );
        gLU = sumTo(packedGrad(gA, lu, permRows(perm, lu)), lu.shape);
      }
      return [gLU, needs[1] === true ? sumTo(gB, B.shape) : null];
    },
    null,
  );
}
