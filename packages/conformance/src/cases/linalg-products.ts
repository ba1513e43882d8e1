import { linalg, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Matrix and vector norms, powers and chained products, worked by hand on A = [[1, -2], [3, 4]]
 * (A^2 = [[-5, -10], [15, 10]], singular values sqrt(15 +- 5 sqrt5) with sum sqrt50; the nuclear
 * norm's gradient is the orthogonal polar factor (A + cof A) / sqrt50). The gradient of sum(A^3)
 * is J (A^2)^T + A^T J A^T + (A^2)^T J with J all ones.
 */

export const A = [
  [1, -2],
  [3, 4],
];
const S50 = Math.sqrt(50);

export const linalgProductCases = [
  {
    id: 'linalg.matrixNorm/fro',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => linalg.matrixNorm(a),
    expected: Math.sqrt(30),
    grads: [A.map((r) => r.map((v) => v / Math.sqrt(30)))],
    gradFn: 'LinalgVectorNormBackward0',
  },
  {
    id: 'linalg.matrixNorm/nuc',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => linalg.matrixNorm(a, 'nuc'),
    expected: S50,
    grads: [
      [
        [1 / Math.SQRT2, -1 / Math.SQRT2],
        [1 / Math.SQRT2, 1 / Math.SQRT2],
      ],
    ],
  },
  {
    id: 'linalg.matrixNorm/2',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => linalg.matrixNorm(a, 2),
    expected: Math.sqrt(15 + 5 * Math.sqrt(5)),
  },
  {
    id: 'linalg.matrixNorm/-2-keepdim',
    inputs: [{ values: [A] }],
    run: (a) => linalg.matrixNorm(a, -2, [-2, -1], true),
    expected: [[[Math.sqrt(15 - 5 * Math.sqrt(5))]]],
  },
  {
    id: 'linalg.matrixNorm/1',
    inputs: [{ values: A, requiresGrad: true }],
    // The largest column sum of |A| (column 1).
    run: (a) => linalg.matrixNorm(a, 1),
    expected: 6,
    grads: [
      [
        [0, -1],
        [0, 1],
      ],
    ],
  },
  {
    id: 'linalg.matrixNorm/inf',
    inputs: [{ values: A, requiresGrad: true }],
    // The largest row sum of |A| (row 1).
    run: (a) => linalg.matrixNorm(a, Infinity),
    expected: 7,
    grads: [
      [
        [0, 0],
        [1, 1],
      ],
    ],
  },
  {
    id: 'linalg.vectorNorm/2',
    inputs: [{ values: [3, 4], requiresGrad: true }],
    run: (x) => linalg.vectorNorm(x),
    expected: 5,
    grads: [[0.6, 0.8]],
    gradFn: 'LinalgVectorNormBackward0',
  },
  {
    id: 'linalg.norm/default-flattens',
    inputs: [{ values: [A] }],
    run: (a) => linalg.norm(a),
    expected: Math.sqrt(30),
  },
  {
    id: 'linalg.norm/vector-dim',
    inputs: [{ values: A }],
    run: (a) => linalg.norm(a, 1, 0),
    expected: [4, 6],
  },
  {
    id: 'linalg.matrixPower/3',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => linalg.matrixPower(a, 3),
    expected: [
      [-35, -30],
      [45, 10],
    ],
    grads: [
      [
        [-9, 63],
        [-17, 39],
      ],
    ],
  },
  {
    id: 'linalg.matrixPower/-1',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => linalg.matrixPower(a, -1),
    expected: [
      [0.4, 0.2],
      [-0.3, 0.1],
    ],
  },
  {
    id: 'linalg.matrixPower/0',
    inputs: [{ values: [A, A] }],
    run: (a) => linalg.matrixPower(a, 0),
    expected: [
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 1],
      ],
    ],
  },
  {
    id: 'linalg.multiDot/vectors-at-ends',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      {
        values: [
          [1, 0],
          [0, 1],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        requiresGrad: true,
      },
      { values: [1, 1, 1], requiresGrad: true },
    ],
    run: (a, b, c, d) => linalg.multiDot([a, b, c, d]),
    expected: 36,
    grads: [
      [6, 15],
      [
        [6, 15],
        [12, 30],
      ],
      [
        [1, 1, 1],
        [2, 2, 2],
      ],
      [9, 12, 15],
    ],
  },
  {
    id: 'linalg.cross/3-vectors',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [4, 5, 6], requiresGrad: true },
    ],
    run: (a, b) => linalg.cross(a, b),
    expected: [-3, 6, -3],
    // sum(a x b) = (b x 1) . a = (1 x a) . b.
    grads: [
      [-1, 2, -1],
      [1, -2, 1],
    ],
    gradFn: 'LinalgCrossBackward0',
  },
] as const satisfies readonly OpCase[];

export const linalgProductErrors = [
  {
    id: 'error/linalg.matrixNorm-order',
    inputs: () => [tensor(A)],
    run: (a) => linalg.matrixNorm(a, 3),
    throws: /^linalg\.matrix_norm: Order 3 not supported\.$/,
    kind: 'value',
  },
  {
    id: 'error/linalg.cross-length',
    inputs: () => [tensor([1, 2]), tensor([3, 4])],
    run: (a, b) => linalg.cross(a, b),
    throws: /^linalg\.cross: inputs dimension -1 must have length 3\. Got 2 and 2$/,
    kind: 'shape',
  },
  {
    id: 'error/linalg.multiDot-one',
    inputs: () => [tensor(A)],
    run: (a) => linalg.multiDot([a]),
    throws: /^linalg\.multi_dot: expected at least 2 tensors but got 1$/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
