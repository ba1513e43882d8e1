import { linalg } from '@ag/core';
import type { OpCase } from '../case.js';

/** LU with partial pivoting (luFactor, luSolve) and triangular solves: P A = L U and A x = b checked in closed form on small matrices. */
export const linalgLuCases = [
  {
    id: 'linalg.luFactor/LU',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    // Rows swapped (|3| > |1|): U = [[3, 4], [0, 2 - 4/3]], L = [[1, 0], [1/3, 1]], packed.
    run: (a) => linalg.luFactor(a).LU,
    expected: [
      [3, 4],
      [1 / 3, 2 / 3],
    ],
    // sum(LU) = c + d + a/c + b - a d / c for A = [[a, b], [c, d]] with the rows swapped.
    grads: [
      [
        [-1, 1],
        [4 / 3, 2 / 3],
      ],
    ],
    gradFn: 'LinalgLuFactorExBackward0',
  },
  {
    id: 'linalg.luFactor/pivots',
    inputs: [
      {
        values: [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [3, 4],
            [1, 2],
          ],
        ],
      },
    ],
    run: (a) => linalg.luFactor(a).pivots,
    expected: [
      [2, 2],
      [1, 2],
    ],
    dtype: 'int32',
  },
  {
    id: 'linalg.luSolve/left',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
      { values: [[5], [6]], requiresGrad: true },
    ],
    run: (a, b) => {
      const { LU, pivots } = linalg.luFactor(a);
      return linalg.luSolve(LU, pivots, b);
    },
    expected: [[-4], [4.5]],
    grads: [
      [
        [-2, 2.25],
        [2, -2.25],
      ],
      [[-0.5], [0.5]],
    ],
    gradFn: 'LinalgLuSolveBackward0',
  },
  {
    id: 'linalg.luSolve/adjoint',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
      { values: [[5], [6]], requiresGrad: true },
    ],
    // A^T X = B.
    run: (a, b) => {
      const { LU, pivots } = linalg.luFactor(a);
      return linalg.luSolve(LU, pivots, b, { adjoint: true });
    },
    expected: [[-1], [2]],
  },
  {
    id: 'linalg.luSolve/right',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
      { values: [[5, 6]], requiresGrad: true },
    ],
    // X A = B is A^T X^T = B^T.
    run: (a, b) => {
      const { LU, pivots } = linalg.luFactor(a);
      return linalg.luSolve(LU, pivots, b, { left: false });
    },
    expected: [[-1, 2]],
  },
  {
    id: 'linalg.solveTriangular/upper',
    inputs: [
      {
        // The 7 below the diagonal is not read.
        values: [
          [2, 1],
          [7, 4],
        ],
        requiresGrad: true,
      },
      { values: [[4], [8]], requiresGrad: true },
    ],
    run: (a, b) => linalg.solveTriangular(a, b, { upper: true }),
    expected: [[1], [2]],
    // gB = U^-T 1; gA = triu(-gB X^T).
    grads: [
      [
        [-0.5, -1],
        [0, -0.25],
      ],
      [[0.5], [0.125]],
    ],
    gradFn: 'LinalgSolveTriangularBackward0',
  },
  {
    id: 'linalg.solveTriangular/right-unit-lower',
    inputs: [
      {
        // The diagonal (5) is taken as ones.
        values: [
          [5, 0],
          [3, 5],
        ],
        requiresGrad: true,
      },
      { values: [[1, 2]], requiresGrad: true },
    ],
    run: (a, b) => linalg.solveTriangular(a, b, { upper: false, left: false, unitriangular: true }),
    expected: [[-5, 2]],
  },
] as const satisfies readonly OpCase[];
