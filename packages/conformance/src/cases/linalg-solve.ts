import { linalg, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * torch.linalg's determinant, inverse and solvers, on small matrices worked by hand: 2x2
 * inverses from [[d, -b], [-c, a]] / det, 3x3 determinants and cofactors by expansion (LU
 * factors and triangular solves are in linalg-lu.ts). The gradient of sum(f(A)) is written out in
 * closed form (det: the cofactor matrix; inv: -A^-T 1 A^-T; solve: gB = A^-T 1, gA = -gB X^T)
 * and also checked against finite differences.
 */

const A3 = [
  [4, 3, 2],
  [2, 1, 3],
  [3, 2, 1],
];

export const linalgSolveCases = [
  {
    id: 'linalg.det/3x3',
    inputs: [{ values: A3, requiresGrad: true }],
    run: (a) => linalg.det(a),
    expected: 3,
    // The gradient of det is the cofactor matrix.
    grads: [
      [
        [-5, 7, 1],
        [1, -2, 1],
        [7, -8, -2],
      ],
    ],
    gradFn: 'LinalgDetBackward0',
  },
  {
    id: 'linalg.det/batch-pivoting',
    inputs: [
      {
        values: [
          [
            [0, 1],
            [2, 3],
          ],
          [
            [1, 2],
            [3, 4],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => linalg.det(a),
    expected: [-2, -2],
    grads: [
      [
        [
          [3, -2],
          [-1, 0],
        ],
        [
          [4, -3],
          [-2, 1],
        ],
      ],
    ],
  },
  {
    id: 'linalg.det/empty',
    inputs: [{ values: [] }],
    // The determinant of a 0 x 0 matrix is 1 (the empty product).
    run: (a) => linalg.det(a.reshape(0, 0)),
    expected: 1,
  },
  {
    id: 'linalg.slogdet/logabsdet',
    inputs: [
      {
        values: [
          [0, 1],
          [2, 3],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => linalg.slogdet(a).logabsdet,
    expected: Math.log(2),
    // A^-T.
    grads: [
      [
        [-1.5, 1],
        [0.5, 0],
      ],
    ],
    gradFn: 'LinalgSlogdetBackward0',
  },
  {
    id: 'linalg.slogdet/sign',
    inputs: [
      {
        values: [
          [
            [0, 1],
            [2, 3],
          ],
          [
            [2, 0],
            [0, 3],
          ],
          [
            [1, 2],
            [2, 4],
          ],
        ],
      },
    ],
    run: (a) => linalg.slogdet(a).sign,
    expected: [-1, 1, 0],
  },
  {
    id: 'linalg.inv/2x2',
    inputs: [
      {
        values: [
          [4, 7],
          [2, 6],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => linalg.inv(a),
    expected: [
      [0.6, -0.7],
      [-0.2, 0.4],
    ],
    // -(column sums of A^-1)_i (row sums of A^-1)_j.
    grads: [
      [
        [0.04, -0.08],
        [-0.03, 0.06],
      ],
    ],
    gradFn: 'LinalgInvExBackward0',
  },
  {
    id: 'linalg.inv/3x3',
    inputs: [{ values: A3 }],
    run: (a) => linalg.inv(a),
    // The adjugate (transposed cofactors) over det = 3.
    expected: [
      [-5 / 3, 1 / 3, 7 / 3],
      [7 / 3, -2 / 3, -8 / 3],
      [1 / 3, 1 / 3, -2 / 3],
    ],
  },
  {
    id: 'linalg.solve/vector',
    inputs: [
      {
        values: [
          [3, 1],
          [1, 2],
        ],
        requiresGrad: true,
      },
      { values: [9, 8], requiresGrad: true },
    ],
    run: (a, b) => linalg.solve(a, b),
    expected: [2, 3],
    grads: [
      [
        [-0.4, -0.6],
        [-0.8, -1.2],
      ],
      [0.2, 0.4],
    ],
    gradFn: 'LinalgSolveExBackward0',
  },
  {
    id: 'linalg.solve/matrix-swap',
    inputs: [
      {
        values: [
          [0, 1],
          [1, 0],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, b) => linalg.solve(a, b),
    expected: [
      [3, 4],
      [1, 2],
    ],
    grads: [
      [
        [-7, -3],
        [-7, -3],
      ],
      [
        [1, 1],
        [1, 1],
      ],
    ],
  },
  {
    id: 'linalg.solve/right-broadcast',
    inputs: [
      {
        values: [
          [0, 1],
          [1, 0],
        ],
        requiresGrad: true,
      },
      {
        values: [[[1, 2]], [[3, 4]]],
        requiresGrad: true,
      },
    ],
    // X A = B: A swaps the columns of X.
    run: (a, b) => linalg.solve(a, b, { left: false }),
    expected: [[[2, 1]], [[4, 3]]],
  },
] as const satisfies readonly OpCase[];

const singular = () => [
  tensor([
    [1, 2],
    [2, 4],
  ]),
];

export const linalgSolveErrors = [
  {
    id: 'error/linalg.inv-singular',
    inputs: singular,
    run: (a) => linalg.inv(a),
    throws:
      /^linalg\.inv: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular\./,
    kind: 'value',
  },
  {
    id: 'error/linalg.inv-singular-batch',
    inputs: () => [
      tensor([
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 2],
          [2, 4],
        ],
      ]),
    ],
    run: (a) => linalg.inv(a),
    throws: /^linalg\.inv: \(Batch element 1\): The diagonal element 2 is zero/,
    kind: 'value',
  },
  {
    id: 'error/linalg.solve-singular',
    inputs: () => [...singular(), tensor([1, 2])],
    run: (a, b) => linalg.solve(a, b),
    throws: /^torch\.linalg\.solve: The solver failed because the input matrix is singular\./,
    kind: 'value',
  },
  {
    id: 'error/linalg.luFactor-singular',
    inputs: singular,
    run: (a) => linalg.luFactor(a).LU,
    throws: /^torch\.linalg\.lu_factor: U\[2,2\] is zero and using it on lu_solve would result in a division by zero/,
    kind: 'value',
  },
  {
    id: 'error/linalg.det-not-square',
    inputs: () => [tensor([[1, 2, 3]])],
    run: (a) => linalg.det(a),
    throws: /^linalg\.det: A must be batches of square matrices, but they are 1 by 3 matrices$/,
    kind: 'shape',
  },
  {
    id: 'error/linalg.inv-int',
    inputs: () => [
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: 'int32' },
      ),
    ],
    run: (a) => linalg.inv(a),
    throws: /^linalg\.inv: Expected a floating point or complex tensor as input\. Got int32$/,
    kind: 'dtype',
  },
  {
    id: 'error/linalg.solve-shapes',
    inputs: () => [
      tensor([
        [1, 0],
        [0, 1],
      ]),
      tensor([1, 2, 3]),
    ],
    run: (a, b) => linalg.solve(a, b),
    throws: /^torch\.linalg\.solve: Incompatible shapes of A and B for the equation AX = B \(2x2 and 3x1\)$/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
