import { ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

const m = [
  [1, 2, 3],
  [4, 5, 6],
];

/**
 * cumsum and cumprod: running sums and products by hand; gradients from closed forms (cumsum's
 * sums the output's gradient from each position on), for cumprod around zeros too.
 */
export const cumulativeCases = [
  {
    id: 'cumsum/dim1',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.cumsum(1),
    expected: [
      [1, 3, 6],
      [4, 9, 15],
    ],
    grads: [
      [
        [3, 2, 1],
        [3, 2, 1],
      ],
    ],
    gradFn: 'CumsumBackward0',
  },
  {
    id: 'cumsum/int-and-bool',
    inputs: [{ values: [true, false, true], dtype: 'bool' }],
    run: (a) => a.cumsum(0),
    expected: [1, 1, 2],
    dtype: 'int32',
  },
  {
    id: 'cumprod/dim0',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.cumprod(0),
    expected: [
      [1, 2],
      [3, 8],
    ],
    grads: [
      [
        [4, 5],
        [1, 2],
      ],
    ],
    gradFn: 'CumprodBackward0',
  },
  {
    id: 'cumprod/zeros-grad',
    inputs: [{ values: [2, 0, 3], requiresGrad: true }],
    run: (a) => a.cumprod(0),
    expected: [2, 0, 0],
    grads: [[1, 8, 0]],
  },
  {
    id: 'cumprod/two-zeros-grad',
    inputs: [{ values: [[0, 2, 0, 5]], requiresGrad: true }],
    run: (a) => a.cumprod(1),
    expected: [[0, 0, 0, 0]],
    grads: [[[1 + 2, 0, 0, 0]]],
  },
  {
    id: 'cumprod/0-d',
    inputs: [{ values: 3, requiresGrad: true }],
    run: (a) => a.cumprod(0),
    expected: 3,
  },
  {
    id: 'cumsum/empty',
    inputs: [{ values: [] }],
    run: (a) => a.cumsum(0),
    expected: [],
  },
  {
    id: 'cumprod/int32-negative-dim',
    inputs: [
      {
        values: [
          [2, 3],
          [4, 5],
        ],
        dtype: 'int32',
      },
    ],
    run: (a) => a.cumprod(-1),
    expected: [
      [2, 6],
      [4, 20],
    ],
    dtype: 'int32',
  },
  {
    id: 'cumsum/float64',
    inputs: [{ values: [1, 1e-8, 2], dtype: 'float64' }],
    run: (a) => a.cumsum(0),
    expected: [1, 1 + 1e-8, 3 + 1e-8],
    dtype: 'float64',
  },
] as const satisfies readonly OpCase[];

/** Bad input to the cumulative ops: the dim out of range, named with the range expected. */
export const cumulativeErrors = [
  {
    id: 'error/cumsum-dim',
    inputs: () => [ones([2])],
    run: (a) => a.cumsum(1),
    throws: /cumsum: dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)/,
    kind: 'index',
  },
] as const satisfies readonly ErrorCase[];
