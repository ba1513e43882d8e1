import { kthvalue, median, mode, nanmedian, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * kthvalue, median, nanmedian and mode: one element of each sorted line, worked out by hand.
 * Along a dim the gradient goes to the chosen element (PyTorch's value_selecting_reduction_backward);
 * the median of every element shares it among the elements equal to the median
 * (evenly_distribute_backward). `values * 10 + indices` checks both results in one tensor.
 */
export const selectionCases = [
  {
    id: 'kthvalue/rows-keepdim',
    inputs: [
      {
        values: [
          [3, 1, 2],
          [6, 4, 5],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.kthvalue(2, 1, true).values,
    expected: [[2], [5]],
    gradFn: 'KthvalueBackward0',
    grads: [
      [
        [0, 0, 1],
        [0, 0, 1],
      ],
    ],
  },
  {
    id: 'kthvalue/indices-dim0',
    inputs: [
      {
        values: [
          [7, 0],
          [1, 9],
          [4, 5],
        ],
      },
    ],
    // Third smallest of each column: 7 (row 0) and 9 (row 1).
    run: (a) => {
      const k = kthvalue(a, 3, 0);
      return k.values.mul(10).add(k.indices);
    },
    expected: [70, 91],
  },
  {
    id: 'median/all-lower-middle',
    inputs: [
      {
        values: [
          [2, 8, 4],
          [6, 1, 9],
        ],
        requiresGrad: true,
      },
    ],
    // Sorted 1, 2, 4, 6, 8, 9: the lower of the two middle values is 4.
    run: (a) => a.median(),
    expected: 4,
    gradFn: 'MedianBackward0',
    grads: [
      [
        [0, 0, 1],
        [0, 0, 0],
      ],
    ],
  },
  {
    id: 'median/all-ties-share-gradient',
    inputs: [{ values: [3, 2, 1, 2], requiresGrad: true }],
    run: (a) => median(a),
    expected: 2,
    grads: [[0, 0.5, 0, 0.5]],
    // A tie is a kink: finite differences see one side of it.
    noGradcheck: true,
  },
  {
    id: 'median/all-nan',
    inputs: [{ values: [1, NaN, 3] }],
    run: (a) => a.median(),
    expected: NaN,
  },
  {
    id: 'median/empty-is-nan',
    inputs: [{ values: [] }],
    run: (a) => a.median(),
    expected: NaN,
  },
  {
    id: 'median/dim-values-and-gradient',
    inputs: [
      {
        values: [
          [5, 1, 3, 2],
          [0, 7, 6, 4],
        ],
        requiresGrad: true,
      },
    ],
    // Sorted rows 1, 2, 3, 5 and 0, 4, 6, 7: the second of each, 2 (at 3) and 4 (at 3).
    run: (a) => a.median(1).values,
    expected: [2, 4],
    gradFn: 'MedianBackward1',
    grads: [
      [
        [0, 0, 0, 1],
        [0, 0, 0, 1],
      ],
    ],
  },
  {
    id: 'median/dim-nan-gives-first-nan',
    inputs: [
      {
        values: [
          [5, 1, 3, 2],
          [0, NaN, 6, NaN],
        ],
      },
    ],
    run: (a) => {
      const m = median(a, 1);
      return m.values.add(m.indices.mul(100));
    },
    expected: [302, NaN],
  },
  {
    id: 'median/dim-nan-index',
    inputs: [{ values: [0, NaN, 6, NaN] }],
    run: (a) => a.median(0).indices,
    expected: 1,
    dtype: 'int32',
  },
  {
    id: 'nanmedian/all-and-dim',
    inputs: [
      {
        values: [
          [1, NaN, 3, 2],
          [NaN, NaN, 4, NaN],
        ],
      },
    ],
    // Row 0 without its NaN: 1, 2, 3 -> 2 at 3; row 1: 4 at 2. Everything: 1, 2, 3, 4 -> 2.
    run: (a) => {
      const m = nanmedian(a, 1);
      return m.values.mul(10).add(m.indices).add(a.nanmedian().mul(1000));
    },
    expected: [2023, 2042],
  },
  {
    id: 'nanmedian/line-of-nans',
    inputs: [{ values: [NaN, NaN] }],
    run: (a) => a.nanmedian(0).values,
    expected: NaN,
  },
  {
    id: 'nanmedian/grad-fn',
    inputs: [{ values: [[4, NaN, 1]], requiresGrad: true }],
    run: (a) => a.nanmedian(1).values,
    expected: [1],
    gradFn: 'NanmedianBackward1',
    grads: [[[0, 0, 1]]],
    noGradcheck: true,
  },
  {
    id: 'mode/smallest-of-the-most-frequent-last-occurrence',
    inputs: [
      {
        values: [
          [1, 2, 2, 3, 3],
          [4, 0, 4, 0, 0],
        ],
      },
    ],
    // Row 0: 2 and 3 twice each -> 2, last seen at 2; row 1: 0 three times, last at 4.
    run: (a) => {
      const m = mode(a, 1);
      return m.values.mul(10).add(m.indices);
    },
    expected: [22, 4],
  },
  {
    id: 'mode/gradient-to-the-chosen-element',
    inputs: [
      {
        values: [
          [1, 5],
          [5, 1],
          [5, 7],
        ],
        requiresGrad: true,
      },
    ],
    // Column 0: 5 twice, last at row 2; column 1: all once, the smallest (1, row 1).
    run: (a) => a.mode(0, true).values,
    expected: [[5, 1]],
    gradFn: 'ModeBackward0',
    grads: [
      [
        [0, 0],
        [0, 1],
        [1, 0],
      ],
    ],
    noGradcheck: true,
  },
  {
    id: 'mode/int32-and-nan-runs',
    inputs: [{ values: [NaN, 3, NaN, 3, 1] }],
    // Each NaN is a value of its own: 3 (twice) wins, last at 3.
    run: (a) => a.mode().indices,
    expected: 3,
    dtype: 'int32',
  },
  {
    id: 'mode/int32',
    inputs: [{ values: [[-2, 7, 7, -2, 7]], dtype: 'int32' }],
    run: (a) => a.mode(1).values.mul(10).add(a.mode(1).indices),
    expected: [74],
    dtype: 'int32',
  },
] as const satisfies readonly OpCase[];

export const selectionErrors = [
  {
    id: 'error/kthvalue-k-out-of-range',
    inputs: () => [tensor([1, 2, 3])],
    run: (a) => a.kthvalue(0),
    throws: /kthvalue: selected number k out of range for dimension 0: k = 0, size 3/,
    kind: 'index',
  },
  {
    id: 'error/median-empty-dim',
    inputs: () => [tensor([[], []])],
    run: (a) => a.median(1),
    throws: /median: expected reduction dim 1 to have non-zero size/,
    kind: 'shape',
  },
  {
    id: 'error/mode-empty-dim',
    inputs: () => [tensor([])],
    run: (a) => a.mode(),
    throws: /mode: expected reduction dim 0 to have non-zero size/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
