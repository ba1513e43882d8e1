import { cat, ones, stack, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/** cat, stack, split, chunk: values by index arithmetic; gradients split back. */
export const joinCases = [
  {
    id: 'cat/dim0',
    inputs: [
      { values: [[1, 2]], requiresGrad: true },
      {
        values: [
          [3, 4],
          [5, 6],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, b) => cat([a, b]),
    expected: [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    grads: [
      [[1, 1]],
      [
        [1, 1],
        [1, 1],
      ],
    ],
    gradFn: 'CatBackward0',
  },
  {
    id: 'cat/negative-dim-weighted',
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
    run: (a, b) => cat([a, b], -1).mul(cat([a, b], -1)),
    expected: [
      [1, 9, 16],
      [4, 25, 36],
    ],
    grads: [
      [[2], [4]],
      [
        [6, 8],
        [10, 12],
      ],
    ],
  },
  {
    id: 'cat/promotes-int-float',
    inputs: [{ values: [1, 2], dtype: 'int32' }, { values: [0.5] }],
    run: (a, b) => cat([a, b]),
    expected: [1, 2, 0.5],
    dtype: 'float32',
  },
  {
    id: 'cat/zero-size',
    inputs: [{ values: [] }, { values: [1, 2] }],
    run: (a, b) => cat([a, b]),
    expected: [1, 2],
  },
  {
    id: 'stack/dim1',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3, 4], requiresGrad: true },
    ],
    run: (a, b) => stack([a, b], 1),
    expected: [
      [1, 3],
      [2, 4],
    ],
    grads: [
      [1, 1],
      [1, 1],
    ],
    gradFn: 'StackBackward0',
  },
  {
    id: 'stack/0-d',
    inputs: [{ values: 1 }, { values: 2 }],
    run: (a, b) => stack([a, b]),
    expected: [1, 2],
  },
  {
    id: 'split/size',
    inputs: [{ values: [1, 2, 3, 4, 5], requiresGrad: true }],
    run: (a) => {
      const p = a.split(2);
      return cat([p[2]!, p[0]!.mul(3)]);
    },
    expected: [5, 3, 6],
    grads: [[3, 3, 0, 0, 1]],
  },
  {
    id: 'split/sections-dim1',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
    ],
    run: (a) => a.split([1, 2], 1)[1]!,
    expected: [
      [2, 3],
      [5, 6],
    ],
  },
  {
    id: 'chunk/uneven',
    inputs: [{ values: [1, 2, 3, 4, 5] }],
    run: (a) => {
      const c = a.chunk(3);
      return stack(c.map((t) => t.sum()));
    },
    expected: [3, 7, 5],
  },
  {
    id: 'cat/bool-and-int32',
    inputs: [
      { values: [true], dtype: 'bool' },
      { values: [7], dtype: 'int32' },
    ],
    run: (a, b) => cat([a, b]),
    expected: [1, 7],
    dtype: 'int32',
  },
  {
    id: 'cat/float64-grad-dim1',
    inputs: [
      { values: [[1], [2]], dtype: 'float64', requiresGrad: true },
      { values: [[3], [4]], dtype: 'float64', requiresGrad: true },
    ],
    run: (a, b) =>
      cat([a, b], 1).mul(
        tensor(
          [
            [1, 10],
            [100, 1000],
          ],
          { dtype: 'float64' },
        ),
      ),
    expected: [
      [1, 30],
      [200, 4000],
    ],
    dtype: 'float64',
    grads: [
      [[1], [100]],
      [[10], [1000]],
    ],
  },
  {
    id: 'stack/negative-dim-grad',
    inputs: [
      { values: [[1, 2]], requiresGrad: true },
      { values: [[3, 4]], requiresGrad: true },
    ],
    run: (a, b) =>
      stack([a, b], -1).mul(
        tensor([
          [
            [1, 2],
            [3, 4],
          ],
        ]),
      ),
    expected: [
      [
        [1, 6],
        [6, 16],
      ],
    ],
    grads: [[[1, 3]], [[2, 4]]],
  },
  {
    id: 'chunk/grads',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => {
      const [p, q] = a.chunk(2);
      return cat([p!.mul(2), q!.mul(3)]);
    },
    expected: [
      [2, 4],
      [6, 8],
      [15, 18],
    ],
    grads: [
      [
        [2, 2],
        [2, 2],
        [3, 3],
      ],
    ],
  },
  {
    id: 'split/zero-size-dim',
    inputs: [{ values: [[], []] }],
    run: (a) => a.split(2, 1)[0]!,
    expected: [[], []],
  },
  {
    id: 'split/views-share-storage-values',
    inputs: [{ values: [[1, 2, 3, 4]] }],
    run: (a) => stack(a.split(2, -1), 0),
    expected: [[[1, 2]], [[3, 4]]],
  },
] as const satisfies readonly OpCase[];

/** Bad input to cat, stack and split. */
export const joinErrors = [
  {
    id: 'error/cat-sizes',
    inputs: () => [ones([2, 3]), ones([2, 4])],
    run: (a, b) => cat([a, b]),
    throws:
      /cat: sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1/,
    kind: 'shape',
  },
  {
    id: 'error/cat-empty-list',
    inputs: () => [],
    run: () => cat([]),
    throws: /cat: expected a non-empty list of tensors/,
    kind: 'value',
  },
  {
    id: 'error/stack-shapes',
    inputs: () => [ones([2]), ones([3])],
    run: (a, b) => stack([a, b]),
    throws: /stack: expects each tensor to be equal size, but got \[2\] at entry 0 and \[3\] at entry 1/,
    kind: 'shape',
  },
  {
    id: 'error/split-sections-sum',
    inputs: () => [ones([3])],
    run: (a) => a.split([1, 1]),
    throws: /split: split_with_sizes expects split_sizes to sum exactly to 3 .*, but got split_sizes=\[1, 1\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
