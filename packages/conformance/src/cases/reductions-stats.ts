import { tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

const m = [
  [1, 2, 3],
  [4, 5, 6],
];
const e = Math.exp;

/**
 * Statistics of a tensor: var, std, logsumexp and the vector norms, values with Math and
 * gradients from their closed forms.
 */
export const statisticCases = [
  {
    id: 'var/all',
    inputs: [{ values: [1, 2, 3, 4], requiresGrad: true }],
    run: (a) => a.var(),
    expected: 5 / 3,
    grads: [[-1, -1 / 3, 1 / 3, 1]],
    gradFn: 'VarBackward0',
  },
  {
    id: 'var/dim-correction0-keepdim',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.var(1, { correction: 0, keepdim: true }),
    expected: [[2 / 3], [2 / 3]],
  },
  {
    id: 'std/dim0',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 6],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.std(0),
    expected: [Math.SQRT2, 2 * Math.SQRT2],
  },
  {
    id: 'logsumexp/dim',
    inputs: [
      {
        values: [
          [0, 1],
          [2, 3],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.logsumexp(1),
    expected: [Math.log(1 + e(1)), Math.log(e(2) + e(3))],
    grads: [
      [
        [1 / (1 + e(1)), e(1) / (1 + e(1))],
        [e(2) / (e(2) + e(3)), e(3) / (e(2) + e(3))],
      ],
    ],
  },
  {
    id: 'logsumexp/stable-large',
    inputs: [{ values: [1000, 1000] }],
    run: (a) => a.logsumexp(0),
    expected: 1000 + Math.log(2),
  },
  {
    id: 'norm/p2',
    inputs: [{ values: [3, 4], requiresGrad: true }],
    run: (a) => a.norm(),
    expected: 5,
    grads: [[0.6, 0.8]],
    gradFn: 'LinalgVectorNormBackward0',
  },
  {
    id: 'norm/p2-zero-grad',
    inputs: [{ values: [0, 0], requiresGrad: true }],
    run: (a) => a.norm(),
    expected: 0,
    grads: [[0, 0]],
    noGradcheck: true,
  },
  {
    id: 'norm/p1-dim',
    inputs: [
      {
        values: [
          [1, -2],
          [-3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.norm(1, 1),
    expected: [3, 7],
    grads: [
      [
        [1, -1],
        [-1, 1],
      ],
    ],
  },
  {
    id: 'norm/inf',
    inputs: [{ values: [1, -5, 2], requiresGrad: true }],
    run: (a) => a.norm(Infinity),
    expected: 5,
    grads: [[0, -1, 0]],
  },
  {
    id: 'norm/p3',
    inputs: [{ values: [1, 2], requiresGrad: true }],
    run: (a) => a.norm(3),
    expected: Math.cbrt(9),
    grads: [[1 / Math.cbrt(81), 4 / Math.cbrt(81)]],
  },
  {
    id: 'var/single-element-correction-gives-nan',
    inputs: [{ values: [2] }],
    run: (a) => a.var(),
    expected: NaN,
  },
  {
    id: 'logsumexp/all-neg-inf',
    inputs: [{ values: [-Infinity, -Infinity] }],
    run: (a) => a.logsumexp(0),
    expected: -Infinity,
  },
  {
    id: 'logsumexp/int-to-float',
    inputs: [{ values: [0, 0], dtype: 'int32' }],
    run: (a) => a.logsumexp(0),
    expected: Math.log(2),
    dtype: 'float32',
  },
  {
    id: 'norm/float64-dims-keepdim',
    inputs: [
      {
        values: [
          [
            [1, 2],
            [2, 4],
          ],
        ],
        dtype: 'float64',
        requiresGrad: true,
      },
    ],
    run: (a) => a.norm(2, [1, 2], true),
    expected: [[[5]]],
    dtype: 'float64',
  },
] as const satisfies readonly OpCase[];

/** Bad input to the statistics: the message names the op and the dtype it got. */
export const statisticErrors = [
  {
    id: 'error/var-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (a) => a.var(),
    throws: /var: expected a floating point input, got dtype int32/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
