import { ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Binary ops beyond + - * /: rounding division, atan2, modulo in both sign conventions, logical
 * ops, lerp, addcmul and addcdiv. Expected values by hand or from JavaScript's Math.
 */
const ya = [1, -1, 2, -0.5];
const xb = [1, 1, -1, -2];
const pyMod = (a: number, b: number) => a - Math.floor(a / b) * b;

export const binaryMathCases = [
  {
    id: 'div/rounding-trunc',
    inputs: [
      { values: [7, -7, 7.5, -7.5], requiresGrad: true },
      { values: [2, 2, -2, 2], requiresGrad: true },
    ],
    run: (a, b) => a.div(b, { roundingMode: 'trunc' }),
    expected: [3, -3, -3, -3],
    grads: [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ],
  },
  {
    id: 'div/rounding-floor',
    inputs: [
      { values: [7, -7, 7.5, -7.5], requiresGrad: true },
      { values: [2, 2, -2, 2], requiresGrad: true },
    ],
    run: (a, b) => a.div(b, { roundingMode: 'floor' }),
    expected: [3, -4, -4, -4],
    grads: [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ],
  },
  {
    id: 'div/rounding-trunc-int32-stays-int',
    inputs: [
      { values: [7, -7, 9, -9], dtype: 'int32' },
      { values: [2, 2, -4, -4], dtype: 'int32' },
    ],
    run: (a, b) => a.div(b, { roundingMode: 'trunc' }),
    expected: [3, -3, -2, 2],
    dtype: 'int32',
  },
  {
    id: 'div/rounding-floor-int32-stays-int',
    inputs: [
      { values: [7, -7, 9, -9, 8], dtype: 'int32' },
      { values: [2, 2, -4, -4, 4], dtype: 'int32' },
    ],
    run: (a, b) => a.div(b, { roundingMode: 'floor' }),
    expected: [3, -4, -3, 2, 2],
    dtype: 'int32',
  },
  {
    id: 'div/rounding-int32-float-scalar',
    inputs: [{ values: [7, -7], dtype: 'int32' }],
    run: (a) => a.div(2.5, { roundingMode: 'floor' }),
    expected: [2, -3],
    dtype: 'float32',
  },
  {
    id: 'atan2',
    inputs: [
      { values: ya, requiresGrad: true },
      { values: xb, requiresGrad: true },
    ],
    run: (a, b) => a.atan2(b),
    expected: ya.map((y, i) => Math.atan2(y, xb[i]!)),
    grads: [ya.map((y, i) => xb[i]! / (y * y + xb[i]! ** 2)), ya.map((y, i) => -y / (y * y + xb[i]! ** 2))],
    gradFn: 'Atan2Backward0',
  },
  {
    id: 'atan2/int32-gives-float',
    inputs: [
      { values: [1, 0], dtype: 'int32' },
      { values: [0, -1], dtype: 'int32' },
    ],
    run: (a, b) => a.atan2(b),
    expected: [Math.PI / 2, Math.PI],
    dtype: 'float32',
  },
  {
    id: 'remainder/divisor-sign',
    inputs: [
      { values: [5, -5, 5, -5, 5.5], requiresGrad: true },
      { values: [3, 3, -3, -3, 2], requiresGrad: true },
    ],
    run: (a, b) => a.remainder(b),
    expected: [2, 1, -1, -2, 1.5],
    grads: [
      [1, 1, 1, 1, 1],
      [-1, 2, 2, -1, -2],
    ],
    gradFn: 'RemainderBackward1',
  },
  {
    id: 'remainder/scalar',
    inputs: [{ values: [-3.5, 2.25], requiresGrad: true }],
    run: (a) => a.remainder(2),
    expected: [pyMod(-3.5, 2), pyMod(2.25, 2)],
    grads: [[1, 1]],
    gradFn: 'RemainderBackward0',
  },
  {
    id: 'remainder/int32',
    inputs: [
      { values: [5, -5, 5, -5], dtype: 'int32' },
      { values: [3, 3, -3, -3], dtype: 'int32' },
    ],
    run: (a, b) => a.remainder(b),
    expected: [2, 1, -1, -2],
    dtype: 'int32',
  },
  {
    id: 'remainder/by-zero-nan',
    inputs: [{ values: [1, -1] }],
    run: (a) => a.remainder(0),
    expected: [NaN, NaN],
  },
  {
    id: 'fmod/dividend-sign',
    inputs: [
      { values: [5, -5, 5, -5, 5.5], requiresGrad: true },
      { values: [3, 3, -3, -3, 2], requiresGrad: true },
    ],
    run: (a, b) => a.fmod(b),
    expected: [2, -2, 2, -2, 1.5],
    grads: [
      [1, 1, 1, 1, 1],
      [-1, 1, 1, -1, -2],
    ],
    gradFn: 'FmodBackward1',
  },
  {
    id: 'fmod/int32',
    inputs: [{ values: [5, -5], dtype: 'int32' }],
    run: (a) => a.fmod(3),
    expected: [2, -2],
    dtype: 'int32',
  },
  {
    id: 'logicalAnd',
    inputs: [{ values: [0, 1, 2, 0] }, { values: [true, true, false, false], dtype: 'bool' }],
    run: (a, b) => a.logicalAnd(b),
    expected: [false, true, false, false],
    dtype: 'bool',
  },
  {
    id: 'logicalOr',
    inputs: [{ values: [0, -1, 0, NaN] }, { values: [0, 0, 3, 0], dtype: 'int32' }],
    run: (a, b) => a.logicalOr(b),
    expected: [false, true, true, true],
    dtype: 'bool',
  },
  {
    id: 'logicalXor',
    inputs: [{ values: [0, 1, 2, 0] }, { values: [0, 0, 5, 7] }],
    run: (a, b) => a.logicalXor(b),
    expected: [false, true, false, true],
    dtype: 'bool',
  },
  {
    id: 'logicalNot',
    inputs: [{ values: [0, 1.5, NaN] }],
    run: (a) => a.logicalNot(),
    expected: [true, false, false],
    dtype: 'bool',
  },
  {
    id: 'logicalXor/broadcast-bool',
    inputs: [
      { values: [[true], [false]], dtype: 'bool' },
      { values: [true, false], dtype: 'bool' },
    ],
    run: (a, b) => a.logicalXor(b),
    expected: [
      [false, true],
      [true, false],
    ],
    dtype: 'bool',
  },
  {
    id: 'lerp/scalar-weight',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [5, 6, 11], requiresGrad: true },
    ],
    run: (a, b) => a.lerp(b, 0.25),
    expected: [2, 3, 5],
    grads: [
      [0.75, 0.75, 0.75],
      [0.25, 0.25, 0.25],
    ],
    gradFn: 'LerpBackward0',
  },
  {
    id: 'lerp/tensor-weight',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [5, 4], requiresGrad: true },
      { values: [0.5, -1], requiresGrad: true },
    ],
    run: (a, b, w) => a.lerp(b, w),
    expected: [3, 0],
    grads: [
      [0.5, 2],
      [0.5, -1],
      [4, 2],
    ],
    gradFn: 'LerpBackward1',
  },
  {
    id: 'addcmul',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3, -1], requiresGrad: true },
      {
        values: [
          [2, 4],
          [1, 1],
        ],
        requiresGrad: true,
      },
    ],
    run: (x, a, b) => x.addcmul(a, b, { value: 0.5 }),
    expected: [
      [4, 0],
      [2.5, 1.5],
    ],
    grads: [
      [2, 2],
      [1.5, 2.5],
      [
        [1.5, -0.5],
        [1.5, -0.5],
      ],
    ],
    gradFn: 'AddcmulBackward0',
  },
  {
    id: 'addcdiv',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3, -1], requiresGrad: true },
      { values: [2, 4], requiresGrad: true },
    ],
    run: (x, a, b) => x.addcdiv(a, b, { value: 2 }),
    expected: [4, 1.5],
    grads: [
      [1, 1],
      [1, 0.5],
      [-1.5, 0.125],
    ],
    gradFn: 'AddcdivBackward0',
  },
  {
    id: 'maximum/nan-propagates',
    inputs: [{ values: [NaN, 1] }, { values: [0, NaN] }],
    run: (a, b) => a.maximum(b).add(a.minimum(b)),
    expected: [NaN, NaN],
  },
  {
    id: 'minimum/int32',
    inputs: [
      { values: [3, -7], dtype: 'int32' },
      { values: [1, 2], dtype: 'int32' },
    ],
    run: (a, b) => a.minimum(b),
    expected: [1, -7],
    dtype: 'int32',
  },
  {
    id: 'sub/alpha',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3, 4], requiresGrad: true },
    ],
    run: (a, b) => a.sub(b, { alpha: 0.5 }),
    expected: [-0.5, 0],
    grads: [
      [1, 1],
      [-0.5, -0.5],
    ],
  },
  {
    id: 'compare/int-with-float-scalar',
    inputs: [{ values: [1, 2, 3], dtype: 'int32' }],
    run: (a) => a.le(1.5),
    expected: [true, false, false],
    dtype: 'bool',
  },
  {
    id: 'compare/ge-gt-ne',
    inputs: [{ values: [1, 2, 3] }, { values: [2, 2, 2] }],
    run: (a, b) => a.ge(b).logicalAnd(a.ne(b)).logicalOr(a.gt(3)),
    expected: [false, false, true],
    dtype: 'bool',
  },
  {
    id: 'where/method',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [true, false, true], dtype: 'bool' },
    ],
    run: (a, c) => a.where(c, 0),
    expected: [1, 0, 3],
    grads: [[1, 0, 1], null],
  },
  {
    id: 'addcmul/same-tensor-thrice-float64',
    inputs: [{ values: [1, -2], dtype: 'float64', requiresGrad: true }],
    run: (x) => x.addcmul(x, x, { value: 3 }),
    expected: [4, 10],
    grads: [[1 + 6 * 1, 1 + 6 * -2]], // d(x + 3x²)/dx
  },
  {
    id: 'fmod/float64',
    inputs: [
      { values: [5.5, -5.5, 5.5, -5.5, 1e10 + 0.5], dtype: 'float64' },
      { values: [2, 2, -2, -2, 3], dtype: 'float64' },
    ],
    run: (a, b) => a.fmod(b),
    expected: [1.5, -1.5, 1.5, -1.5, 1.5], // the dividend's sign; 1e10 = 3 * 3333333333 + 1
    dtype: 'float64',
  },
  {
    id: 'remainder/float64',
    inputs: [
      { values: [5.5, -5.5, 5.5, -5.5, 1e10 + 0.5], dtype: 'float64' },
      { values: [2, 2, -2, -2, 3], dtype: 'float64' },
    ],
    run: (a, b) => a.remainder(b),
    expected: [1.5, 0.5, -0.5, -1.5, 1.5], // the divisor's sign
    dtype: 'float64',
  },
  {
    id: 'where/bool',
    inputs: [
      { values: [true, false, true], dtype: 'bool' },
      { values: [true, true, false], dtype: 'bool' },
      { values: [false, false, true], dtype: 'bool' },
    ],
    run: (c, a, b) => a.where(c, b),
    expected: [true, false, false],
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];

/** Bad input to the binary math functions. */
export const binaryMathErrors = [
  {
    id: 'error/remainder-of-bool',
    inputs: () => [tensor([true]), tensor([true])],
    run: (a, b) => a.remainder(b),
    throws: /remainder: not supported for bool tensors/,
    kind: 'dtype',
  },
  {
    id: 'error/div-bad-rounding-mode',
    inputs: () => [ones([2])],
    run: (x) => x.div(2, { roundingMode: 'round' as 'floor' }),
    throws: /div: argument 2 \('options'\) option 'roundingMode' got "round"; it expects "trunc" or "floor" or null/,
    kind: 'value',
  },
  {
    id: 'error/addcdiv-int-tensors',
    inputs: () => [ones([2]), tensor([1, 2], { dtype: 'int32' }), tensor([1, 2], { dtype: 'int32' })],
    run: (x, a, b) => x.addcdiv(a, b),
    throws: /addcdiv: integer division .* no longer supported.*\(got int32 and int32\)/,
    kind: 'dtype',
  },
  {
    id: 'error/lerp-of-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' }), tensor([3, 4], { dtype: 'int32' })],
    run: (a, b) => a.lerp(b, 0.5),
    throws: /lerp: expected floating point tensors .*got dtype int32/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
