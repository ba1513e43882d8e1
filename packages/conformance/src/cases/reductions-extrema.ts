import { ones, stack } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * max, min, amax, amin, argmax and argmin: values by hand. The gradient goes to the extreme
 * element: max and min along a dim give it to the index they return; over the whole tensor, and
 * amax and amin, split it evenly among ties.
 */
export const extremumCases = [
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
] as const satisfies readonly OpCase[];

/** Bad input to the extrema: an empty reduction, named with the dim and what was expected. */
export const extremumErrors = [
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
] as const satisfies readonly ErrorCase[];
