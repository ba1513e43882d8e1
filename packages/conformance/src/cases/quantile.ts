import type { Tensor } from '@ag/core';
import { nanquantile, quantile, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * quantile and nanquantile: rank q * (n - 1) in the sorted line, between the values below and
 * above it, worked out by hand for each interpolation. The gradient of the linear one gives the
 * two neighbours the weights 1 - f and f (f the rank's fraction).
 */
const interpolated = <const I extends string>(
  id: I,
  interpolation: 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest',
  expected: number[],
): OpCase & { readonly id: I } => ({
  id,
  // Sorted 1, 3, 7, 15 (n = 4): q = 0.25 is rank 0.75, q = 0.5 is rank 1.5.
  inputs: [{ values: [7, 1, 15, 3] }],
  run: (a: Tensor) => quantile(a, tensor([0.25, 0.5]), 0, false, { interpolation }),
  expected,
});

export const quantileCases = [
  {
    id: 'quantile/linear-along-dim-gradient',
    inputs: [
      {
        values: [
          [0, 3, 1, 2],
          [10, 4, 8, 6],
        ],
        requiresGrad: true,
      },
    ],
    // q = 0.4: rank 1.2, between the sorted values 1 and 2 (row 0), 6 and 8 (row 1).
    run: (a) => a.quantile(0.4, 1),
    expected: [1.2, 6.4],
    grads: [
      [
        [0, 0, 0.8, 0.2],
        [0, 0, 0.2, 0.8],
      ],
    ],
  },
  interpolated('quantile/interpolation-linear', 'linear', [2.5, 5]),
  interpolated('quantile/interpolation-lower', 'lower', [1, 3]),
  interpolated('quantile/interpolation-higher', 'higher', [3, 7]),
  interpolated('quantile/interpolation-midpoint', 'midpoint', [2, 5]),
  // round(0.75) = 1 and round(1.5) = 2.
  interpolated('quantile/interpolation-nearest', 'nearest', [3, 7]),
  {
    id: 'quantile/nearest-rounds-half-to-even',
    // Sorted 1, 3, 7 (n = 3): q = 0.25 is rank 0.5 (to 0), q = 0.75 rank 1.5 (to 2).
    inputs: [{ values: [3, 7, 1] }],
    run: (a) => a.quantile(tensor([0.25, 0.75]), null, false, { interpolation: 'nearest' }),
    expected: [1, 7],
  },
  {
    id: 'quantile/q-tensor-dim-first',
    inputs: [
      {
        values: [
          [1, 5, 3],
          [4, 2, 6],
        ],
      },
    ],
    // Along dim 0, q = 0 is each column's smaller value, q = 1 its larger, q = 0.5 the mean.
    run: (a) => a.quantile(tensor([0, 1, 0.5]), 0),
    expected: [
      [1, 2, 3],
      [4, 5, 6],
      [2.5, 3.5, 4.5],
    ],
  },
  {
    id: 'quantile/all-keepdim',
    inputs: [
      {
        values: [
          [4, 1],
          [3, 2],
        ],
      },
    ],
    run: (a) => a.quantile(0.5, null, true),
    expected: [[2.5]],
  },
  {
    id: 'quantile/dim-keepdim',
    inputs: [
      {
        values: [
          [4, 1],
          [3, 2],
        ],
      },
    ],
    run: (a) => a.quantile(tensor([0, 1]), 1, true),
    expected: [
      [[1], [2]],
      [[4], [3]],
    ],
  },
  {
    id: 'quantile/nan-line-gives-nan',
    inputs: [
      {
        values: [
          [1, NaN, 2],
          [1, 2, 3],
        ],
      },
    ],
    run: (a) => a.quantile(0.5, 1),
    expected: [NaN, 2],
  },
  {
    id: 'nanquantile/leaves-nan-out',
    inputs: [
      {
        values: [
          [1, NaN, 2],
          [NaN, NaN, NaN],
        ],
      },
    ],
    // Row 0 without NaN: 1, 2 -> the middle is 1.5; a row of NaNs gives NaN.
    run: (a) => nanquantile(a, 0.5, 1),
    expected: [1.5, NaN],
  },
  {
    id: 'nanquantile/gradient',
    inputs: [{ values: [[3, NaN, 1, 2]], requiresGrad: true }],
    // Without NaN: 1, 2, 3; q = 0.75 is rank 1.5, halfway between 2 and 3.
    run: (a) => a.nanquantile(0.75, 1),
    expected: [2.5],
    grads: [[[0.5, 0, 0, 0.5]]],
    noGradcheck: true,
  },
  {
    id: 'quantile/float64',
    inputs: [{ values: [0.5, 0.25, 1], dtype: 'float64', requiresGrad: true }],
    run: (a) => a.quantile(0.25),
    expected: 0.375,
    grads: [[0.5, 0.5, 0]],
  },
] as const satisfies readonly OpCase[];

export const quantileErrors = [
  {
    id: 'error/quantile-q-out-of-range',
    inputs: () => [tensor([1, 2])],
    run: (a) => a.quantile(1.5),
    throws: /quantile: q must be in the range \[0, 1\] but got 1.5/,
    kind: 'value',
  },
  {
    id: 'error/quantile-int-input',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (a) => a.quantile(0.5),
    throws: /quantile: input tensor must be either float or double dtype, got int32/,
    kind: 'dtype',
  },
  {
    id: 'error/quantile-empty',
    inputs: () => [tensor([])],
    run: (a) => a.nanquantile(0.5),
    throws: /nanquantile: input tensor must be non-empty/,
    kind: 'shape',
  },
  {
    id: 'error/quantile-q-2d',
    inputs: () => [tensor([1, 2]), tensor([[0.5]])],
    run: (a, q) => a.quantile(q),
    throws: /quantile: q must be a scalar or 1D tensor, got 2 dims/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
