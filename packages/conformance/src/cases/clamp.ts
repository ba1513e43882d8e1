import { ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Clamping: clamp with number or tensor bounds, clampMin, clampMax, and nanToNum (infinities to the
 * dtype's finite range). Expected values by hand; the gradient passes where the input is kept.
 */
export const clampCases = [
  {
    id: 'clamp/options-min',
    inputs: [{ values: [-2, 0.5, 3], requiresGrad: true }],
    run: (a) => a.clamp({ min: 0 }),
    expected: [0, 0.5, 3],
    grads: [[0, 1, 1]],
    gradFn: 'ClampMinBackward0',
  },
  {
    id: 'clamp/options-min-max',
    inputs: [{ values: [-2, 0.5, 3], requiresGrad: true }],
    run: (a) => a.clamp({ min: -1, max: 1 }),
    expected: [-1, 0.5, 1],
    grads: [[0, 1, 0]],
    gradFn: 'ClampBackward1',
  },
  {
    id: 'clamp/numbers-inclusive-grad',
    inputs: [{ values: [-2, -1, 0, 0.5, 1, 3], requiresGrad: true }],
    run: (a) => a.clamp(-1, 1),
    expected: [-1, -1, 0, 0.5, 1, 1],
    grads: [[0, 1, 1, 1, 1, 0]],
    gradFn: 'ClampBackward1',
    noGradcheck: true,
  },
  {
    id: 'clamp/gradcheck',
    inputs: [{ values: [-2, -0.5, 0.5, 3], requiresGrad: true }],
    run: (a) => a.clamp(-1, 1),
    expected: [-1, -0.5, 0.5, 1],
    grads: [[0, 1, 1, 0]],
  },
  {
    id: 'clamp/tensor-bounds-broadcast',
    inputs: [
      {
        values: [
          [-3, 0.5, 4],
          [1.5, -0.2, 0.1],
        ],
        requiresGrad: true,
      },
      { values: [-1, 0, 0.3], requiresGrad: true },
      { values: [[1], [2]], requiresGrad: true },
    ],
    run: (x, lo, hi) => x.clamp(lo, hi),
    expected: [
      [-1, 0.5, 1],
      [1.5, 0, 0.3],
    ],
    grads: [
      [
        [0, 1, 0],
        [1, 0, 0],
      ],
      [1, 1, 1],
      [[1], [0]],
    ],
    gradFn: 'ClampBackward0',
  },
  {
    id: 'clamp/min-above-max-gives-max',
    inputs: [{ values: [-1, 0.5, 5] }],
    run: (a) => a.clamp(2, 1),
    expected: [1, 1, 1],
  },
  {
    id: 'clamp/nan-propagates',
    inputs: [{ values: [NaN, 2] }],
    run: (a) => a.clamp(0, 1),
    expected: [NaN, 1],
  },
  {
    id: 'clampMin',
    inputs: [{ values: [-2, 0.5, 3], requiresGrad: true }],
    run: (a) => a.clampMin(0),
    expected: [0, 0.5, 3],
    grads: [[0, 1, 1]],
    gradFn: 'ClampMinBackward0',
  },
  {
    id: 'clampMax',
    inputs: [{ values: [-2, 0.5, 3], requiresGrad: true }],
    run: (a) => a.clampMax(1),
    expected: [-2, 0.5, 1],
    grads: [[1, 1, 0]],
    gradFn: 'ClampMaxBackward0',
  },
  {
    id: 'clamp/int32-stays-int',
    inputs: [{ values: [-5, 3, 9], dtype: 'int32' }],
    run: (a) => a.clamp(0, 4),
    expected: [0, 3, 4],
    dtype: 'int32',
  },
  {
    id: 'clamp/int32-float-bound-promotes',
    inputs: [{ values: [-5, 3], dtype: 'int32' }],
    run: (a) => a.clamp(0.5),
    expected: [0.5, 3],
    dtype: 'float32',
  },
  {
    id: 'nanToNum/defaults-float32',
    inputs: [{ values: [NaN, Infinity, -Infinity, 1.5] }],
    run: (a) => a.nanToNum(),
    expected: [0, 3.4028234663852886e38, -3.4028234663852886e38, 1.5],
  },
  {
    id: 'nanToNum/defaults-float64',
    inputs: [{ values: [Infinity, -Infinity], dtype: 'float64' }],
    run: (a) => a.nanToNum(),
    expected: [Number.MAX_VALUE, -Number.MAX_VALUE],
  },
  {
    id: 'nanToNum/options-and-grad',
    inputs: [{ values: [NaN, Infinity, -Infinity, 2], requiresGrad: true }],
    run: (a) => a.nanToNum({ nan: 1, posinf: 10, neginf: -10 }),
    expected: [1, 10, -10, 2],
    grads: [[0, 0, 0, 1]],
    gradFn: 'NanToNumBackward0',
    noGradcheck: true,
  },
  {
    id: 'nanToNum/int32-copy',
    inputs: [{ values: [1, -2], dtype: 'int32' }],
    run: (a) => a.nanToNum(),
    expected: [1, -2],
    dtype: 'int32',
  },
] as const satisfies readonly OpCase[];

/** Bad input to the clamping functions. */
export const clampErrors = [
  {
    id: 'error/clamp-no-bounds',
    inputs: () => [ones([2])],
    run: (x) => x.clamp(),
    throws: /clamp: at least one of 'min' or 'max' must not be None/,
    kind: 'argument',
  },
] as const satisfies readonly ErrorCase[];
