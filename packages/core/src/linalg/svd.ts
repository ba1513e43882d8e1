import type { Tensor } from '../tensor.js';
import { diagEmbed } from '../ops/diagonal.js';
import { abs, add, div, ge, mul, sqrt, sub, where } from '../ops/elementwise.js';
import { cat } from '../ops/join.js';
import { matmul } from '../ops/matmul.js';
import { sum } from '../ops/reduce.js';
import { narrow } from '../ops/slicing.js';
import { expand, unsqueeze } from '../ops/view.js';
import { jacobiColumns, signFix, sortingMatrix } from './jacobi.js';
import { diagonalOf } from './lu.js';
import { defineMultiOp } from '../ops/multi-output.js';
import { qrCore } from './qr.js';
import { blank, checkMatrix, eye, mT, quiet, vector } from './util.js';

/**
 * linalg.svd and svdvals: A = U diag(S) Vh, S descending. For m >= n (else on A^T): one-sided
 * Jacobi rotates A's columns until they are orthogonal, which gives V (jacobi.ts); the columns
 * of A V, sorted by norm, are then factored by Householder QR (qr.ts), whose Q is U (R is
 * diagonal up to rounding: S = |diag R|, its signs moved into U). The QR completes U to an
 * orthonormal basis when A is rank-deficient or `fullMatrices` asks for m columns.
 */
export function svdCore(A: Tensor, full: boolean): [Tensor, Tensor, Tensor] {
  return quiet(() => {
    const m = A.shape[A.ndim - 2]!;
    const n = A.shape[A.ndim - 1]!;
    const batch = A.shape.slice(0, -2);
    if (m === 0 || n === 0) {
      const side = (r: number, c: number) => (full ? expand(eye(r, A), [...batch, r, r]) : blank([...batch, r, c], A));
      return [side(m, 0), blank([...batch, 0], A), mT(side(n, 0))];
    }
    if (m < n) {
      const [U, S, Vh] = svdCore(mT(A), full);
      return [mT(Vh), S, mT(U)];
    }
    const [AV0, V0] = jacobiColumns(A);
    const P = sortingMatrix(sqrt(sum(mul(AV0, AV0), -2)), true);
    const V = signFix(matmul(V0, P));
    const [Q, R] = qrCore(matmul(A, V), full);
    const d = diagonalOf(narrow(R, -2, 0, n));
    const s = where(ge(d, 0), 1, -1);
    const signs =
      full && m > n
        ? cat(
            [
              s,
              expand(
                vector(m - n, s, () => 1),
                [...s.shape.slice(0, -1), m - n],
              ),
            ],
            -1,
          )
        : s;
    return [mul(Q, unsqueeze(signs, -2)), abs(d), mT(V)];
  });
}

/**
 * PyTorch's svd_backward (real case), for U [m, k], S [k], Vh [k, n]:
 * gA = U [(skew(U^T gU) / E) S + S (skew(V^T gV) / E) + diag(gS)] V^T, E_jk = S_k^2 - S_j^2
 * (1 on the diagonal), plus (I - U U^T) gU S^-1 V^T when m > n, or U S^-1 gVh (I - V V^T) when
 * m < n. Repeated singular values give inf or nan, as in PyTorch.
 */
function svdBackward(
  gU: Tensor | null,
  gS: Tensor | null,
  gVh: Tensor | null,
  U: Tensor,
  S: Tensor,
  Vh: Tensor,
): Tensor {
  const m = U.shape[U.ndim - 2]!;
  const n = Vh.shape[Vh.ndim - 1]!;
  if (gU === null && gVh === null) return matmul(mul(U, unsqueeze(gS!, -2)), Vh);
  const skew = (X: Tensor) => sub(X, mT(X));
  const S2 = mul(S, S);
  const E = add(sub(unsqueeze(S2, -2), unsqueeze(S2, -1)), eye(S.shape[S.ndim - 1]!, S));
  const Srow = unsqueeze(S, -2);
  const Scol = unsqueeze(S, -1);
  const UtgU = gU === null ? null : skew(matmul(mT(U), gU));
  const VtgV = gVh === null ? null : skew(matmul(Vh, mT(gVh)));
  let inner =
    UtgU === null
      ? mul(Scol, div(VtgV!, E))
      : VtgV === null
        ? mul(div(UtgU, E), Srow)
        : div(add(mul(UtgU, Srow), mul(Scol, VtgV)), E);
  if (gS !== null) inner = add(inner, diagEmbed(gS));
  if (m > n && gU !== null) {
    const gUSinv = div(gU, Srow);
    const gA = add(matmul(U, inner), sub(gUSinv, matmul(U, matmul(mT(U), gUSinv))));
    return matmul(gA, Vh);
  }
  if (m < n && gVh !== null) {
    const SinvgVh = div(gVh, Scol);
    const gA = add(matmul(inner, Vh), sub(SinvgVh, matmul(matmul(SinvgVh, mT(Vh)), Vh)));
    return matmul(U, gA);
  }
  return matmul(U, matmul(inner, Vh));
}

export interface SvdResult {
  U: Tensor;
  S: Tensor;
  Vh: Tensor;
}

function decompose(op: string, A: Tensor, full: boolean): SvdResult {
  const [m, n] = checkMatrix(op, A);
  const k = Math.min(m, n);
  const [U, S, Vh] = defineMultiOp(
    'LinalgSvdBackward0',
    [A],
    () => svdCore(A, full),
    3,
    (outs) => outs,
    // With full matrices, the columns past k play no part (PyTorch narrows them away).
    ([gU, gS, gVh], [u, s, vh]) => {
      const cut = (t: Tensor | null | undefined, dim: number) =>
        t === null || t === undefined ? null : full ? narrow(t, dim, 0, k) : t;
      return [svdBackward(cut(gU, -1), gS ?? null, cut(gVh, -2), cut(u, -1)!, s!, cut(vh, -2)!)];
    },
  );
  return { U: U!, S: S!, Vh: Vh! };
}

/**
 * torch.linalg.svd: `{ U, S, Vh }` with A = U diag(S) Vh, S descending; `fullMatrices` (the
 * default, as PyTorch) gives U [m, m] and Vh [n, n], else [m, k] and [k, n], k = min(m, n).
 * Each column of V has its largest entry positive (the singular vectors' signs are a convention).
 */
export function svd(A: Tensor, fullMatrices = true): SvdResult {
  return decompose('linalg.svd', A, fullMatrices);
}

/** torch.linalg.svdvals: the singular values of A, descending. */
export function svdvals(A: Tensor): Tensor {
  return decompose('linalg.svdvals', A, false).S;
}
