import { ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

const m = [
  [1, 2, 3],
  [4, 5, 6],
];

/** Views and copies: values by index arithmetic; gradients route back to the same elements. */
export const shapeCases = [
  {
    id: 'reshape/view',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.reshape(3, 2),
    expected: [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
    gradFn: 'ViewBackward0',
  },
  {
    id: 'reshape/infer-minus-one',
    inputs: [{ values: m }],
    run: (a) => a.reshape([-1]),
    expected: [1, 2, 3, 4, 5, 6],
  },
  {
    id: 'reshape/of-transposed-copies',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.t().reshape(6),
    expected: [1, 4, 2, 5, 3, 6],
    gradFn: 'UnsafeViewBackward0',
  },
  {
    id: 'reshape/weighted-grad-through-transpose',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.t().reshape(6).mul(a.t().reshape(6)),
    expected: [1, 16, 4, 25, 9, 36],
    grads: [
      [
        [2, 4, 6],
        [8, 10, 12],
      ],
    ],
  },
  {
    id: 'transpose/3d',
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
    run: (a) => a.transpose(0, 2),
    expected: [
      [
        [1, 5],
        [3, 7],
      ],
      [
        [2, 6],
        [4, 8],
      ],
    ],
    gradFn: 'TransposeBackward0',
  },
  {
    id: 'permute',
    inputs: [{ values: [[[1, 2, 3]], [[4, 5, 6]]], requiresGrad: true }],
    run: (a) => a.permute(2, 0, 1),
    expected: [
      [[1], [4]],
      [[2], [5]],
      [[3], [6]],
    ],
  },
  {
    id: 'expand/and-sum-back',
    inputs: [{ values: [[1], [2]], requiresGrad: true }],
    run: (a) => a.expand(3, 2, 4),
    expected: [
      [
        [1, 1, 1, 1],
        [2, 2, 2, 2],
      ],
      [
        [1, 1, 1, 1],
        [2, 2, 2, 2],
      ],
      [
        [1, 1, 1, 1],
        [2, 2, 2, 2],
      ],
    ],
    grads: [[[12], [12]]],
    gradFn: 'ExpandBackward0',
  },
  {
    id: 'unsqueeze-squeeze',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }],
    run: (a) => a.unsqueeze(0).unsqueeze(-1).squeeze(0),
    expected: [[1], [2], [3]],
  },
  {
    id: 'contiguous/of-transpose',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.t().contiguous(),
    expected: [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
  },
  {
    id: 'to/int32-truncates-and-back',
    inputs: [{ values: [1.5, -2], requiresGrad: true }],
    run: (a) => a.to('int32').to('float32').add(a),
    expected: [2.5, -4],
    grads: [[1, 1]],
    noGradcheck: true,
  },
  // Casts, pair by pair: to bool is `!= 0`, to int32 rounds toward zero, to float32 to nearest.
  {
    id: 'to/float32-to-bool',
    inputs: [{ values: [0, -0.5, 2, -0] }],
    run: (a) => a.to('bool'),
    expected: [false, true, true, false],
    dtype: 'bool',
  },
  {
    id: 'to/float32-to-float64',
    inputs: [{ values: [0.1, -2.5] }],
    run: (a) => a.to('float64'),
    expected: [Math.fround(0.1), -2.5], // the float32 value, exactly
    dtype: 'float64',
  },
  {
    id: 'to/float64-to-float32',
    inputs: [{ values: [0.1, 1e40, 2 ** 24 + 1], dtype: 'float64' }],
    run: (a) => a.to('float32'),
    expected: [Math.fround(0.1), Infinity, 2 ** 24], // rounded to nearest (even)
    dtype: 'float32',
  },
  {
    id: 'to/float64-to-int32',
    inputs: [{ values: [2.9, -2.9, 0.5, 2147483647], dtype: 'float64' }],
    run: (a) => a.to('int32'),
    expected: [2, -2, 0, 2147483647], // toward zero
    dtype: 'int32',
  },
  {
    id: 'to/float64-to-bool',
    inputs: [{ values: [0, 1e-300, -3], dtype: 'float64' }],
    run: (a) => a.to('bool'),
    expected: [false, true, true],
    dtype: 'bool',
  },
  {
    id: 'to/int32-to-bool',
    inputs: [{ values: [0, -7, 1], dtype: 'int32' }],
    run: (a) => a.to('bool'),
    expected: [false, true, true],
    dtype: 'bool',
  },
  {
    id: 'to/int32-to-float64',
    inputs: [{ values: [2147483647, -5], dtype: 'int32' }],
    run: (a) => a.to('float64'),
    expected: [2147483647, -5],
    dtype: 'float64',
  },
  {
    id: 'contiguous/bool-transposed',
    inputs: [
      {
        values: [
          [true, false, true],
          [false, false, true],
        ],
        dtype: 'bool',
      },
    ],
    run: (a) => a.t().contiguous(),
    expected: [
      [true, false],
      [false, false],
      [true, true],
    ],
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];

/** Bad input to tensor creation, reshapes and conversions. */
export const shapeErrors = [
  {
    id: 'error/item-many-elements',
    inputs: () => [ones([2, 3])],
    run: (x) => x.item(),
    throws: /item: a Tensor with 6 elements \(shape \[2, 3\]\) cannot be converted to a scalar/,
    kind: 'shape',
  },
  {
    id: 'error/ragged-nested-array',
    inputs: () => [],
    run: () => tensor([[1, 2], [3]]),
    throws: /tensor: expected sequence of length 2 at dim 1 \(got length 1\)/,
    kind: 'shape',
  },
  {
    id: 'error/reshape-size',
    inputs: () => [ones([2, 3])],
    run: (x) => x.reshape(4, 2),
    throws: /reshape: shape \[4, 2\] is invalid for input of size 6/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
