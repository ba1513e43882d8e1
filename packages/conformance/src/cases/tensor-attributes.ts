import { tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';

/**
 * What PyTorch users read off a tensor: `numel()`, `size(dim?)`, `dim()`, the transposes `.T`
 * (every dim reversed: a permute) and `.mT` (the last two swapped), and `tolist()`. Values by
 * index arithmetic; each view's gradient routes back to the same elements (ones for `sum()`).
 */
export const tensorAttributeCases = [
  {
    id: 'tensor-attributes/T-of-a-matrix',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.T,
    expected: [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
    gradFn: 'PermuteBackward0',
  },
  {
    // out[k][j][i] = a[i][j][k]
    id: 'tensor-attributes/T-reverses-every-dim',
    inputs: [{ values: [[[1, 2, 3]], [[4, 5, 6]]], requiresGrad: true }],
    run: (a) => a.T,
    expected: [[[1, 4]], [[2, 5]], [[3, 6]]],
    grads: [[[[1, 1, 1]], [[1, 1, 1]]]],
    gradFn: 'PermuteBackward0',
  },
  {
    id: 'tensor-attributes/mT-transposes-each-matrix-of-a-batch',
    inputs: [
      {
        values: [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [
            [7, 8, 9],
            [10, 11, 12],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.mT.mul(tensor([1, 10])),
    expected: [
      [
        [1, 40],
        [2, 50],
        [3, 60],
      ],
      [
        [7, 100],
        [8, 110],
        [9, 120],
      ],
    ],
    // d/da of sum(a.mT * [1, 10]): row i of each matrix is scaled by [1, 10][i].
    grads: [
      [
        [
          [1, 1, 1],
          [10, 10, 10],
        ],
        [
          [1, 1, 1],
          [10, 10, 10],
        ],
      ],
    ],
    gradFn: 'MulBackward0',
  },
] as const satisfies readonly OpCase[];

export const tensorAttributeErrors = [
  {
    id: 'tensor-attributes/mT-of-a-vector',
    inputs: () => [tensor([1, 2, 3])],
    run: (a) => a.mT,
    throws: /mT: tensor\.mT is only supported on matrices or batches of matrices\. Got 1-D tensor/,
    kind: 'shape',
  },
  {
    id: 'tensor-attributes/size-of-a-dim-out-of-range',
    inputs: () => [zeros([2, 3])],
    run: (a) => a.size(2),
    throws: /size: dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
    kind: 'index',
  },
] as const satisfies readonly ErrorCase[];

export const tensorAttributeScripts = [
  {
    id: 'tensor-attributes/numel-size-dim-as-methods',
    run: async (check) => {
      const x = zeros([2, 3, 4]);
      check.equal(x.numel(), 24, 'numel()');
      check.equal([...x.size()], [2, 3, 4], 'size()');
      check.equal(x.size(-1), 4, 'size(-1)');
      check.equal(x.size(0), 2, 'size(0)');
      check.equal(x.dim(), 3, 'dim()');
      check.equal(zeros([]).numel(), 1, 'a 0-dim tensor holds one element');
      check.equal(zeros([3, 0]).numel(), 0, 'an empty tensor holds none');
      await Promise.resolve();
    },
  },
  {
    id: 'tensor-attributes/tolist-nests-as-pytorch',
    run: async (check) => {
      check.equal(
        await tensor([
          [1, 2],
          [3, 4],
        ]).tolist(),
        [
          [1, 2],
          [3, 4],
        ],
      );
      check.equal(await tensor(2.5).tolist(), 2.5, 'a 0-dim tensor gives its number');
      check.equal(await tensor([true, false]).tolist(), [true, false], 'bools stay booleans');
      check.equal(
        await tensor([[5, 6, 7]], { dtype: 'int32' }).T.tolist(),
        [[5], [6], [7]],
        'a strided view reads in order',
      );
    },
  },
] as const satisfies readonly ScriptCase[];
