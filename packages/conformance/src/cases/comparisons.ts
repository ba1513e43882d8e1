import { stack } from '@ag/core';
import type { OpCase } from '../case.js';

/**
 * Comparisons (eq, ne, lt, le, gt, ge: bool results, NaN unequal to everything) and the
 * elementwise maximum/minimum, whose gradient splits evenly on ties. Expected values by hand.
 */
export const comparisonCases = [
  {
    id: 'maximum/with-ties',
    inputs: [
      { values: [1, 5, 3], requiresGrad: true },
      { values: [2, 4, 3], requiresGrad: true },
    ],
    run: (a, b) => a.maximum(b),
    expected: [2, 5, 3],
    grads: [
      [0, 1, 0.5],
      [1, 0, 0.5],
    ],
    noGradcheck: true,
  },
  {
    id: 'minimum',
    inputs: [
      { values: [1, 5], requiresGrad: true },
      { values: [2, 4], requiresGrad: true },
    ],
    run: (a, b) => a.minimum(b),
    expected: [1, 4],
    grads: [
      [1, 0],
      [0, 1],
    ],
  },
  {
    id: 'compare/lt-broadcast',
    inputs: [{ values: [[1, 2, 3]] }, { values: [[2], [3]] }],
    run: (a, b) => a.lt(b),
    expected: [
      [true, false, false],
      [true, true, false],
    ],
    dtype: 'bool',
    repr: 'tensor([[ True, False, False],\n        [ True,  True, False]])',
  },
  {
    id: 'compare/nan-is-unequal',
    inputs: [{ values: [NaN, 1] }],
    run: (a) => a.eq(a),
    expected: [false, true],
    dtype: 'bool',
  },
  // On bool, minimum is logical and; 2^24 + 1 is the first integer float32 cannot hold.
  {
    id: 'minimum/bool-is-and',
    inputs: [
      { values: [true, true, false, false], dtype: 'bool' },
      { values: [true, false, true, false], dtype: 'bool' },
    ],
    run: (a, b) => a.minimum(b),
    expected: [true, false, false, false],
    dtype: 'bool',
  },
  {
    id: 'compare/bool',
    inputs: [
      { values: [false, false, true, true], dtype: 'bool' },
      { values: [false, true, false, true], dtype: 'bool' },
    ],
    run: (a, b) => stack([a.eq(b), a.ne(b), a.lt(b), a.le(b), a.gt(b), a.ge(b)]),
    expected: [
      [true, false, false, true],
      [false, true, true, false],
      [false, true, false, false],
      [true, true, false, true],
      [false, false, true, false],
      [true, false, true, true],
    ],
    dtype: 'bool',
  },
  {
    id: 'compare/int32-beyond-float32',
    inputs: [
      { values: [-2, 0, 3, 2 ** 24 + 1], dtype: 'int32' },
      { values: [1, 0, -5, 2 ** 24], dtype: 'int32' },
    ],
    run: (a, b) => stack([a.eq(b), a.ne(b), a.lt(b), a.le(b), a.gt(b), a.ge(b)]),
    expected: [
      [false, true, false, false],
      [true, false, true, true],
      [true, false, false, false],
      [true, true, false, false],
      [false, false, true, true],
      [false, true, true, true],
    ],
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];
