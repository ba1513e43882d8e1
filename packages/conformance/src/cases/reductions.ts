import { ones, stack, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

const m = [
  [1, 2, 3],
  [4, 5, 6],
];
const e = Math.exp;

/**
 * Reductions, scans and statistics: values by hand or with Math; gradients from closed forms (sum
 * and mean spread the output's gradient evenly).
 */
export const reductionCases = [
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
    id: 'max/all',
    inputs: [
      {
        values: [
          [1, 7],
          [3, 2],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.max(),
    expected: 7,
    grads: [
      [
        [0, 1],
        [0, 0],
      ],
    ],
  },
  {
    id: 'max/all-ties-split',
    inputs: [{ values: [5, 1, 5], requiresGrad: true }],
    run: (a) => a.max(),
    expected: 5,
    grads: [[0.5, 0, 0.5]],
    noGradcheck: true,
  },
  {
    id: 'max/dim-values',
    inputs: [
      {
        values: [
          [1, 9, 3],
          [8, 2, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.max(1).values,
    expected: [9, 8],
    grads: [
      [
        [0, 1, 0],
        [1, 0, 0],
      ],
    ],
    gradFn: 'MaxBackward0',
  },
  {
    id: 'max/dim-indices',
    inputs: [
      {
        values: [
          [1, 9, 3],
          [8, 2, 4],
        ],
      },
    ],
    run: (a) => a.max(1).indices,
    expected: [1, 0],
    dtype: 'int32',
  },
  {
    id: 'max/dim0-keepdim',
    inputs: [
      {
        values: [
          [1, 9, 3],
          [8, 2, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.max(0, true).values,
    expected: [[8, 9, 4]],
    grads: [
      [
        [0, 1, 0],
        [1, 0, 1],
      ],
    ],
  },
  {
    id: 'min/dim-negative',
    inputs: [
      {
        values: [
          [1, 9, 3],
          [8, 2, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.min(-1).values,
    expected: [1, 2],
    grads: [
      [
        [1, 0, 0],
        [0, 1, 0],
      ],
    ],
  },
  {
    id: 'min/all-int',
    inputs: [{ values: [4, -2, 7], dtype: 'int32' }],
    run: (a) => a.min(),
    expected: -2,
    dtype: 'int32',
  },
  {
    id: 'max/with-tensor-is-maximum',
    inputs: [{ values: [1, 5] }, { values: [3, 2] }],
    run: (a, b) => a.max(b),
    expected: [3, 5],
  },
  {
    id: 'amax/dims-ties',
    inputs: [
      {
        values: [
          [1, 3, 3],
          [2, 0, 1],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.amax(1),
    expected: [3, 2],
    grads: [
      [
        [0, 0.5, 0.5],
        [1, 0, 0],
      ],
    ],
    gradFn: 'AmaxBackward0',
    noGradcheck: true,
  },
  {
    id: 'amin/dim-list',
    inputs: [
      {
        values: [
          [
            [1, 5],
            [3, 0.5],
          ],
          [
            [2, 4],
            [6, 7],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.amin([0, 2]),
    expected: [1, 0.5],
    grads: [
      [
        [
          [1, 0],
          [0, 1],
        ],
        [
          [0, 0],
          [0, 0],
        ],
      ],
    ],
  },
  {
    id: 'argmax/flat',
    inputs: [
      {
        values: [
          [1, 9],
          [9, 2],
        ],
      },
    ],
    run: (a) => a.argmax(),
    expected: 1,
    dtype: 'int32',
  },
  {
    id: 'argmax/dim-keepdim',
    inputs: [
      {
        values: [
          [1, 9],
          [7, 2],
        ],
      },
    ],
    run: (a) => a.argmax(0, true),
    expected: [[1, 0]],
  },
  {
    id: 'argmin/dim',
    inputs: [
      {
        values: [
          [1, 9],
          [7, 2],
        ],
      },
    ],
    run: (a) => a.argmin(1),
    expected: [0, 1],
  },
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
    id: 'max/0-d-dim',
    inputs: [{ values: 4, requiresGrad: true }],
    run: (a) => a.max(0).values,
    expected: 4,
    grads: [1],
  },
  {
    id: 'max/dim-zero-size-other-dim',
    inputs: [{ values: [[], []] }],
    run: (a) => a.max(0).values,
    expected: [],
  },
  {
    id: 'max/bool',
    inputs: [{ values: [false, true], dtype: 'bool' }],
    run: (a) => a.max(),
    expected: true,
    dtype: 'bool',
  },
  {
    id: 'max/nan-propagates',
    inputs: [{ values: [1, NaN, 3] }],
    run: (a) => stack([a.max(), a.max(0).values, a.amax()]),
    expected: [NaN, NaN, NaN],
  },
  {
    id: 'max/nan-gets-the-gradient',
    inputs: [{ values: [1, NaN, 3], requiresGrad: true }],
    run: (a) => a.max(),
    expected: NaN,
    grads: [[0, 1, 0]],
    noGradcheck: true,
  },
  {
    id: 'argmax/first-of-ties-int32',
    inputs: [{ values: [[3, 7, 7]], dtype: 'int32' }],
    run: (a) => a.argmax(1),
    expected: [1],
  },
  {
    id: 'argmax/0-d',
    inputs: [{ values: 2 }],
    run: (a) => a.argmax(),
    expected: 0,
  },
  {
    id: 'amax/keepdim-int32',
    inputs: [
      {
        values: [
          [1, 5],
          [7, 2],
        ],
        dtype: 'int32',
      },
    ],
    run: (a) => a.amax(-1, true),
    expected: [[5], [7]],
    dtype: 'int32',
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
  // Reductions in float64 and on int32 and bool; the values differ where float32 would round.
  {
    id: 'argmax-argmin/float64',
    inputs: [
      {
        values: [
          [1, 3, 3, -2],
          [-1, -2, -0.5, -2],
          [1, 1 + 1e-9, 1, 1 - 1e-9],
        ],
        dtype: 'float64',
      },
    ],
    run: (a) => stack([a.argmax(1), a.argmin(1)]),
    expected: [
      [1, 2, 1],
      [3, 1, 3],
    ], // the first of ties; 1 ± 1e-9 differ from 1 only in float64
    dtype: 'int32',
  },
  {
    id: 'argmax-argmin/bool',
    inputs: [
      {
        values: [
          [false, true, true],
          [false, false, false],
        ],
        dtype: 'bool',
      },
    ],
    run: (a) => stack([a.argmax(1), a.argmin(1)]),
    expected: [
      [1, 0],
      [0, 0],
    ],
    dtype: 'int32',
  },
  {
    id: 'argmin/int32-beyond-float32',
    inputs: [
      {
        values: [
          [4, -1, -1],
          [2 ** 24 + 1, 2 ** 24, 2 ** 24 + 2],
        ],
        dtype: 'int32',
      },
    ],
    run: (a) => a.argmin(1),
    expected: [1, 1],
  },
  {
    id: 'amin/bool',
    inputs: [
      {
        values: [
          [true, false],
          [true, true],
        ],
        dtype: 'bool',
      },
    ],
    run: (a) => a.amin(1),
    expected: [false, true],
    dtype: 'bool',
  },
  {
    id: 'amin/float64',
    inputs: [
      {
        values: [
          [1.5, 1.5 - 1e-9],
          [0, 3],
        ],
        dtype: 'float64',
      },
    ],
    run: (a) => a.amin(1),
    expected: [1.5 - 1e-9, 0],
    dtype: 'float64',
  },
  {
    id: 'cumsum/float64',
    inputs: [{ values: [1, 1e-8, 2], dtype: 'float64' }],
    run: (a) => a.cumsum(0),
    expected: [1, 1 + 1e-8, 3 + 1e-8],
    dtype: 'float64',
  },
] as const satisfies readonly OpCase[];

/** Bad input to the reductions: the message names the op, the dim or dtype and what was expected. */
export const reductionErrors = [
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
  {
    id: 'error/max-empty',
    inputs: () => [ones([0])],
    run: (a) => a.max(),
    throws: /max: expected reduction dim/,
    kind: 'shape',
  },
  {
    id: 'error/argmax-empty-dim',
    inputs: () => [ones([2, 0])],
    run: (a) => a.argmax(1),
    throws: /argmax: expected reduction dim 1 to have non-zero size/,
    kind: 'shape',
  },
  {
    id: 'error/var-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (a) => a.var(),
    throws: /var: expected a floating point input, got dtype int32/,
    kind: 'dtype',
  },
  {
    id: 'error/cumsum-dim',
    inputs: () => [ones([2])],
    run: (a) => a.cumsum(1),
    throws: /cumsum: dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)/,
    kind: 'index',
  },
] as const satisfies readonly ErrorCase[];
