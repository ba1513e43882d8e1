import { ones, stack, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

const m = [
  [1, 2, 3],
  [4, 5, 6],
];

/**
 * sum, mean and prod, and the logical all and any: values by hand; gradients from closed forms
 * (sum and mean spread the output's gradient evenly, prod's is the product of the others).
 */
export const sumReductionCases = [
  {
    id: 'sum/all',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sum(),
    expected: 21,
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
    gradFn: 'SumBackward0',
    repr: 'tensor(21., grad_fn=<SumBackward0>)',
  },
  {
    id: 'sum/dim0',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sum(0),
    expected: [5, 7, 9],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
    gradFn: 'SumBackward1',
  },
  {
    id: 'sum/negative-dim-keepdim',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sum(-1, true),
    expected: [[6], [15]],
  },
  {
    id: 'sum/dim-list-3d',
    inputs: [
      {
        values: [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.sum([0, 2]),
    expected: [1 + 2 + 5 + 6, 3 + 4 + 7 + 8],
  },
  {
    id: 'sum/weighted-gradient',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sum(1).mul(a.sum(1)),
    expected: [36, 225],
    grads: [
      [
        [12, 12, 12],
        [30, 30, 30],
      ],
    ],
  },
  {
    id: 'sum/int32-stays-int',
    inputs: [{ values: [1, 2, 3], dtype: 'int32' }],
    run: (a) => a.sum(),
    expected: 6,
    dtype: 'int32',
    repr: 'tensor(6)',
  },
  {
    id: 'sum/bool-counts',
    inputs: [{ values: [true, false, true], dtype: 'bool' }],
    run: (a) => a.sum(),
    expected: 2,
    dtype: 'int32',
  },
  {
    id: 'sum/empty-is-zero',
    inputs: [{ values: [] }],
    run: (a) => a.sum(),
    expected: 0,
  },
  {
    id: 'sum/transposed-input',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.t().sum(1),
    expected: [5, 7, 9],
  },
  {
    id: 'mean/all',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.mean(),
    expected: 3.5,
    grads: [
      [
        [1 / 6, 1 / 6, 1 / 6],
        [1 / 6, 1 / 6, 1 / 6],
      ],
    ],
    gradFn: 'MeanBackward0',
  },
  {
    id: 'mean/dim1',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.mean(1),
    expected: [2, 5],
    grads: [
      [
        [1 / 3, 1 / 3, 1 / 3],
        [1 / 3, 1 / 3, 1 / 3],
      ],
    ],
    gradFn: 'MeanBackward1',
  },
  {
    id: 'mean/keepdim-broadcast-back',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sub(a.mean(0, true)),
    expected: [
      [-1.5, -1.5, -1.5],
      [1.5, 1.5, 1.5],
    ],
    grads: [
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
  },
  {
    id: 'prod/all',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.prod(),
    expected: 720,
    grads: [
      [
        [720, 360, 240],
        [180, 144, 120],
      ],
    ],
    gradFn: 'ProdBackward0',
  },
  {
    id: 'prod/dim-keepdim',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.prod(1, true),
    expected: [[6], [120]],
    grads: [
      [
        [6, 3, 2],
        [30, 24, 20],
      ],
    ],
    gradFn: 'ProdBackward1',
  },
  {
    id: 'prod/with-zero-grad',
    inputs: [{ values: [2, 0, 3], requiresGrad: true }],
    run: (a) => a.prod(),
    expected: 0,
    grads: [[0, 6, 0]],
  },
  {
    id: 'prod/int32',
    inputs: [{ values: [2, 3, 4], dtype: 'int32' }],
    run: (a) => a.prod(),
    expected: 24,
    dtype: 'int32',
  },
  {
    id: 'prod/empty-is-one',
    inputs: [{ values: [] }],
    run: (a) => a.prod(),
    expected: 1,
  },
  {
    id: 'all/any',
    inputs: [
      {
        values: [
          [1, 0],
          [2, 3],
        ],
      },
    ],
    run: (a) => stack([a.all(1), a.any(0)]),
    expected: [
      [false, true],
      [true, true],
    ],
    dtype: 'bool',
  },
  {
    id: 'all/empty-true-any-false',
    inputs: [{ values: [] }],
    run: (a) => stack([a.all(), a.any()]),
    expected: [true, false],
  },
  {
    id: 'all/fractional-is-nonzero',
    inputs: [{ values: [0.5, -0.25] }],
    run: (a) => a.all(),
    expected: true,
  },
  {
    id: 'prod/0-d',
    inputs: [{ values: 5, requiresGrad: true }],
    run: (a) => a.prod(),
    expected: 5,
    grads: [1],
  },
  {
    id: 'prod/float64-dim-negative',
    inputs: [
      {
        values: [
          [1.5, 2],
          [3, 0.5],
        ],
        dtype: 'float64',
        requiresGrad: true,
      },
    ],
    run: (a) => a.prod(-2),
    expected: [4.5, 1],
    dtype: 'float64',
    grads: [
      [
        [3, 0.5],
        [1.5, 2],
      ],
    ],
  },
  {
    id: 'any/int-keepdim',
    inputs: [
      {
        values: [
          [0, 0],
          [0, 3],
        ],
        dtype: 'int32',
      },
    ],
    run: (a) => a.any(1, true),
    expected: [[false], [true]],
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];

/** Bad input to sum and mean: the message names the op, the dim or dtype and what was expected. */
export const sumReductionErrors = [
  {
    id: 'error/sum-dim-out-of-range',
    inputs: () => [ones([2, 3])],
    run: (x) => x.sum(2),
    throws: /sum: dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
    kind: 'index',
  },
  {
    id: 'error/mean-of-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (x) => x.mean(),
    throws: /mean: .*floating point dtype, got int32/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
