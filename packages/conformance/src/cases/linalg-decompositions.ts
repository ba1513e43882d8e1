import { linalg, tensor } from '@ag/core';
import type { Tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Cholesky, QR and the symmetric eigendecomposition, on matrices whose factors are known in
 * closed form: L of [[4, 2], [2, 3]] by hand, the QR of Householder's textbook matrix
 * [[12, -51, 4], [6, 167, -68], [-4, 24, -41]] (R's signs as LAPACK's geqrf gives them), the
 * eigenpairs of the second-difference matrix tridiag(-1, 2, -1) (2 - 2 cos(k pi / 4)). These
 * ops read one triangle of A, so where finite differences check a gradient the case feeds them
 * a symmetric function of its input (as PyTorch's own gradient tests do).
 */

const S2 = Math.SQRT2;
const sym = (a: Tensor) => a.add(a.mT).div(2);
const TRIDIAG = [
  [2, -1, 0],
  [-1, 2, -1],
  [0, -1, 2],
];
const HOUSEHOLDER = [
  [12, -51, 4],
  [6, 167, -68],
  [-4, 24, -41],
];

export const linalgDecompositionCases = [
  {
    id: 'linalg.cholesky/2x2',
    inputs: [
      {
        values: [
          [4, 2],
          [2, 3],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => linalg.cholesky(a),
    expected: [
      [2, 0],
      [1, S2],
    ],
    // L^-T Phi(L^T 1) L^-1, worked by hand (symmetric: PyTorch's gradient).
    grads: [
      [
        [1 / 8 + S2 / 16, (2 - S2) / 8],
        [(2 - S2) / 8, S2 / 4],
      ],
    ],
    gradFn: 'LinalgCholeskyExBackward0',
    // Only the lower triangle is read: finite differences need a symmetric input (next case).
    noGradcheck: true,
  },
  {
    id: 'linalg.cholesky/gram',
    inputs: [
      {
        values: [
          [1, 0],
          [1, 1],
        ],
        requiresGrad: true,
      },
    ],
    // x x^T + I = [[2, 1], [1, 3]].
    run: (x) =>
      linalg.cholesky(
        x.matmul(x.mT).add(
          tensor(
            [
              [1, 0],
              [0, 1],
            ],
            { dtype: x.dtype },
          ),
        ),
      ),
    expected: [
      [S2, 0],
      [1 / S2, Math.sqrt(2.5)],
    ],
  },
  {
    id: 'linalg.cholesky/upper',
    inputs: [
      {
        values: [
          [4, 2],
          [2, 3],
        ],
      },
    ],
    run: (a) => linalg.cholesky(a, { upper: true }),
    expected: [
      [2, 1],
      [0, S2],
    ],
  },
  {
    id: 'linalg.qr/Q',
    inputs: [{ values: HOUSEHOLDER, requiresGrad: true }],
    run: (a) => linalg.qr(a).Q,
    expected: [
      [-6 / 7, 69 / 175, 58 / 175],
      [-3 / 7, -158 / 175, -6 / 175],
      [2 / 7, -6 / 35, 33 / 35],
    ],
    gradFn: 'LinalgQrBackward0',
  },
  {
    id: 'linalg.qr/R',
    inputs: [{ values: HOUSEHOLDER, requiresGrad: true }],
    run: (a) => linalg.qr(a).R,
    expected: [
      [-14, -21, 14],
      [0, -175, 70],
      [0, 0, -35],
    ],
  },
  {
    id: 'linalg.qr/wide-R',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        requiresGrad: true,
      },
    ],
    // The first column has norm sqrt(17); R = Q^T A.
    run: (a) => linalg.qr(a).R,
    expected: [
      [-17 / Math.sqrt(17), -22 / Math.sqrt(17), -27 / Math.sqrt(17)],
      [0, -3 / Math.sqrt(17), -6 / Math.sqrt(17)],
    ],
  },
  {
    id: 'linalg.qr/reconstruct',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        requiresGrad: true,
      },
    ],
    // Q R is A itself: its gradient is the identity.
    run: (a) => {
      const { Q, R } = linalg.qr(a);
      return Q.matmul(R);
    },
    expected: [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    grads: [
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    ],
  },
  {
    id: 'linalg.qr/complete-orthonormal',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      },
    ],
    run: (a) => {
      const { Q } = linalg.qr(a, 'complete');
      return Q.mT.matmul(Q);
    },
    expected: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  },
  {
    id: 'linalg.eigvalsh/tridiagonal',
    inputs: [{ values: TRIDIAG, requiresGrad: true }],
    run: (a) => linalg.eigvalsh(sym(a)),
    expected: [2 - S2, 2, 2 + S2],
    // The eigenvalues sum to the trace.
    grads: [
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    ],
    gradFn: 'LinalgEighBackward0',
  },
  {
    id: 'linalg.eigvalsh/batch',
    inputs: [
      {
        values: [
          [
            [1, 0],
            [0, 2],
          ],
          [
            [2, 1],
            [1, 2],
          ],
        ],
      },
    ],
    run: (a) => linalg.eigvalsh(a),
    expected: [
      [1, 2],
      [1, 3],
    ],
  },
  {
    id: 'linalg.eigvalsh/upper-triangle',
    inputs: [
      {
        values: [
          [1, 2],
          [100, 1],
        ],
      },
    ],
    // Only [[1, 2], [2, 1]] is read.
    run: (a) => linalg.eigvalsh(a, 'U'),
    expected: [-1, 3],
  },
  {
    id: 'linalg.eigh/eigenvectors-squared',
    inputs: [{ values: TRIDIAG, requiresGrad: true }],
    // Columns (1/2, 1/sqrt2, 1/2), (1/sqrt2, 0, -1/sqrt2), (1/2, -1/sqrt2, 1/2), squared (signs are a convention).
    run: (a) => linalg.eigh(sym(a)).eigenvectors.pow(2),
    expected: [
      [0.25, 0.5, 0.25],
      [0.5, 0, 0.5],
      [0.25, 0.5, 0.25],
    ],
    // Each column has unit norm: the sum of squares is constant.
    grads: [
      [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
  },
  {
    id: 'linalg.eigh/reconstruct',
    inputs: [
      {
        values: [
          [2, 1, 0.5],
          [1, 3, -1],
          [0.5, -1, 4],
        ],
        requiresGrad: true,
      },
    ],
    // V diag(L) V^T is the symmetric input itself: the gradient flows through both outputs.
    run: (a) => {
      const { eigenvalues, eigenvectors } = linalg.eigh(sym(a));
      return eigenvectors.mul(eigenvalues.unsqueeze(-2)).matmul(eigenvectors.mT);
    },
    expected: [
      [2, 1, 0.5],
      [1, 3, -1],
      [0.5, -1, 4],
    ],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
  },
] as const satisfies readonly OpCase[];

export const linalgDecompositionErrors = [
  {
    id: 'error/linalg.cholesky-not-positive-definite',
    inputs: () => [
      tensor([
        [1, 2],
        [2, 1],
      ]),
    ],
    run: (a) => linalg.cholesky(a),
    throws:
      /^linalg\.cholesky: The factorization could not be completed because the input is not positive-definite \(the leading minor of order 2 is not positive-definite\)\./,
    kind: 'value',
  },
  {
    id: 'error/linalg.cholesky-batch',
    inputs: () => [
      tensor([
        [
          [1, 0],
          [0, 1],
        ],
        [
          [-1, 0],
          [0, 1],
        ],
      ]),
    ],
    run: (a) => linalg.cholesky(a),
    throws: /^linalg\.cholesky: \(Batch element 1\): .*the leading minor of order 1 is not positive-definite/,
    kind: 'value',
  },
  {
    id: 'error/linalg.eigh-not-square',
    inputs: () => [tensor([[1, 2, 3]])],
    run: (a) => linalg.eigh(a).eigenvalues,
    throws: /^linalg\.eigh: A must be batches of square matrices, but they are 1 by 3 matrices$/,
    kind: 'shape',
  },
  {
    id: 'error/linalg.qr-mode-r-backward',
    inputs: () => [
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { requiresGrad: true },
      ),
    ],
    run: (a) => {
      linalg.qr(a, 'r').R.sum().backward();
    },
    throws: /^linalg\.qr backward: The derivative of linalg\.qr depends on Q, which is not computed when mode='r'/,
    kind: 'autograd',
  },
] as const satisfies readonly ErrorCase[];
