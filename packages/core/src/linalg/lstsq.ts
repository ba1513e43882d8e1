import type { DType } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { zeros } from '../ops/creation.js';
import { to } from '../ops/convert.js';
import { abs, add, div, gt, maximum, mul, sub, where } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { defineOp } from '../ops/op-node.js';
import { amax } from '../ops/reduce-extra.js';
import { sum, sumTo } from '../ops/reduce.js';
import { squeeze, unsqueeze } from '../ops/view.js';
import { jacobiEigen } from './jacobi.js';
import { defineMultiOp } from '../ops/multi-output.js';
import { svdCore } from './svd.js';
import { batchOf, checkMatrix, mT, quiet } from './util.js';
import { tril } from '../ops/triangular.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * The pseudo-inverse and what uses it: linalg.pinv, matrixRank and lstsq (least squares by the
 * SVD, as LAPACK's gelsd: the minimum-norm solution, rank-deficient A included). Singular values
 * at or below max(atol, rtol * largest) count as zero; rtol defaults to eps * max(m, n) when
 * neither tolerance is given, as in PyTorch.
 */

export interface ToleranceOptions {
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** Relative tolerance, times the largest singular value (default eps * max(m, n) without atol, else 0). */
  rtol?: number;
  /** A is symmetric: use its eigenvalues (by the lower triangle) instead of the SVD. */
  hermitian?: boolean;
}

const epsOf = (A: Tensor): number => (A.dtype === 'float64' ? 2 ** -52 : 2 ** -23);

function tolerance(A: Tensor, sigma: Tensor, options: ToleranceOptions): Tensor {
  const [m, n] = [A.shape[A.ndim - 2]!, A.shape[A.ndim - 1]!];
  const atol = options.atol ?? 0;
  const rtol = options.rtol ?? (options.atol !== undefined && options.atol > 0 ? 0 : epsOf(A) * Math.max(m, n));
  return unsqueeze(maximum(mul(amax(sigma, -1), rtol), atol), -1);
}

/** The singular values (|eigenvalues| when hermitian) and the factors to rebuild pinv with, no graph. */
function spectrum(A: Tensor, hermitian: boolean): { U: Tensor; s: Tensor; Vh: Tensor; w: Tensor } {
  if (!hermitian) {
    const [U, s, Vh] = svdCore(A, false);
    return { U, s, Vh, w: s };
  }
  const [w, V] = jacobiEigen(add(tril(A), mT(tril(A, -1))));
  return { U: V, s: abs(w), Vh: mT(V), w };
}

/** V diag(1 / w) U^T over the singular values (or eigenvalues) above the tolerance. */
function pinvOf(A: Tensor, parts: ReturnType<typeof spectrum>, options: ToleranceOptions): Tensor {
  const { U, s, Vh, w } = parts;
  const keep = gt(s, tolerance(A, s, options));
  const inv = where(keep, div(1, where(keep, w, 1)), 0);
  return matmul(mul(mT(Vh), unsqueeze(inv, -2)), mT(U));
}

/** PyTorch's pinv_backward. */
function pinvBackward(g: Tensor, pinvA: Tensor, A: Tensor): Tensor {
  const m = A.shape[A.ndim - 2]!;
  const n = A.shape[A.ndim - 1]!;
  const pinvAh = mT(pinvA);
  const gh = mT(g);
  if (m <= n) {
    const K = matmul(gh, pinvA);
    const KpinvAh = matmul(K, pinvAh);
    return add(
      sub(KpinvAh, mT(matmul(pinvA, K))),
      sub(matmul(matmul(pinvAh, pinvA), sub(gh, matmul(K, A))), matmul(matmul(A, pinvA), KpinvAh)),
    );
  }
  const K = matmul(pinvA, gh);
  const pinvAhK = matmul(pinvAh, K);
  return add(
    sub(matmul(matmul(sub(gh, matmul(A, K)), pinvA), pinvAh), mT(matmul(K, pinvA))),
    sub(pinvAhK, matmul(matmul(pinvAhK, pinvA), A)),
  );
}

/** torch.linalg.pinv: the Moore-Penrose pseudo-inverse, by the SVD (or eigh with `hermitian`). */
export function pinv(A: Tensor, options: ToleranceOptions = {}): Tensor {
  checkMatrix('linalg.pinv', A);
  return defineOp(
    'LinalgPinvBackward0',
    [A],
    () => quiet(() => pinvOf(A, spectrum(A, options.hermitian ?? false), options)),
    (out) => [A, out],
    (g, [a, out]) => [pinvBackward(g, out, a)],
    null,
  );
}

/** torch.linalg.matrix_rank: the number of singular values above the tolerance (int32). */
export function matrixRank(A: Tensor, options: ToleranceOptions = {}): Tensor {
  checkMatrix('linalg.matrixRank', A);
  return quiet(() => {
    const { s } = spectrum(A, options.hermitian ?? false);
    return sum(to(gt(s, tolerance(A, s, options)), 'int32'), -1);
  });
}

