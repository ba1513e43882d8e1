import { linalg, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * The SVD and what is built on it (pinv, matrixRank, lstsq), on matrices whose factors are
 * known: [[3, 2, 2], [2, 3, -2]] has singular values 5 and 3 with u1 = (1, 1)/sqrt2,
 * v1 = (1, 1, 0)/sqrt2, u2 = (1, -1)/sqrt2, v2 = (1, -1, 4)/(3 sqrt2); the least-squares line
 * through (0, 6), (1, 0), (2, 0) is 5 - 3t with residual 6 (Strang's example). The gradient of
 * sum(S) is U V^T; that of a product that rebuilds A is all ones.
 */

const W = [
  [3, 2, 2],
  [2, 3, -2],
];
const LINE = [
  [1, 0],
  [1, 1],
  [1, 2],
];

export const linalgSvdCases = [
  {
    id: 'linalg.svdvals/2x3',
    inputs: [{ values: W, requiresGrad: true }],
    run: (a) => linalg.svdvals(a),
    expected: [5, 3],
    grads: [
      [
        [2 / 3, 1 / 3, 2 / 3],
        [1 / 3, 2 / 3, -2 / 3],
      ],
    ],
    gradFn: 'LinalgSvdBackward0',
  },
  {
    id: 'linalg.svdvals/rank-one',
    inputs: [
      {
        values: [
          [1, 2],
          [2, 4],
        ],
      },
    ],
    run: (a) => linalg.svdvals(a),
    expected: [5, 0],
  },
  {
    id: 'linalg.svd/reconstruct',
    inputs: [{ values: W, requiresGrad: true }],
    run: (a) => {
      const { U, S, Vh } = linalg.svd(a, false);
      return U.mul(S.unsqueeze(-2)).matmul(Vh);
    },
    expected: W,
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
  },
  {
    id: 'linalg.svd/tall-reconstruct',
    inputs: [{ values: LINE, requiresGrad: true }],
    run: (a) => {
      const { U, S, Vh } = linalg.svd(a, false);
      return U.mul(S.unsqueeze(-2)).matmul(Vh);
    },
    expected: LINE,
  },
  {
    id: 'linalg.svd/full-Vh-orthonormal',
    inputs: [{ values: W }],
    run: (a) => {
      const { Vh } = linalg.svd(a);
      return Vh.matmul(Vh.mT);
    },
    expected: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  },
  {
    id: 'linalg.svd/rank-one-U-orthonormal',
    inputs: [
      {
        values: [
          [1, 2],
          [2, 4],
        ],
      },
    ],
    run: (a) => {
      const { U } = linalg.svd(a);
      return U.mT.matmul(U);
    },
    expected: [
      [1, 0],
      [0, 1],
    ],
  },
  {
    id: 'linalg.pinv/2x3',
    inputs: [{ values: W, requiresGrad: true }],
    // v1 u1^T / 5 + v2 u2^T / 3.
    run: (a) => linalg.pinv(a),
    expected: [
      [7 / 45, 2 / 45],
      [2 / 45, 7 / 45],
      [2 / 9, -2 / 9],
    ],
    gradFn: 'LinalgPinvBackward0',
  },
  {
    id: 'linalg.pinv/rank-one',
    inputs: [
      {
        values: [
          [1, 2],
          [2, 4],
        ],
      },
    ],
    // A = 5 u u^T with u = (1, 2)/sqrt5: pinv = u u^T / 5 = A / 25.
    run: (a) => linalg.pinv(a),
    expected: [
      [1 / 25, 2 / 25],
      [2 / 25, 4 / 25],
    ],
  },
  {
    id: 'linalg.pinv/hermitian',
    inputs: [
      {
        values: [
          [2, 1],
          [1, 2],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => linalg.pinv(a.add(a.mT).div(2), { hermitian: true }),
    expected: [
      [2 / 3, -1 / 3],
      [-1 / 3, 2 / 3],
    ],
  },
  {
    id: 'linalg.matrixRank/batch',
    inputs: [
      {
        values: [
          [
            [1, 2],
            [2, 4],
          ],
          [
            [1, 0],
            [0, 1],
          ],
          [
            [0, 0],
            [0, 0],
          ],
        ],
      },
    ],
    run: (a) => linalg.matrixRank(a),
    expected: [1, 2, 0],
    dtype: 'int32',
  },
  {
    id: 'linalg.lstsq/line-fit',
    inputs: [{ values: LINE }, { values: [6, 0, 0], requiresGrad: true }],
    run: (a, b) => linalg.lstsq(a, b).solution,
    expected: [5, -3],
    // pinv(A)^T 1: the column sums of pinv(A) = [[5, 2, -1], [-3, 0, 3]] / 6.
    grads: [null, [1 / 3, 1 / 3, 1 / 3]],
    gradFn: 'LinalgLstsqBackward0',
  },
  {
    id: 'linalg.lstsq/gradcheck-A',
    inputs: [{ values: LINE, requiresGrad: true }, { values: [[6], [0], [1]] }],
    run: (a, b) => linalg.lstsq(a, b).solution,
    // pinv(A) b with pinv(A) = [[5, 2, -1], [-3, 0, 3]] / 6.
    expected: [[29 / 6], [-5 / 2]],
  },
  {
    id: 'linalg.lstsq/residuals',
    inputs: [
      { values: LINE, requiresGrad: true },
      { values: [6, 0, 0], requiresGrad: true },
    ],
    run: (a, b) => linalg.lstsq(a, b, { driver: 'gelsd' }).residuals,
    expected: [6],
  },
  {
    id: 'linalg.lstsq/gelsy-no-residuals',
    inputs: [{ values: LINE }, { values: [6, 0, 0] }],
    // LAPACK's gelsy (the default driver) gives no residuals.
    run: (a, b) => linalg.lstsq(a, b).residuals,
    expected: [],
  },
  {
    id: 'linalg.lstsq/gelsd-singular-values',
    inputs: [{ values: LINE }, { values: [6, 0, 0] }],
    // The square roots of the eigenvalues 4 +- sqrt10 of A^T A = [[3, 3], [3, 5]].
    run: (a, b) => linalg.lstsq(a, b, { driver: 'gelsd' }).singularValues,
    expected: [Math.sqrt(4 + Math.sqrt(10)), Math.sqrt(4 - Math.sqrt(10))],
  },
  {
    id: 'linalg.lstsq/rank',
    inputs: [
      {
        values: [
          [1, 2],
          [2, 4],
          [3, 6],
        ],
      },
      { values: [1, 2, 3] },
    ],
    run: (a, b) => linalg.lstsq(a, b).rank,
    expected: 1,
    dtype: 'int32',
  },
] as const satisfies readonly OpCase[];

export const linalgSvdErrors = [
  {
    id: 'error/linalg.lstsq-rows',
    inputs: () => [tensor(LINE), tensor([1, 2])],
    run: (a, b) => linalg.lstsq(a, b).solution,
    throws: /^linalg\.lstsq: input\.size\(-2\) should match other\.size\(-2\), got 3 and 2$/,
    kind: 'shape',
  },
  {
    id: 'error/linalg.svd-vector',
    inputs: () => [tensor([1, 2])],
    run: (a) => linalg.svdvals(a),
    throws: /^linalg\.svdvals: The input tensor A must have at least 2 dimensions \(got shape \[2\]\)/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
