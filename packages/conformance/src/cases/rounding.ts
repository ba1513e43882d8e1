import { stack, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Rounding and sign: round (half to even), trunc, floor, ceil, frac, sign. Expected values by
 * hand; the gradients are zero (frac's is one).
 */
export const roundingCases = [
  {
    id: 'round/half-to-even',
    inputs: [{ values: [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.4, -3.7, 1e8 + 0.5] }],
    run: (a) => a.round(),
    expected: [-2, -2, -0, 0, 2, 2, 0, -4, 1e8],
    noGradcheck: true,
  },
  {
    id: 'round/grad-zero',
    inputs: [{ values: [-1.2, 0.3, 2.7], requiresGrad: true }],
    run: (a) => a.round(),
    expected: [-1, 0, 3],
    grads: [[0, 0, 0]],
    gradFn: 'RoundBackward0',
  },
  {
    id: 'round/int32-unchanged',
    inputs: [{ values: [-3, 7], dtype: 'int32' }],
    run: (a) => a.round(),
    expected: [-3, 7],
    dtype: 'int32',
  },
  {
    id: 'trunc',
    inputs: [{ values: [-2.7, -0.5, 0.3, 1.9], requiresGrad: true }],
    run: (a) => a.trunc(),
    expected: [-2, -0, 0, 1],
    grads: [[0, 0, 0, 0]],
    gradFn: 'TruncBackward0',
  },
  {
    id: 'floor-ceil',
    inputs: [{ values: [-2.7, -0.5, 0.3, 1.9], requiresGrad: true }],
    run: (a) => a.floor().add(a.ceil()),
    expected: [-5, -1, 1, 3],
    grads: [[0, 0, 0, 0]],
  },
  {
    id: 'frac',
    inputs: [{ values: [-2.75, -0.5, 0.25, 1.5], requiresGrad: true }],
    run: (a) => a.frac(),
    expected: [-0.75, -0.5, 0.25, 0.5],
    grads: [[1, 1, 1, 1]],
    gradFn: 'FracBackward0',
  },
  {
    id: 'sign',
    inputs: [{ values: [-2, 0, 3, NaN] }],
    run: (a) => a.sign(),
    expected: [-1, 0, 1, NaN],
  },
  {
    id: 'sign/int32',
    inputs: [{ values: [-5, 0, 9], dtype: 'int32' }],
    run: (a) => a.sign(),
    expected: [-1, 0, 1],
    dtype: 'int32',
  },
  // Rounding in float64 (2^30 + 0.5 is exact there, not in float32), and on integers and bools, which it leaves as they are.
  {
    id: 'rounding/float64',
    inputs: [{ values: [-2.5, -1.5, -0.5, 0.5, 1.5, 2.7, 2 ** 30 + 0.5], dtype: 'float64' }],
    run: (a) => stack([a.floor(), a.ceil(), a.trunc(), a.round()]),
    expected: [
      [-3, -2, -1, 0, 1, 2, 2 ** 30],
      [-2, -1, -0, 1, 2, 3, 2 ** 30 + 1],
      [-2, -1, -0, 0, 1, 2, 2 ** 30],
      [-2, -2, -0, 0, 2, 3, 2 ** 30], // half to even
    ],
    dtype: 'float64',
  },
  {
    id: 'rounding/int32-unchanged',
    inputs: [{ values: [-7, 0, 2 ** 24 + 1], dtype: 'int32' }],
    run: (a) => stack([a.floor(), a.ceil(), a.trunc(), a.round()]),
    expected: [
      [-7, 0, 2 ** 24 + 1],
      [-7, 0, 2 ** 24 + 1],
      [-7, 0, 2 ** 24 + 1],
      [-7, 0, 2 ** 24 + 1],
    ],
    dtype: 'int32',
  },
  {
    id: 'rounding/bool-unchanged',
    inputs: [{ values: [true, false], dtype: 'bool' }],
    run: (a) => stack([a.floor(), a.ceil(), a.trunc(), a.round(), a.sign()]),
    expected: [
      [true, false],
      [true, false],
      [true, false],
      [true, false],
      [true, false],
    ],
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];

/** Bad input to the rounding functions. */
export const roundingErrors = [
  {
    id: 'error/frac-of-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (x) => x.frac(),
    throws: /frac: not supported for int32/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
