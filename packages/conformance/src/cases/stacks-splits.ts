import { cat, columnStack, dstack, hstack, tensor, tensorSplit, vstack } from '@ag/core';
import type { OpCase } from '../case.js';

/** The stacks (hstack, vstack, dstack, columnStack) as cat along the dim each names, and tensorSplit's sections and indices, values worked by hand. */
export const stackSplitCases = [
  {
    id: 'hstack/vectors',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3], requiresGrad: true },
    ],
    run: (a, b) => hstack([a, b]).mul(tensor([1, 2, 3])),
    expected: [1, 4, 9],
    grads: [[1, 2], [3]],
    gradFn: 'MulBackward0',
  },
  {
    id: 'hstack/matrices-along-columns',
    inputs: [
      { values: [[1], [2]], requiresGrad: true },
      {
        values: [
          [3, 4],
          [5, 6],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, b) => hstack([a, b]),
    expected: [
      [1, 3, 4],
      [2, 5, 6],
    ],
    grads: [
      [[1], [1]],
      [
        [1, 1],
        [1, 1],
      ],
    ],
    gradFn: 'CatBackward0',
  },
  {
    id: 'vstack/vectors-become-rows',
    inputs: [{ values: [1, 2], requiresGrad: true }, { values: [3, 4] }],
    run: (a, b) => vstack([a, b]),
    expected: [
      [1, 2],
      [3, 4],
    ],
    grads: [[1, 1], null],
    gradFn: 'CatBackward0',
  },
  {
    // atleast_3d makes the vectors [1, 2, 1]: dstack puts them side by side in depth.
    id: 'dstack/vectors',
    inputs: [{ values: [1, 2] }, { values: [3, 4] }],
    run: (a, b) => dstack([a, b]),
    expected: [
      [
        [1, 3],
        [2, 4],
      ],
    ],
  },
  {
    id: 'dstack/matrices',
    inputs: [{ values: [[1, 2]] }, { values: [[3, 4]] }],
    run: (a, b) => dstack([a, b]),
    expected: [
      [
        [1, 3],
        [2, 4],
      ],
    ],
  },
  {
    id: 'columnStack/vector-and-matrix',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      {
        values: [
          [3, 4],
          [5, 6],
        ],
      },
    ],
    run: (a, b) => columnStack([a, b]),
    expected: [
      [1, 3, 4],
      [2, 5, 6],
    ],
    grads: [[1, 1], null],
  },
  {
    // PyTorch's example: 7 elements in 3 sections are 3, 2 and 2 long.
    id: 'tensorSplit/sections',
    inputs: [{ values: [0, 1, 2, 3, 4, 5, 6], requiresGrad: true }],
    run: (a) => cat(tensorSplit(a, 3).map((p, i) => p.mul(i + 1))),
    expected: [0, 1, 2, 6, 8, 15, 18],
    grads: [[1, 1, 1, 2, 2, 3, 3]],
  },
  {
    id: 'tensorSplit/indices-view',
    inputs: [{ values: [0, 1, 2, 3, 4, 5, 6], requiresGrad: true }],
    run: (a) => a.tensorSplit([1, 6])[1]!,
    expected: [1, 2, 3, 4, 5],
    grads: [[0, 1, 1, 1, 1, 1, 0]],
    gradFn: 'SliceBackward0',
  },
  {
    // Index 5 is past the end of dim 1 (size 3): the last parts are [:, 2:3] and an empty one.
    id: 'tensorSplit/indices-past-the-end',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
    ],
    run: (a) => {
      const parts = tensorSplit(a, [2, 5], 1);
      return cat([parts[1]!, parts[2]!], 1);
    },
    expected: [[3], [6]],
  },
] as const satisfies readonly OpCase[];
