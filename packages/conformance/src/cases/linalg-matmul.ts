import { ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { A, AB, AB_SUM_GRADS, B, matmul2 } from './product-inputs.js';

/**
 * matmul in each of its forms (matrix, vector, batched with broadcasting, int32): expected values
 * by hand or from the plain loops of product-inputs.ts (independent of ag); gradients by hand
 * (the grad of sum(A @ B) is ones @ B^T and A^T @ ones) or from finite differences.
 */
export const matmulCases = [
  {
    id: 'matmul/2d',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => a.matmul(b),
    expected: AB,
    grads: AB_SUM_GRADS,
    gradFn: 'MmBackward0',
  },
  {
    id: 'matmul/dot',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [4, 5, 6], requiresGrad: true },
    ],
    run: (a, b) => a.matmul(b),
    expected: 32,
    grads: [
      [4, 5, 6],
      [1, 2, 3],
    ],
    gradFn: 'DotBackward0',
  },
  {
    id: 'matmul/matrix-vector',
    inputs: [
      { values: A, requiresGrad: true },
      { values: [1, 0, -1], requiresGrad: true },
    ],
    run: (a, b) => a.matmul(b),
    expected: [-2, -2],
    grads: [
      [
        [1, 0, -1],
        [1, 0, -1],
      ],
      [5, 7, 9],
    ],
    gradFn: 'MvBackward0',
  },
  {
    id: 'matmul/vector-matrix',
    inputs: [
      { values: [1, 1], requiresGrad: true },
      { values: A, requiresGrad: true },
    ],
    run: (a, b) => a.matmul(b),
    expected: [5, 7, 9],
    grads: [
      [6, 15],
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
  },
  {
    id: 'matmul/batched-broadcast',
    inputs: [
      {
        values: [
          [
            [1, 0],
            [0, 1],
          ],
          [
            [2, 0],
            [0, 2],
          ],
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
    run: (a, b) => a.matmul(b),
    expected: [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [2, 4],
        [6, 8],
      ],
    ],
    grads: [
      [
        [
          [3, 7],
          [3, 7],
        ],
        [
          [3, 7],
          [3, 7],
        ],
      ],
      [
        [3, 3],
        [3, 3],
      ],
    ],
  },
  {
    id: 'matmul/transposed-operands',
    inputs: [
      { values: B, requiresGrad: true },
      { values: A, requiresGrad: true },
    ],
    run: (b, a) => b.t().matmul(a.t()),
    expected: [
      [10, 22],
      [6, 12],
    ],
  },
  {
    id: 'matmul/int32',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        dtype: 'int32',
      },
      { values: [[5], [6]], dtype: 'int32' },
    ],
    run: (a, b) => a.matmul(b),
    expected: [[17], [39]],
    dtype: 'int32',
  },
  {
    id: 'matmul/odd-sizes',
    inputs: [
      { values: Array.from({ length: 5 }, (_, i) => Array.from({ length: 7 }, (_, j) => ((i * 7 + j) % 5) - 2)) },
      { values: Array.from({ length: 7 }, (_, i) => Array.from({ length: 3 }, (_, j) => ((i + 2 * j) % 4) - 1.5)) },
    ],
    run: (a, b) => a.matmul(b),
    expected: matmul2(
      Array.from({ length: 5 }, (_, i) => Array.from({ length: 7 }, (_, j) => ((i * 7 + j) % 5) - 2)),
      Array.from({ length: 7 }, (_, i) => Array.from({ length: 3 }, (_, j) => ((i + 2 * j) % 4) - 1.5)),
    ),
  },
] as const satisfies readonly OpCase[];

/** Bad input to matmul: the message names it, the shapes and what was expected. */
export const matmulErrors = [
  {
    id: 'error/matmul-inner-sizes',
    inputs: () => [ones([2, 3]), ones([4, 5])],
    run: (a, b) => a.matmul(b),
    throws: /matmul: .*\(2x3 and 4x5\).*inner sizes must match/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
