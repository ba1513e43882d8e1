import { cummax, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Running max/min with their indices (cummax, cummin) and logcumsumexp. Values worked by hand:
 * ties take the latest index and a NaN, once met, stays (PyTorch's kernel updates on >= and on
 * NaN); the gradient of sum(values) counts how often each index is taken; logcumsumexp of
 * [0, 0, ln 2] is [0, ln 2, ln 4], with gradient Σ_{i>=j} exp(x_j - y_i).
 */
const LN2 = Math.LN2;

export const scanCases = [
  {
    id: 'cummax',
    inputs: [{ values: [1, 3, 2, 3, 5, 0], requiresGrad: true }],
    run: (a) => a.cummax(0).values,
    expected: [1, 3, 3, 3, 5, 5],
    // index 1 is taken twice (3 at positions 1 and 2), the tie at 3 moves to 3, 5 taken twice
    grads: [[1, 2, 0, 1, 2, 0]],
    gradFn: 'CummaxBackward0',
    noGradcheck: true, // the tie of 3 and 3 is a kink
  },
  {
    id: 'cummax/indices-latest-tie',
    inputs: [{ values: [1, 3, 2, 3, 5, 0] }],
    run: (a) => a.cummax(0).indices,
    expected: [0, 1, 1, 3, 4, 4],
    dtype: 'int32',
  },
  {
    id: 'cummax/gradcheck-rows',
    inputs: [
      {
        values: [
          [0.5, -1, 2, 1.5],
          [3, 2.5, 4, -2],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.cummax(1).values,
    expected: [
      [0.5, 0.5, 2, 2],
      [3, 3, 4, 4],
    ],
    grads: [
      [
        [2, 0, 2, 0],
        [2, 0, 2, 0],
      ],
    ],
  },
  {
    id: 'cummax/nan-stays',
    inputs: [{ values: [1, NaN, 2, NaN, 0] }],
    // values then 10 × indices: NaN from position 1, the index following the latest NaN
    run: (a) => {
      const { values, indices } = cummax(a, 0);
      return values.add(indices.mul(10));
    },
    expected: [1, NaN, NaN, NaN, NaN],
  },
  {
    id: 'cummax/nan-indices',
    inputs: [{ values: [1, NaN, 2, NaN, 0] }],
    run: (a) => a.cummax(0).indices,
    expected: [0, 1, 1, 3, 3],
    dtype: 'int32',
  },
  {
    id: 'cummax/dim0-int',
    inputs: [
      {
        values: [
          [2, -5],
          [7, -9],
          [7, 4],
        ],
        dtype: 'int32',
      },
    ],
    run: (a) => {
      const { values, indices } = a.cummax(0);
      return values.mul(10).add(indices);
    },
    // values [[2, -5], [7, -5], [7, 4]], indices [[0, 0], [1, 0], [2, 2]]
    expected: [
      [20, -50],
      [71, -50],
      [72, 42],
    ],
    dtype: 'int32',
  },
  {
    id: 'cummax/bool',
    inputs: [{ values: [false, true, false], dtype: 'bool' }],
    run: (a) => a.cummax(0).values,
    expected: [false, true, true],
    dtype: 'bool',
  },
  {
    id: 'cummax/float64',
    inputs: [{ values: [0.25, -1, 0.5], dtype: 'float64' }],
    run: (a) => a.cummax(0).values,
    expected: [0.25, 0.25, 0.5],
  },
  {
    id: 'cummax/zero-dim',
    inputs: [{ values: 5 }],
    run: (a) => a.cummax(0).values.add(a.cummax(0).indices),
    expected: 5,
  },
  {
    id: 'cummin',
    inputs: [{ values: [3, 1, 2, 1, -1], requiresGrad: true }],
    run: (a) => a.cummin(0).values,
    expected: [3, 1, 1, 1, -1],
    grads: [[1, 2, 0, 1, 1]],
    gradFn: 'CumminBackward0',
    noGradcheck: true,
  },
  {
    id: 'cummin/indices',
    inputs: [{ values: [3, 1, 2, 1, -1, NaN, -5] }],
    run: (a) => a.cummin(0).indices,
    expected: [0, 1, 1, 3, 4, 5, 5],
    dtype: 'int32',
  },
  {
    id: 'cummin/int-bool-float64',
    inputs: [
      { values: [4, 6, -2], dtype: 'int32' },
      { values: [true, false, true], dtype: 'bool' },
      { values: [0.5, 0.25, 1], dtype: 'float64' },
    ],
    run: (a, b, c) =>
      a.cummin(0).values.to('float64').add(b.cummin(0).values.to('float64').mul(100)).add(c.cummin(0).values.mul(1000)),
    // [4, 4, -2] + 100 [1, 0, 0] + 1000 [0.5, 0.25, 0.25]
    expected: [604, 254, 248],
  },
  {
    id: 'logcumsumexp',
    inputs: [{ values: [0, 0, LN2], requiresGrad: true }],
    run: (a) => a.logcumsumexp(0),
    expected: [0, LN2, 2 * LN2],
    grads: [[1 + 1 / 2 + 1 / 4, 1 / 2 + 1 / 4, 2 / 4]],
    gradFn: 'LogcumsumexpBackward0',
  },
  {
    id: 'logcumsumexp/stable',
    inputs: [{ values: [-1000, 0, 1000, 1000] }],
    // no overflow past 88 (float32's exp) and no loss of -1000 to underflow
    run: (a) => a.logcumsumexp(0),
    expected: [-1000, 0, 1000, 1000 + LN2],
  },
  {
    id: 'logcumsumexp/infinities',
    inputs: [{ values: [-Infinity, -Infinity, 0, Infinity] }],
    run: (a) => a.logcumsumexp(0),
    expected: [-Infinity, -Infinity, 0, Infinity],
  },
  {
    id: 'logcumsumexp/dim0-mixed-signs',
    inputs: [
      {
        values: [
          [1, -2],
          [0.5, 3],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) =>
      a.logcumsumexp(0).mul(
        tensor([
          [1, -2],
          [-3, 0.5],
        ]),
      ),
    expected: [
      [1, 4],
      [-3 * Math.log(Math.exp(1) + Math.exp(0.5)), 0.5 * Math.log(Math.exp(-2) + Math.exp(3))],
    ],
    // the gradient's negative parts go through the second reversed logcumsumexp
    grads: [
      [
        [
          1 - (3 * Math.exp(1)) / (Math.exp(1) + Math.exp(0.5)),
          -2 + (0.5 * Math.exp(-2)) / (Math.exp(-2) + Math.exp(3)),
        ],
        [(-3 * Math.exp(0.5)) / (Math.exp(1) + Math.exp(0.5)), (0.5 * Math.exp(3)) / (Math.exp(-2) + Math.exp(3))],
      ],
    ],
  },
  {
    id: 'logcumsumexp/float64',
    inputs: [{ values: [0, 0, LN2, -50], dtype: 'float64' }],
    run: (a) => a.logcumsumexp(0),
    expected: [0, LN2, 2 * LN2, 2 * LN2 + Math.log1p(Math.exp(-50) / 4)],
  },
] as const satisfies readonly OpCase[];

export const scanErrors = [
  {
    id: 'error/logcumsumexp-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (a) => a.logcumsumexp(0),
    throws: /logcumsumexp: expected a floating point input, got dtype int32/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
