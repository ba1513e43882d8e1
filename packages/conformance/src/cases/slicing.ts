import { asStrided, ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { m } from './indexing-inputs.js';

/**
 * Views by slicing: asStrided, slice, narrow, select and the multi-dim indexer (index() and get()).
 * Values by index arithmetic; gradients route back to the elements read.
 */
export const slicingCases = [
  {
    id: 'asStrided/windows',
    inputs: [{ values: [1, 2, 3, 4], requiresGrad: true }],
    run: (a) => asStrided(a, [3, 2], [1, 1], 0),
    expected: [
      [1, 2],
      [2, 3],
      [3, 4],
    ],
    grads: [[1, 2, 2, 1]],
    gradFn: 'AsStridedBackward0',
  },
  {
    id: 'asStrided/double-backward',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }],
    run: (a) => asStrided(a.mul(a), [2], [2], 0),
    expected: [1, 9],
    grads: [[2, 0, 6]],
  },
  {
    id: 'slice/step',
    inputs: [{ values: [0, 1, 2, 3, 4, 5, 6], requiresGrad: true }],
    run: (a) => a.slice(0, 1, -1, 2),
    expected: [1, 3, 5],
    grads: [[0, 1, 0, 1, 0, 1, 0]],
    gradFn: 'SliceBackward0',
  },
  {
    id: 'slice/clamps-out-of-range',
    inputs: [{ values: [1, 2, 3] }],
    run: (a) => a.slice(0, -10, 10),
    expected: [1, 2, 3],
  },
  {
    id: 'slice/empty',
    inputs: [{ values: [1, 2, 3] }],
    run: (a) => a.slice(0, 2, 1),
    expected: [],
  },
  {
    id: 'narrow/dim1',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.narrow(1, 1, 2),
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
    id: 'narrow/of-transposed-view',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.t().narrow(0, -1, 1).mul(2),
    expected: [[6, 12]],
    grads: [
      [
        [0, 0, 2],
        [0, 0, 2],
      ],
    ],
  },
  {
    id: 'select/negative',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.select(1, -1),
    expected: [3, 6],
    grads: [
      [
        [0, 0, 1],
        [0, 0, 1],
      ],
    ],
    gradFn: 'SelectBackward0',
  },
  {
    id: 'index/mixed',
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
    run: (a) => a.index(1, '...', '::2'),
    expected: [
      [7, 9],
      [10, 12],
    ],
    grads: [
      [
        [
          [0, 0, 0],
          [0, 0, 0],
        ],
        [
          [1, 0, 1],
          [1, 0, 1],
        ],
      ],
    ],
  },
  {
    id: 'index/none-and-range-object',
    inputs: [{ values: m }],
    run: (a) => a.index(null, { start: 1 }, -1),
    expected: [[6]],
  },
  {
    id: 'get/string',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.get('-1, 0:2'),
    expected: [4, 5],
  },
  {
    id: 'view-of-slice/double-backward',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }],
    run: (a) => a.mul(a).slice(0, 1).mul(a.slice(0, 1)),
    expected: [8, 27],
    grads: [[0, 12, 27]],
  },
  {
    id: 'slice/zero-size-dim',
    inputs: [{ values: [[], []] }],
    run: (a) => a.slice(1, 0, 5),
    expected: [[], []],
  },
  {
    id: 'select/bool',
    inputs: [
      {
        values: [
          [true, false],
          [false, false],
        ],
        dtype: 'bool',
      },
    ],
    run: (a) => a.select(0, 0),
    expected: [true, false],
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];

/** Bad input to slicing and the indexer: the message names the op, the shapes and what was expected. */
export const slicingErrors = [
  {
    id: 'error/select-out-of-range',
    inputs: () => [ones([2, 3])],
    run: (a) => a.select(1, 3),
    throws: /select: index 3 out of range for tensor of size \[2, 3\] at dimension 1/,
    kind: 'index',
  },
  {
    id: 'error/slice-negative-step',
    inputs: () => [ones([4])],
    run: (a) => a.slice(0, 0, 4, -1),
    throws: /slice: step must be a positive integer .*, got -1/,
    kind: 'value',
  },
  {
    id: 'error/narrow-too-long',
    inputs: () => [ones([4])],
    run: (a) => a.narrow(0, 2, 3),
    throws: /narrow: start \(2\) \+ length \(3\) exceeds dimension size \(4\)/,
    kind: 'index',
  },
  {
    id: 'error/index-too-many',
    inputs: () => [ones([2])],
    run: (a) => a.index(0, 0),
    throws: /index: too many indices for tensor of dimension 1: got 2 \(shape \[2\]\)/,
    kind: 'index',
  },
  {
    id: 'error/get-unparsable',
    inputs: () => [ones([2])],
    run: (a) => a.get('a:b'),
    throws: /index: cannot parse 'a:b'/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