export type LstsqDriver = 'gels' | 'gelsy' | 'gelsd' | 'gelss';

export interface LstsqOptions {
  /** Singular values at or below rcond * the largest count as zero (default eps * max(m, n)). */
  rcond?: number | null;
  /** LAPACK's driver, for what is returned: rank with gelsy (the default), gelsd and gelss; singular values with gelsd and gelss. */
  driver?: LstsqDriver | null;
}

export interface LstsqResult {
  solution: Tensor;
  /**
   * ||A X - B||^2 per column when m > n with a driver other than gelsy (as LAPACK's drivers give
   * them; gelsd and gelss here also for rank-deficient A, where PyTorch gives none), else empty.
   */
  residuals: Tensor;
  /** The rank of A (int32), empty with driver 'gels'. */
  rank: Tensor;
  /** The singular values of A with drivers gelsd and gelss, else empty. */
  singularValues: Tensor;
}

/**
 * torch.linalg.lstsq: X minimizing ||A X - B|| (the minimum-norm one when A is rank-deficient),
 * batched and broadcast; B may be a vector. `{ solution, residuals, rank, singularValues }`.
 */
export function lstsq(A: Tensor, B: Tensor, options: LstsqOptions = {}): LstsqResult {
  const op = 'linalg.lstsq';
  const [m, n] = checkMatrix(op, A);
  const driver = options.driver ?? 'gelsy';
  if (!['gels', 'gelsy', 'gelsd', 'gelss'].includes(driver))
    throw new ValueError(`${op}: parameter \`driver\` should be one of (gels, gelsy, gelsd, gelss), got ${driver}`);
  if (A.dtype !== B.dtype)
    throw new DTypeError(
      `${op}: Expected A and B to have the same dtype, but found A of type ${A.dtype} and B of type ${B.dtype} instead`,
    );
  const vector = B.ndim === 1 || (B.ndim === A.ndim - 1 && B.shape.every((s, i) => s === A.shape[i]));
  if (!vector) checkMatrix(op, B, 'B');
  const B2 = vector ? unsqueeze(B.detach(), -1) : B;
  if (B2.shape[B2.ndim - 2] !== m)
    throw new ShapeError(`${op}: input.size(-2) should match other.size(-2), got ${m} and ${B2.shape[B2.ndim - 2]}`);
  batchOf(op, A.shape.slice(0, -2), B2.shape.slice(0, -2));
  const rtol = options.rcond ?? epsOf(A) * Math.max(m, n);
  const asMatrix = (t: Tensor) => (vector ? unsqueeze(t, -1) : t);
  const [solution, residuals, rank, singularValues] = defineMultiOp(
    'LinalgLstsqBackward0',
    [A, B],
    () => {
      const parts = spectrum(A, false);
      const s = parts.s;
      const X = matmul(pinvOf(A, parts, { rtol }), B2);
      const r = sub(matmul(A, X), B2);
      const none = (dtype: DType) => zeros([0], { dtype, device: A.device });
      return [
        vector ? squeeze(X, -1) : X,
        m > n && driver !== 'gelsy' ? sum(mul(r, r), -2) : none(A.dtype),
        driver === 'gels' ? none('int32') : sum(to(gt(s, tolerance(A, s, { rtol })), 'int32'), -1),
        driver === 'gelsd' || driver === 'gelss' ? s : none(A.dtype),
      ];
    },
    2,
    (outs) => [A, B, outs[0]!],
    // PyTorch's linalg_lstsq_backward: through pinv(A) for the solution, and 2 r X^T, -2 r for the residuals.
    ([gX, gL], [a, b, x], needs) => {
      const B2m = asMatrix(b!);
      const pinvA = pinv(a!, { rtol });
      let gA: Tensor | null = null;
      let gB: Tensor | null = null;
      if (gX !== null && gX !== undefined) {
        const g = asMatrix(gX);
        if (needs[0] === true) gA = pinvBackward(matmul(g, mT(B2m)), pinvA, a!);
        if (needs[1] === true) gB = matmul(mT(pinvA), g);
      }
      if (gL !== null && gL !== undefined && gL.numel() > 0) {
        const r = sub(matmul(a!, asMatrix(x!)), B2m);
        const gl = unsqueeze(gL, -2);
        if (needs[0] === true) gA = add(gA ?? 0, mul(matmul(mul(gl, r), mT(asMatrix(x!))), 2));
        if (needs[1] === true) gB = add(gB ?? 0, mul(mul(gl, r), -2));
      }
      return [
        gA === null ? null : sumTo(gA, a!.shape),
        gB === null ? null : sumTo(vector ? squeeze(gB, -1) : gB, b!.shape),
      ];
    },
  );
  return { solution: solution!, residuals: residuals!, rank: rank!, singularValues: singularValues! };
}
