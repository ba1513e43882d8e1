import { tensor } from '@ag/core';
import type { OpCase } from '../case.js';
import { idx, m } from './indexing-inputs.js';

/** The source of the examples of index_add_, index_copy_ and index_fill_ in PyTorch's docs. */
const nine = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
];
/** The input of take_along_dim's example in PyTorch's docs. */
const docsTake = [
  [10, 30, 20],
  [60, 40, 50],
];
const full53 = (v: number) => Array.from({ length: 5 }, () => [v, v, v]);

/**
 * index_add_, index_copy_, index_fill_ and take_along_dim, from the examples of PyTorch's docs;
 * gradients by closed form (each element read once gets 1, overwritten ones 0).
 */
export const indexAlongDimCases = [
  {
    id: 'indexAdd/docs-example-alpha',
    // torch.Tensor.index_add_'s example, with alpha = -1.
    inputs: [
      {
        values: full53(1),
        requiresGrad: true,
      },
      {
        values: nine,
        requiresGrad: true,
      },
    ],
    run: (a, t) => a.indexAdd(0, idx([0, 4, 2]), t, { alpha: -1 }),
    expected: [
      [0, -1, -2],
      [1, 1, 1],
      [-6, -7, -8],
      [1, 1, 1],
      [-3, -4, -5],
    ],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
      [
        [-1, -1, -1],
        [-1, -1, -1],
        [-1, -1, -1],
      ],
    ],
    gradFn: 'IndexAddBackward0',
  },
  {
    id: 'indexAdd/repeats-accumulate',
    inputs: [
      { values: [0, 0, 0], requiresGrad: true },
      { values: [1, 2, 3], requiresGrad: true },
    ],
    run: (a, t) => a.indexAdd(0, idx([2, 2, 0]), t),
    expected: [3, 0, 3],
    grads: [
      [1, 1, 1],
      [1, 1, 1],
    ],
  },
  {
    id: 'indexCopy/docs-example',
    inputs: [
      {
        values: full53(0),
        requiresGrad: true,
      },
      {
        values: nine,
        requiresGrad: true,
      },
    ],
    run: (a, t) => a.indexCopy(0, idx([0, 4, 2]), t),
    expected: [
      [1, 2, 3],
      [0, 0, 0],
      [7, 8, 9],
      [0, 0, 0],
      [4, 5, 6],
    ],
    grads: [
      [
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
      ],
      [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
    gradFn: 'IndexCopyBackward0',
  },
  {
    id: 'indexFill/docs-example',
    inputs: [
      {
        values: nine,
        requiresGrad: true,
      },
    ],
    run: (a) => a.indexFill(1, idx([0, 2]), -1),
    expected: [
      [-1, 2, -1],
      [-1, 5, -1],
      [-1, 8, -1],
    ],
    grads: [
      [
        [0, 1, 0],
        [0, 1, 0],
        [0, 1, 0],
      ],
    ],
    gradFn: 'IndexFillBackward0',
  },
  {
    id: 'indexFill/tensor-value',
    inputs: [
      { values: m, requiresGrad: true },
      { values: 2, requiresGrad: true },
    ],
    run: (a, v) => a.indexFill(0, idx([1]), v),
    expected: [
      [1, 2, 3],
      [2, 2, 2],
    ],
    grads: [
      [
        [1, 1, 1],
        [0, 0, 0],
      ],
      3,
    ],
    gradFn: 'IndexFillBackward1',
  },
  {
    id: 'takeAlongDim/docs-sorted',
    // torch.take_along_dim's example: t = [[10, 30, 20], [60, 40, 50]] at argsort(t, dim=1).
    inputs: [
      {
        values: docsTake,
        requiresGrad: true,
      },
    ],
    run: (a) =>
      a.takeAlongDim(
        idx([
          [0, 2, 1],
          [1, 2, 0],
        ]),
        1,
      ),
    expected: [
      [10, 20, 30],
      [40, 50, 60],
    ],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
  },
  {
    id: 'takeAlongDim/docs-flattened',
    // take_along_dim(t, argmax(t)): the flattened input at 3.
    inputs: [
      {
        values: docsTake,
        requiresGrad: true,
      },
    ],
    run: (a) => a.takeAlongDim(tensor(3, { dtype: 'int32' })),
    expected: [60],
    grads: [
      [
        [0, 0, 0],
        [1, 0, 0],
      ],
    ],
  },
  {
    id: 'takeAlongDim/broadcast',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.takeAlongDim(idx([[2, 0]]), 1),
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
