import type { OpCase } from '../case.js';

const m = [[1, 2, 3], [4, 5, 6]];

/** Reductions: sums and means by hand; gradients spread the output's gradient evenly. */
export const reduceCases = [
  {
    id: 'sum/all',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sum(),
    expected: 21,
    grads: [[[1, 1, 1], [1, 1, 1]]],
    gradFn: 'SumBackward0',
    repr: 'tensor(21., grad_fn=<SumBackward0>)',
  },
  {
    id: 'sum/dim0',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sum(0),
    expected: [5, 7, 9],
    grads: [[[1, 1, 1], [1, 1, 1]]],
    gradFn: 'SumBackward1',
  },
  {
    id: 'sum/negative-dim-keepdim',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sum(-1, true),
    expected: [[6], [15]],
  },
  {
    id: 'sum/dim-list-3d',
    inputs: [{ values: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], requiresGrad: true }],
    run: (a) => a.sum([0, 2]),
    expected: [1 + 2 + 5 + 6, 3 + 4 + 7 + 8],
  },
  {
    id: 'sum/weighted-gradient',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sum(1).mul(a.sum(1)),
    expected: [36, 225],
    grads: [[[12, 12, 12], [30, 30, 30]]],
  },
  {
    id: 'sum/int32-stays-int',
    inputs: [{ values: [1, 2, 3], dtype: 'int32' }],
    run: (a) => a.sum(),
    expected: 6,
    dtype: 'int32',
    repr: 'tensor(6)',
  },
  {
    id: 'sum/bool-counts',
    inputs: [{ values: [true, false, true], dtype: 'bool' }],
    run: (a) => a.sum(),
    expected: 2,
    dtype: 'int32',
  },
  {
    id: 'sum/empty-is-zero',
    inputs: [{ values: [] }],
    run: (a) => a.sum(),
    expected: 0,
  },
  {
    id: 'sum/transposed-input',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.t().sum(1),
    expected: [5, 7, 9],
  },
  {
    id: 'mean/all',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.mean(),
    expected: 3.5,
    grads: [[[1 / 6, 1 / 6, 1 / 6], [1 / 6, 1 / 6, 1 / 6]]],
    gradFn: 'MeanBackward0',
  },
  {
    id: 'mean/dim1',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.mean(1),
    expected: [2, 5],
    grads: [[[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]]],
    gradFn: 'MeanBackward1',
  },
  {
    id: 'mean/keepdim-broadcast-back',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.sub(a.mean(0, true)),
    expected: [[-1.5, -1.5, -1.5], [1.5, 1.5, 1.5]],
    grads: [[[0, 0, 0], [0, 0, 0]]],
  },
] as const satisfies readonly OpCase[];
