import { bitwiseAnd, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Bitwise ops on int32, the 8-bit integers and bool, worked in two's complement by hand
 * (12 = 0b1100, 10 = 0b1010, -6 = ...11111010); shifts past the width as PyTorch's kernels.
 */
const I = 'int32';

export const bitwiseCases = [
  {
    id: 'bitwiseAnd',
    inputs: [
      { values: [12, -1, 5, -8], dtype: I },
      { values: [10, 7, -6, -3], dtype: I },
    ],
    run: (a, b) => a.bitwiseAnd(b),
    expected: [8, 7, 0, -8],
    dtype: 'int32',
  },
  {
    id: 'bitwiseOr',
    inputs: [
      { values: [12, -1, 5, 0], dtype: I },
      { values: [10, 7, -6, 0], dtype: I },
    ],
    run: (a, b) => a.bitwiseOr(b),
    expected: [14, -1, -1, 0],
    dtype: 'int32',
  },
  {
    id: 'bitwiseXor',
    inputs: [
      { values: [12, -1, 5, 9], dtype: I },
      { values: [10, 7, 3, 9], dtype: I },
    ],
    run: (a, b) => a.bitwiseXor(b),
    expected: [6, -8, 6, 0],
    dtype: 'int32',
  },
  {
    id: 'bitwiseAnd/number-and-uint8',
    inputs: [{ values: [255, 6, 129], dtype: 'uint8' }],
    run: (a) => a.bitwiseAnd(3).bitwiseOr(a.bitwiseXor(1).bitwiseAnd(128)),
    // 255 & 3 | 254 & 128 = 3 | 128; 6 & 3 | 7 & 128 = 2; 129 & 3 | 128 & 128 = 1 | 128
    expected: [131, 2, 129],
    dtype: 'uint8',
  },
  {
    id: 'bitwise/bool-is-logical',
    inputs: [
      { values: [true, true, false, false], dtype: 'bool' },
      { values: [true, false, true, false], dtype: 'bool' },
    ],
    run: (a, b) => a.bitwiseAnd(b).bitwiseOr(a.bitwiseXor(b).bitwiseAnd(a)).bitwiseXor(b.bitwiseNot()),
    // a & b | (a ^ b) & a = a, then a ^ ~b
    expected: [true, false, false, true],
    dtype: 'bool',
  },
  {
    id: 'bitwiseNot',
    inputs: [{ values: [0, 5, -1, 2147483647], dtype: I }],
    run: (a) => a.bitwiseNot(),
    expected: [-1, -6, 0, -2147483648],
    dtype: 'int32',
  },
  {
    id: 'bitwiseNot/8-bit',
    inputs: [
      { values: [0, 200], dtype: 'uint8' },
      { values: [-128, 5], dtype: 'int8' },
    ],
    run: (a, b) => a.bitwiseNot().to('int32').mul(1000).add(b.bitwiseNot()),
    // ~0 = 255 and ~200 = 55 in 8 bits; ~-128 = 127, ~5 = -6
    expected: [255127, 54994],
    dtype: 'int32',
  },
  {
    id: 'bitwiseLeftShift',
    inputs: [
      { values: [1, 3, -1, 5, 1, 1], dtype: I },
      { values: [3, 1, 4, 32, -1, 31], dtype: I },
    ],
    run: (a, b) => a.bitwiseLeftShift(b),
    // past the width or negative: 0; 1 << 31 wraps to int32's minimum
    expected: [8, 6, -16, 0, 0, -2147483648],
    dtype: 'int32',
  },
  {
    id: 'bitwiseLeftShift/uint8-wraps',
    inputs: [{ values: [200, 1], dtype: 'uint8' }],
    run: (a) => a.bitwiseLeftShift(1),
    expected: [144, 2],
    dtype: 'uint8',
  },
  {
    id: 'bitwiseRightShift',
    inputs: [
      { values: [16, -16, 7, -7, 100, -1], dtype: I },
      { values: [2, 2, 40, 40, -1, 1], dtype: I },
    ],
    run: (a, b) => a.bitwiseRightShift(b),
    // arithmetic: the sign fills in; past the width (or negative) only the sign is left
    expected: [4, -4, 0, -1, 0, -1],
    dtype: 'int32',
  },
] as const satisfies readonly OpCase[];

export const bitwiseErrors = [
  {
    id: 'error/bitwise-float',
    inputs: () => [ones([2]), ones([2], { dtype: 'int32' })],
    run: (a, b) => bitwiseAnd(a, b),
    throws: /bitwiseAnd: expected integer or bool tensors, got dtype float32/,
    kind: 'dtype',
  },
  {
    id: 'error/bitwise-shift-bool',
    inputs: () => [tensor([true, false]), tensor([true, true])],
    run: (a, b) => a.bitwiseLeftShift(b),
    throws: /bitwiseLeftShift: expected integer tensors, got dtype bool/,
    kind: 'dtype',
  },
  {
    id: 'error/bitwise-not-float',
    inputs: () => [ones([2])],
    run: (a) => a.bitwiseNot(),
    throws: /bitwiseNot: expected an integer or bool tensor, got dtype float32/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
