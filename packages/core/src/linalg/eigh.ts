import type { Tensor } from '../tensor.js';
import { diagEmbed } from '../ops/diagonal.js';
import { add, div, mul, sub } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { tril, triu } from '../ops/triangular.js';
import { squeeze, unsqueeze } from '../ops/view.js';
import { jacobiEigen, signFix, sortingMatrix } from './jacobi.js';
import { defineMultiOp } from '../ops/multi-output.js';
import { blank, checkSquare, eye, mT } from './util.js';
import { ValueError } from '../errors.js';

/**
 * linalg.eigh and eigvalsh: the eigenvalues (ascending) and orthonormal eigenvectors of a
 * symmetric matrix, by Jacobi rotations (jacobi.ts). As LAPACK's syevd, only one triangle is
 * read (the lower by default). Each eigenvector's sign is chosen so that its entry of largest
 * magnitude is positive (LAPACK leaves the sign to the algorithm).
 */

export type Uplo = 'L' | 'U';

export interface EighResult {
  eigenvalues: Tensor;
  eigenvectors: Tensor;
}

function checkUplo(op: string, UPLO: string): void {
  if (UPLO !== 'L' && UPLO !== 'U')
    throw new ValueError(`${op}: Expected UPLO argument to be 'L' or 'U', but got ${UPLO}`);
}

/**
 * PyTorch's linalg_eig_backward for a symmetric A: gA = V (diag(gL) + skew(V^T gV) / E) V^T with
 * skew(X) = (X - X^T) / 2 and E_ij = L_j - L_i (1 on the diagonal): repeated eigenvalues give
 * inf or nan in the gradient of the eigenvectors, as in PyTorch.
 */
function eighBackward(gL: Tensor | null, gV: Tensor | null, L: Tensor, V: Tensor): Tensor {
  if (gV === null) return matmul(mul(V, unsqueeze(gL!, -2)), mT(V));
  const VtgV = matmul(mT(V), gV);
  const n = L.shape[L.ndim - 1]!;
  const I = eye(n, L);
  const E = add(sub(unsqueeze(L, -2), unsqueeze(L, -1)), I);
  let inner = div(mul(sub(VtgV, mT(VtgV)), 0.5), E);
  if (gL !== null) inner = add(mul(inner, sub(1, I)), diagEmbed(gL));
  return matmul(V, matmul(inner, mT(V)));
}

function decompose(op: string, A: Tensor, UPLO: string): [Tensor, Tensor] {
  checkSquare(op, A);
  checkUplo(op, UPLO);
  const [L, V] = defineMultiOp(
    'LinalgEighBackward0',
    [A],
    () => {
      if (A.shape[A.ndim - 1] === 0) return [blank(A.shape.slice(0, -1), A), A];
      const S = UPLO === 'L' ? add(tril(A), mT(tril(A, -1))) : add(triu(A), mT(triu(A, 1)));
      const [w, vectors] = jacobiEigen(S);
      const P = sortingMatrix(w, false);
      return [squeeze(matmul(unsqueeze(w, -2), P), -2), signFix(matmul(vectors, P))];
    },
    2,
    (outs) => outs,
    ([gL, gV], [L, V]) => [eighBackward(gL ?? null, gV ?? null, L!, V!)],
  );
  return [L!, V!];
}

/** torch.linalg.eigh: `{ eigenvalues, eigenvectors }` of symmetric A (ascending; A = V diag(L) V^T). */
export function eigh(A: Tensor, UPLO: Uplo = 'L'): EighResult {
  const [eigenvalues, eigenvectors] = decompose('linalg.eigh', A, UPLO);
  return { eigenvalues, eigenvectors };
}

/** torch.linalg.eigvalsh: the eigenvalues of symmetric A, ascending. */
export function eigvalsh(A: Tensor, UPLO: Uplo = 'L'): Tensor {
  return decompose('linalg.eigvalsh', A, UPLO)[0];
}
