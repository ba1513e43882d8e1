import { tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Arithmetic by dtype: int32 stays integer with an int32 scalar and promotes to float32 with a
 * float one, true division gives float, int32 wraps and bool arithmetic is logic. Expected values
 * by hand, as PyTorch's promotion and integer rules give them.
 */
export const dtypeArithmeticCases = [
  {
    id: 'add/int32-scalar-stays-int',
    inputs: [{ values: [1, 2, 3], dtype: 'int32' }],
    run: (a) => a.add(2),
    expected: [3, 4, 5],
    dtype: 'int32',
    repr: 'tensor([3, 4, 5])',
  },
  {
    id: 'add/int32-float-scalar-promotes',
    inputs: [{ values: [1, 2], dtype: 'int32' }],
    run: (a) => a.add(0.5),
    expected: [1.5, 2.5],
    dtype: 'float32',
  },
  {
    id: 'div/int32-true-division',
    inputs: [
      { values: [1, 7], dtype: 'int32' },
      { values: [2, 2], dtype: 'int32' },
    ],
    run: (a, b) => a.div(b),
    expected: [0.5, 3.5],
    dtype: 'float32',
  },
  // Integer and bool arithmetic: int32 wraps (two's complement), bool arithmetic is logic; 2^24 + 1 is the first integer float32 cannot hold.
  {
    id: 'neg/int32-wraps',
    inputs: [{ values: [5, -3, 0, -2147483648], dtype: 'int32' }],
    run: (a) => a.neg(),
    expected: [-5, 3, 0, -2147483648],
    dtype: 'int32',
  },
  {
    id: 'mul/int32-wraps',
    inputs: [
      { values: [3, -4, 46341, 65536], dtype: 'int32' },
      { values: [5, 6, 46341, 65536], dtype: 'int32' },
    ],
    run: (a, b) => a.mul(b),
    expected: [15, -24, 46341 * 46341 - 2 ** 32, 0],
    dtype: 'int32',
  },
  {
    id: 'add/bool-is-or',
    inputs: [
      { values: [true, true, false, false], dtype: 'bool' },
      { values: [true, false, true, false], dtype: 'bool' },
    ],
    run: (a, b) => a.add(b),
    expected: [true, true, true, false],
    dtype: 'bool',
  },
  {
    id: 'pow/bool',
    inputs: [
      { values: [true, true, false, false], dtype: 'bool' },
      { values: [true, false, true, false], dtype: 'bool' },
    ],
    run: (a, b) => a.pow(b),
    expected: [true, true, false, true], // 1^1, 1^0, 0^1, 0^0 = 1
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];

/** Bad input: arithmetic that has no meaning on bool; the message names the op and the dtype. */
export const dtypeArithmeticErrors = [
  {
    id: 'error/neg-of-bool',
    inputs: () => [tensor([true, false])],
    run: (x) => x.neg(),
    throws: /neg: negation on a bool tensor is not supported.*got dtype bool/,
    kind: 'dtype',
  },
  {
    id: 'error/sub-of-bool',
    inputs: () => [tensor([true]), tensor([false])],
    run: (a, b) => a.sub(b),
    throws: /sub: subtraction.*bool.*logicalXor/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
