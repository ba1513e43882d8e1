import { arange } from '@ag/core';
import type { OpCase } from '../case.js';
import { idx, m } from './indexing-inputs.js';

/** 0..11 as [2, 2, 3]: x[i][j][k] = 6 i + 3 j + k, so each picked value names its coordinates. */
const cube = [
  [
    [0, 1, 2],
    [3, 4, 5],
  ],
  [
    [6, 7, 8],
    [9, 10, 11],
  ],
];
/** The gradient of a pick of cube's last column, each element once. */
const lastColumnOnce = [
  [
    [0, 0, 1],
    [0, 0, 1],
  ],
  [
    [0, 0, 1],
    [0, 0, 1],
  ],
];
const p = [
  [1, 2],
  [3, 4],
  [5, 6],
];

/**
 * PyTorch's advanced indexing read (`x[idx]`, `x[rows, cols]`, masks, mixed with ints, slices,
 * None and Ellipsis). Values by NumPy's indexing rules worked by hand; gradients: each input
 * element gets the output gradient once per time it is read (the harness differentiates
 * `out.sum()`).
 */
export const advancedIndexReadCases = [
  {
    id: 'index/int-array-repeats',
    inputs: [{ values: p, requiresGrad: true }],
    run: (a) => a.index([2, 0, 2]),
    expected: [
      [5, 6],
      [1, 2],
      [5, 6],
    ],
    grads: [
      [
        [1, 1],
        [0, 0],
        [2, 2],
      ],
    ],
    gradFn: 'IndexBackward0',
  },
  {
    id: 'index/int32-tensor-negative',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.index(idx([-1, 0])),
    expected: [
      [4, 5, 6],
      [1, 2, 3],
    ],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
  },
  {
    id: 'index/rows-cols',
    // logits[arange(n), y]
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.index(arange(0, 2, 1, { dtype: 'int32' }), idx([2, 0])),
    expected: [3, 4],
    grads: [
      [
        [0, 0, 1],
        [1, 0, 0],
      ],
    ],
    gradFn: 'IndexBackward0',
  },
  {
    id: 'index/broadcast-indices',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.index(idx([[0], [1]]), idx([0, 2])),
    expected: [
      [1, 3],
      [4, 6],
    ],
    grads: [
      [
        [1, 0, 1],
        [1, 0, 1],
      ],
    ],
  },
  {
    id: 'index/bool-array-mask',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) =>
      a.index([
        [true, false, true],
        [false, true, false],
      ]),
    expected: [1, 3, 5],
    grads: [
      [
        [1, 0, 1],
        [0, 1, 0],
      ],
    ],
  },
  {
    id: 'index/bool-array-mask-dim1',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.index(':', [false, true, true]),
    expected: [
      [2, 3],
      [5, 6],
    ],
    grads: [
      [
        [0, 1, 1],
        [0, 1, 1],
      ],
    ],
  },
  {
    id: 'index/adjacent-stay-in-place',
    // x[:, [1, 0], [2, 2]]: the indexed dims 1, 2 are adjacent, so the index dim stays at 1.
    inputs: [{ values: cube, requiresGrad: true }],
    run: (a) => a.index(':', [1, 0], [2, 2]),
    expected: [
      [5, 2],
      [11, 8],
    ],
    grads: [lastColumnOnce],
  },
  {
    id: 'index/separated-go-first',
    // x[[1, 0], :, [2, 2]]: the indexed dims 0 and 2 are separated, so the index dim goes first.
    inputs: [{ values: cube, requiresGrad: true }],
    run: (a) => a.index([1, 0], ':', [2, 2]),
    expected: [
      [8, 11],
      [2, 5],
    ],
    grads: [lastColumnOnce],
  },
  {
    id: 'index/int-selects-first',
    // PyTorch (not NumPy): x[0, :, [0, 2]] selects dim 0 first, so [0, 2] alone stays at its dim: [2, 2].
    inputs: [{ values: cube }],
    run: (a) => a.index(0, ':', [0, 2]),
    expected: [
      [0, 2],
      [3, 5],
    ],
  },
  {
    id: 'index/ellipsis-none',
    inputs: [{ values: cube }],
    run: (a) => a.index([1], '...', null),
    expected: [
      [
        [[6], [7], [8]],
        [[9], [10], [11]],
      ],
    ],
  },
  {
    id: 'index/true-adds-dim',
    inputs: [{ values: [1, 2] }],
    run: (a) => a.index(true),
    expected: [[1, 2]],
  },
  {
    id: 'get/list-in-string',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.get(':, [2, 0]'),
    expected: [
      [3, 1],
      [6, 4],
    ],
    grads: [
      [
        [1, 0, 1],
        [1, 0, 1],
      ],
    ],
  },
] as const satisfies readonly OpCase[];
