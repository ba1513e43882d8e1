import { ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { m } from './indexing-inputs.js';

/**
 * Ops that regroup, replicate or reorder elements: flatten/unflatten, expandAs/broadcastTo, repeat,
 * tile, flip and roll. Values by index arithmetic; gradients route back to the elements read.
 */
export const rearrangeCases = [
  {
    id: 'flatten/middle',
    inputs: [
      {
        values: [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.flatten(1),
    expected: [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ],
  },
  {
    id: 'flatten/0-d',
    inputs: [{ values: 7 }],
    run: (a) => a.flatten(),
    expected: [7],
  },
  {
    id: 'unflatten/infer',
    inputs: [{ values: [1, 2, 3, 4, 5, 6] }],
    run: (a) => a.unflatten(0, [-1, 3]),
    expected: [
      [1, 2, 3],
      [4, 5, 6],
    ],
  },
  {
    id: 'expandAs/broadcastTo',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      {
        values: [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      },
    ],
    run: (a, b) => a.expandAs(b).add(a.broadcastTo([3, 2])),
    expected: [
      [2, 4],
      [2, 4],
      [2, 4],
    ],
    grads: [[6, 6], null],
  },
  {
    id: 'repeat/leading-dim',
    inputs: [{ values: [1, 2], requiresGrad: true }],
    run: (a) => a.repeat(2, 2),
    expected: [
      [1, 2, 1, 2],
      [1, 2, 1, 2],
    ],
    grads: [[4, 4]],
    gradFn: 'RepeatBackward0',
  },
  {
    id: 'tile/short-dims',
    inputs: [{ values: [[1], [2]], requiresGrad: true }],
    run: (a) => a.tile(3),
    expected: [
      [1, 1, 1],
      [2, 2, 2],
    ],
    grads: [[[3], [3]]],
  },
  {
    id: 'flip/two-dims',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.flip(0, 1),
    expected: [
      [6, 5, 4],
      [3, 2, 1],
    ],
    gradFn: 'FlipBackward0',
  },
  {
    id: 'roll/dim',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.roll(1, 1),
    expected: [
      [3, 1, 2],
      [6, 4, 5],
    ],
    gradFn: 'RollBackward0',
  },
  {
    id: 'roll/flat-negative',
    inputs: [{ values: m }],
    run: (a) => a.roll(-2),
    expected: [
      [3, 4, 5],
      [6, 1, 2],
    ],
  },
  {
    id: 'flip/bool-negative-dim',
    inputs: [{ values: [[true, false, false]], dtype: 'bool' }],
    run: (a) => a.flip(-1),
    expected: [[false, false, true]],
    dtype: 'bool',
  },
  {
    id: 'repeat/zero',
    inputs: [{ values: [1, 2] }],
    run: (a) => a.repeat(0),
    expected: [],
  },
] as const satisfies readonly OpCase[];

/** Bad input to the rearranging ops: the message names the op, the shapes and what was expected. */
export const rearrangeErrors = [
  {
    id: 'error/repeat-too-few',
    inputs: () => [ones([2, 2])],
    run: (a) => a.repeat(2),
    throws:
      /repeat: number of dimensions of repeat dims \(1\) can not be smaller than number of dimensions of tensor \(2/,
    kind: 'shape',
  },
  {
    id: 'error/unflatten-sizes',
    inputs: () => [ones([2, 3])],
    run: (a) => a.unflatten(1, [2, 2]),
    throws: /unflatten: provided sizes \[2, 2\] don't multiply up to the size of dim 1 \(3\)/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
