import { cartesianProd, combinations, meshgrid, tensor, trilIndices, triuIndices } from '@ag/core';
import type { OpCase } from '../case.js';

/** The index sets and grids built from sizes or vectors (trilIndices, triuIndices, meshgrid, cartesianProd, combinations), from PyTorch's documented examples and by counting. */
export const indexGridCases = [
  {
    // PyTorch's examples of tril_indices(3, 3), (4, 3, -1) and (4, 3, 1).
    id: 'trilIndices/doc',
    inputs: [],
    run: () => trilIndices(3, 3),
    expected: [
      [0, 1, 1, 2, 2, 2],
      [0, 0, 1, 0, 1, 2],
    ],
    dtype: 'int32',
  },
  {
    id: 'trilIndices/below-diagonal',
    inputs: [],
    run: () => trilIndices(4, 3, -1),
    expected: [
      [1, 2, 2, 3, 3, 3],
      [0, 0, 1, 0, 1, 2],
    ],
  },
  {
    id: 'trilIndices/above-diagonal',
    inputs: [],
    run: () => trilIndices(4, 3, 1),
    expected: [
      [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3],
      [0, 1, 0, 1, 2, 0, 1, 2, 0, 1, 2],
    ],
  },
  {
    id: 'triuIndices/doc',
    inputs: [],
    run: () => triuIndices(3, 3),
    expected: [
      [0, 0, 0, 1, 1, 2],
      [0, 1, 2, 1, 2, 2],
    ],
    dtype: 'int32',
  },
  {
    id: 'triuIndices/below-diagonal',
    inputs: [],
    run: () => triuIndices(4, 3, -1),
    expected: [
      [0, 0, 0, 1, 1, 1, 2, 2, 3],
      [0, 1, 2, 0, 1, 2, 1, 2, 2],
    ],
  },
  {
    id: 'triuIndices/above-diagonal',
    inputs: [],
    run: () => triuIndices(4, 3, 1),
    expected: [
      [0, 0, 1],
      [1, 2, 2],
    ],
  },
  {
    // grid_x[i][j] = a[i], grid_y[i][j] = b[j]: the product's gradient sums the other vector.
    id: 'meshgrid/ij-product',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [4, 5], requiresGrad: true },
    ],
    run: (a, b) => {
      const [x, y] = meshgrid(a, b);
      return x!.mul(y!);
    },
    expected: [
      [4, 5],
      [8, 10],
      [12, 15],
    ],
    grads: [
      [9, 9, 9],
      [6, 6],
    ],
  },
  {
    // 'xy' swaps the first two dims: grid_x[i][j] = a[j], grid_y[i][j] = b[i].
    id: 'meshgrid/xy-weighted',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [4, 5], requiresGrad: true },
    ],
    run: (a, b) => {
      const [x, y] = meshgrid([a, b], { indexing: 'xy' });
      return x!.mul(10).add(y!);
    },
    expected: [
      [14, 24, 34],
      [15, 25, 35],
    ],
    grads: [
      [20, 20, 20],
      [3, 3],
    ],
  },
  {
    id: 'meshgrid/grid-is-expanded',
    inputs: [{ values: [1, 2], requiresGrad: true }, { values: [7, 8, 9] }],
    run: (a, b) => meshgrid(a, b)[0]!,
    expected: [
      [1, 1, 1],
      [2, 2, 2],
    ],
    grads: [[3, 3], null],
    gradFn: 'ExpandBackward0',
  },
  {
    id: 'cartesianProd/two-vectors',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3, 4, 5], requiresGrad: true },
    ],
    run: (a, b) => cartesianProd(a, b),
    expected: [
      [1, 3],
      [1, 4],
      [1, 5],
      [2, 3],
      [2, 4],
      [2, 5],
    ],
    grads: [
      [3, 3],
      [2, 2, 2],
    ],
    gradFn: 'StackBackward0',
  },
  {
    id: 'cartesianProd/three-vectors',
    inputs: [{ values: [1, 2] }, { values: [3] }, { values: [4, 5] }],
    run: (a, b, c) => cartesianProd(a, b, c),
    expected: [
      [1, 3, 4],
      [1, 3, 5],
      [2, 3, 4],
      [2, 3, 5],
    ],
  },
  {
    // PyTorch's example: combinations([1, 2, 3]) and with_replacement=True.
    id: 'combinations/pairs',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }],
    run: (a) => combinations(a),
    expected: [
      [1, 2],
      [1, 3],
      [2, 3],
    ],
    grads: [[2, 2, 2]],
    gradFn: 'StackBackward0',
  },
  {
    id: 'combinations/with-replacement',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }],
    run: (a) => combinations(a, 2, true),
    expected: [
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 2],
      [2, 3],
      [3, 3],
    ],
    grads: [[4, 4, 4]],
  },
  {
    id: 'combinations/triples-weighted',
    inputs: [{ values: [1, 2, 3, 4], requiresGrad: true }],
    run: (a) => combinations(a, 3).mul(tensor([1, 10, 100])),
    expected: [
      [1, 20, 300],
      [1, 20, 400],
      [1, 30, 400],
      [2, 30, 400],
    ],
    // Element 1 is first in 3 triples; 2 first in 1, second in 2; 3 second in 2, third in 1; 4 third in 3.
    grads: [[3, 1 + 20, 20 + 100, 300]],
  },
] as const satisfies readonly OpCase[];
