import { arange, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { m } from './indexing-inputs.js';

const idx = (values: number[] | number[][]) => tensor(values, { dtype: 'int32' });

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
const p = [
  [1, 2],
  [3, 4],
  [5, 6],
];

/**
 * PyTorch's advanced indexing (`x[idx]`, `x[rows, cols]`, masks, mixed with slices) and the ops
 * that write at an index. Values by NumPy's indexing rules worked by hand, and from the examples
 * of PyTorch's docs (index_add_, index_copy_, index_fill_, masked_scatter_, take_along_dim);
 * gradients: each input element gets the output gradient once per time it is read (1 here, as
 * the harness differentiates `out.sum()`), and zero where it was overwritten.
 */
export const advancedIndexingCases = [
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
  {
    id: 'indexPut/accumulate-repeats',
    inputs: [
      { values: [1, 1, 1], requiresGrad: true },
      { values: [1, 2, 3], requiresGrad: true },
    ],
    run: (a, v) => a.indexPut([idx([0, 2, 0])], v, true),
    expected: [5, 1, 3],
    grads: [
      [1, 1, 1],
      [1, 1, 1],
    ],
    gradFn: 'IndexPutBackward0',
  },
  {
    id: 'indexPut/assign-broadcast-row',
    inputs: [
      { values: m, requiresGrad: true },
      { values: [7, 8, 9], requiresGrad: true },
    ],
    run: (a, v) => a.indexPut([idx([1])], v),
    expected: [
      [1, 2, 3],
      [7, 8, 9],
    ],
    grads: [
      [
        [1, 1, 1],
        [0, 0, 0],
      ],
      [1, 1, 1],
    ],
    gradFn: 'IndexPutBackward0',
  },
  {
    id: 'indexPut/two-indices-scalar-value',
    inputs: [
      { values: m, requiresGrad: true },
      { values: 0.5, requiresGrad: true },
    ],
    run: (a, v) => a.indexPut([idx([0, 1]), idx([2, 0])], v),
    expected: [
      [1, 2, 0.5],
      [0.5, 5, 6],
    ],
    grads: [
      [
        [1, 1, 0],
        [0, 1, 1],
      ],
      2,
    ],
  },
  {
    id: 'set/advanced-on-graph-tensor',
    // y = a * 1 is in the graph (not a leaf, not a view): y[[0, 2]] = v rewrites its history.
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [7, 9], requiresGrad: true },
    ],
    run: (a, v) => {
      const y = a.mul(1);
      y.set([idx([0, 2])], v);
      return y;
    },
    expected: [7, 2, 9],
    grads: [
      [0, 1, 0],
      [1, 1],
    ],
    gradFn: 'IndexPutBackward0',
  },
  {
    id: 'set/basic-on-graph-tensor',
    // y = 2a; y[:, 0] = v writes through a view of a graph tensor: CopySlices, so a's gradient
    // is 0 in the written column and 2 elsewhere, and v gets a 1 per element it wrote.
    inputs: [
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        requiresGrad: true,
      },
      { values: [7, 9], requiresGrad: true },
    ],
    run: (a, v) => {
      const y = a.mul(2);
      y.set(':, 0', v);
      return y;
    },
    expected: [
      [7, 4, 6],
      [9, 10, 12],
    ],
    grads: [
      [
        [0, 2, 2],
        [0, 2, 2],
      ],
      [1, 1],
    ],
    gradFn: 'CopySlices',
  },
  {
    id: 'set/mask-scalar-on-graph-tensor',
    inputs: [
      {
        values: [
          [1, -2],
          [-3, 4],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [false, true],
          [true, false],
        ],
        dtype: 'bool',
      },
      { values: 0.5, requiresGrad: true },
    ],
    run: (a, k, v) => {
      const y = a.mul(1);
      y.set([k], v);
      return y;
    },
    expected: [
      [1, 0.5],
      [0.5, 4],
    ],
    grads: [
      [
        [1, 0],
        [0, 1],
      ],
      null,
      2,
    ],
    gradFn: 'IndexPutBackward0',
  },
  {
    id: 'maskedScatter/docs-example',
    // torch.Tensor.masked_scatter_'s example.
    inputs: [
      {
        values: [
          [0, 0, 0, 0, 0],
          [0, 0, 0, 0, 0],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [false, false, false, true, true],
          [true, true, false, true, true],
        ],
        dtype: 'bool',
      },
      {
        values: [
          [0, 1, 2, 3, 4],
          [5, 6, 7, 8, 9],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, k, s) => a.maskedScatter(k, s),
    expected: [
      [0, 0, 0, 0, 1],
      [2, 3, 0, 4, 5],
    ],
    grads: [
      [
        [1, 1, 1, 0, 0],
        [0, 0, 1, 0, 0],
      ],
      null,
      [
        [1, 1, 1, 1, 1],
        [1, 0, 0, 0, 0],
      ],
    ],
    gradFn: 'MaskedScatterBackward0',
  },
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

export const advancedIndexingErrors = [
  {
    id: 'error/index-out-of-bounds',
    inputs: () => [ones([3, 2]), idx([0, 3])],
    run: (a, i) => a.index(i),
    throws: /index: index 3 is out of bounds for dimension 0 with size 3/,
  },
  {
    id: 'error/index-negative-out-of-bounds',
    inputs: () => [ones([3, 2])],
    run: (a) => a.index(':', [-3]),
    throws: /index: index -3 is out of bounds for dimension 1 with size 2/,
  },
  {
    id: 'error/index-broadcast',
    inputs: () => [ones([3, 3]), idx([0, 1]), idx([0, 1, 2])],
    run: (a, i, j) => a.index(i, j),
    throws: /index: shape mismatch: indexing tensors could not be broadcast together with shapes \[2\], \[3\]/,
  },
  {
    id: 'error/index-float-tensor',
    inputs: () => [ones([3]), ones([2])],
    run: (a, i) => a.index(i),
    throws: /index: tensors used as indices must be int32 \(PyTorch: long\) or bool tensors, got dtype float32/,
  },
  {
    id: 'error/index-unknown-object',
    inputs: () => [ones([3])],
    run: (a) => a.index({ begin: 1 } as never),
    throws: /index: argument 1 \('specs'\) got the unknown option 'begin'; it accepts 'start', 'end', 'step'/,
  },
  {
    id: 'error/index-mixed-array',
    inputs: () => [ones([3])],
    run: (a) => a.index([0, 1.5]),
    throws: /index: an array index must hold only integers or only booleans, got 1.5/,
  },
  {
    id: 'error/index-mask-shape',
    inputs: () => [ones([2, 3])],
    run: (a) => a.index([true, false, true]),
    throws:
      /index: The shape of the mask \[3\] at index 0 does not match the shape of the indexed tensor \[2, 3\] at index 0/,
  },
  {
    id: 'error/index-too-many-advanced',
    inputs: () => [ones([2])],
    run: (a) => a.index([0], [0]),
    throws: /index: too many indices for tensor of dimension 1/,
  },
  {
    id: 'error/indexPut-dtype',
    inputs: () => [ones([3]), idx([0]), idx([1])],
    run: (a, i, v) => a.indexPut([i], v),
    throws:
      /indexPut: Index put requires the source and destination dtypes match, got float32 for the destination and int32 for the source/,
  },
  {
    id: 'error/indexPut-values-shape',
    inputs: () => [ones([3, 2]), idx([0, 1]), ones([3])],
    run: (a, i, v) => a.indexPut([i], v),
    throws:
      /indexPut: shape mismatch: value tensor of shape \[3\] cannot be broadcast to indexing result of shape \[2, 2\]/,
  },
  {
    id: 'error/set-spec-kind',
    inputs: () => [ones([3]), idx([0])],
    run: (a, i) => a.set(i as never, 1),
    throws: /set: expected the index as a string .* got a Tensor \(wrap it: \[t\]\)/,
  },
  {
    id: 'error/maskedScatter-source-too-small',
    inputs: () => [ones([3]), tensor([true, true, true]), ones([2])],
    run: (a, k, s) => a.maskedScatter(k, s),
    throws: /maskedScatter: Number of elements of source < number of ones in mask/,
  },
  {
    id: 'error/indexAdd-source-shape',
    inputs: () => [ones([3, 2]), idx([0]), ones([2, 2])],
    run: (a, i, s) => a.indexAdd(0, i, s),
    throws: /indexAdd: source of shape \[2, 2\] does not match: expected \[1, 2\]/,
  },
  {
    id: 'error/indexCopy-out-of-range',
    inputs: () => [ones([3]), idx([3]), ones([1])],
    run: (a, i, s) => a.indexCopy(0, i, s),
    throws: /indexCopy: index 3 is out of bounds for dimension 0 with size 3/,
  },
  {
    id: 'error/takeAlongDim-rank',
    inputs: () => [ones([2, 3]), idx([0])],
    run: (a, i) => a.takeAlongDim(i, 1),
    throws: /takeAlongDim: input and indices should have the same number of dimensions/,
  },
] as const satisfies readonly ErrorCase[];
