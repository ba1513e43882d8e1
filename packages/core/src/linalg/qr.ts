import type { Tensor } from '../tensor.js';
import { zeros } from '../ops/creation.js';
import { add, div, eq, ge, mul, neg, sqrt, sub, where } from '../ops/elementwise.js';
import { cat } from '../ops/join.js';
import { matmul } from '../ops/matmul.js';
import { sum } from '../ops/reduce.js';
import { narrow, select } from '../ops/slicing.js';
import { tril, triu } from '../ops/triangular.js';
import { unsqueeze } from '../ops/view.js';
import { solveTriangular } from './lu.js';
import { defineMultiOp } from '../ops/multi-output.js';
import { checkMatrix, eye, iterate, mT, quiet, vector } from './util.js';
import { AutogradError, ValueError } from '../errors.js';

/**
 * linalg.qr by Householder reflections (LAPACK's geqrf and orgqr): min(m, n) steps, each a
 * reflection I - w w^T applied to R (from the left) and accumulated into Q. The reflector's sign
 * is LAPACK's (R's diagonal entry is -sign(x_0) |x|), and a column already zero below the
 * diagonal is left alone (LAPACK's tau = 0), so R's signs are those PyTorch's CPU gives.
 */
export function qrCore(A: Tensor, complete: boolean): [Tensor, Tensor] {
  return quiet(() => {
    const m = A.shape[A.ndim - 2]!;
    const n = A.shape[A.ndim - 1]!;
    const k = Math.min(m, n);
    const [Q, R0] = iterate([eye(m, A), A], k, ([Q, R], j) => {
      const x = mul(
        select(R!, -1, j),
        vector(m, A, (i) => (i >= j ? 1 : 0)),
      );
      const alpha = select(x, -1, j);
      const below = sum(
        mul(
          x,
          mul(
            x,
            vector(m, A, (i) => (i > j ? 1 : 0)),
          ),
        ),
        -1,
      );
      const norm = sqrt(add(mul(alpha, alpha), below));
      const beta = where(ge(alpha, 0), neg(norm), norm);
      const v = sub(
        x,
        mul(
          unsqueeze(beta, -1),
          vector(m, A, (i) => (i === j ? 1 : 0)),
        ),
      );
      const vtv = sum(mul(v, v), -1);
      const scale = where(eq(below, 0), 0, sqrt(div(2, where(eq(vtv, 0), 1, vtv))));
      const w = unsqueeze(mul(v, unsqueeze(scale, -1)), -1);
      return [sub(Q!, matmul(matmul(Q!, w), mT(w))), sub(R!, matmul(w, matmul(mT(w), R!)))];
    });
    const R = triu(R0!);
    return complete ? [Q!, R] : [narrow(Q!, -1, 0, k), narrow(R, -2, 0, k)];
  });
}

/** PyTorch's linalg_qr_backward for m >= n: gA = [Q syminvadj(triu(gR R^T - Q^T gQ)) + gQ] R^{-T}. */
function qrBackwardTall(gQ: Tensor | null, gR: Tensor | null, Q: Tensor, R: Tensor): Tensor {
  const QtgQ = gQ === null ? null : matmul(mT(Q), gQ);
  const M = triu(gR === null ? neg(QtgQ!) : QtgQ === null ? matmul(gR, mT(R)) : sub(matmul(gR, mT(R)), QtgQ));
  // syminvadj(X) = X + X^T with the diagonal counted once.
  let gA = matmul(Q, sub(add(M, mT(M)), mul(M, eye(M.shape[M.ndim - 1]!, M))));
  if (gQ !== null) gA = add(gA, gQ);
  return solveTriangular(mT(R), gA, { upper: false, left: false });
}

/** m < n: gA = Q gR + [Q tril(X - X^T) R1^{-T}, 0] with X = Q^T gQ - gR R^T, R1 = R's first m columns. */
function qrBackwardWide(gQ: Tensor | null, gR: Tensor | null, Q: Tensor, R: Tensor): Tensor {
  const m = Q.shape[Q.ndim - 2]!;
  const n = R.shape[R.ndim - 1]!;
  const QtgQ = gQ === null ? null : matmul(mT(Q), gQ);
  const X = gR === null ? QtgQ! : QtgQ === null ? neg(matmul(gR, mT(R))) : sub(QtgQ, matmul(gR, mT(R)));
  let gA = matmul(Q, tril(sub(X, mT(X))));
  gA = solveTriangular(mT(narrow(R, -1, 0, m)), gA, { upper: false, left: false });
  gA = cat([gA, zeros([...gA.shape.slice(0, -1), n - m], { dtype: gA.dtype, device: gA.device })], -1);
  return gR === null ? gA : add(gA, matmul(Q, gR));
}

export type QrMode = 'reduced' | 'complete' | 'r';

export interface QrResult {
  Q: Tensor;
  R: Tensor;
}

/**
 * torch.linalg.qr: A = Q R with Q orthonormal columns and R upper triangular; `mode` 'reduced'
 * (Q [m, k], R [k, n], k = min(m, n), the default), 'complete' (Q [m, m], R [m, n]) or 'r' (R
 * only, Q empty).
 */
export function qr(A: Tensor, mode: QrMode = 'reduced'): QrResult {
  const op = 'linalg.qr';
  const [m, n] = checkMatrix(op, A);
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r')
    throw new ValueError(
      `${op}: qr received unrecognized mode '${String(mode)}' but expected one of 'reduced' (default), 'r', or 'complete'`,
    );
  const [Q, R] = defineMultiOp(
    'LinalgQrBackward0',
    [A],
    () => {
      const [q, r] = qrCore(A, mode === 'complete');
      return [mode === 'r' ? zeros([0], { dtype: A.dtype, device: A.device }) : q, r];
    },
    2,
    (outs) => outs,
    ([gQ, gR], [q, r]) => {
      if (mode === 'r')
        throw new AutogradError(
          "linalg.qr backward: The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.",
        );
      if (mode === 'complete' && m > n)
        throw new AutogradError(
          `linalg.qr backward: The QR decomposition is not differentiable when mode='complete' and nrows > ncols (got ${m} by ${n}).`,
        );
      const [a, b] = [gQ ?? null, gR ?? null];
      return [m >= n ? qrBackwardTall(a, b, q!, r!) : qrBackwardWide(a, b, q!, r!)];
    },
  );
  return { Q: Q!, R: R! };
}
