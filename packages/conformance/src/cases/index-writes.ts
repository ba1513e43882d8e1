import type { OpCase } from '../case.js';
import { idx, m } from './indexing-inputs.js';

/**
 * Writes at an index: index_put_ (with accumulate), setitem (`x.set`) on leaves and graph tensors,
 * masked_scatter_. Values by hand and from PyTorch's docs; gradients are zero where a value was
 * overwritten and one per element written for the values.
 */
export const indexWriteCases = [
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
] as const satisfies readonly OpCase[];
