import { ones, pad } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Padding and the triangles: pad (constant, reflect, replicate; negative pads crop) and tril/triu.
 * Each output element is an input element or a constant, by index arithmetic; gradients route
 * back to the elements read.
 */
export const paddingCases = [
  {
    id: 'pad/constant',
    inputs: [{ values: [[1, 2]], requiresGrad: true }],
    run: (a) => pad(a, [1, 2, 1, 0], { value: 9 }),
    expected: [
      [9, 9, 9, 9, 9],
      [9, 1, 2, 9, 9],
    ],
    grads: [[[1, 1]]],
    gradFn: 'ConstantPadNdBackward0',
  },
  {
    id: 'pad/negative-crops',
    inputs: [{ values: [1, 2, 3, 4], requiresGrad: true }],
    run: (a) => pad(a, [-1, 1]),
    expected: [2, 3, 4, 0],
    grads: [[0, 1, 1, 1]],
  },
  {
    id: 'pad/reflect',
    inputs: [{ values: [[1, 2, 3]], requiresGrad: true }],
    run: (a) => pad(a, [2, 1], { mode: 'reflect' }),
    expected: [[3, 2, 1, 2, 3, 2]],
    grads: [[[1, 3, 2]]],
  },
  {
    id: 'pad/replicate-2d',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => pad(a, [1, 0, 0, 1], { mode: 'replicate' }),
    expected: [
      [1, 1, 2],
      [3, 3, 4],
      [3, 3, 4],
    ],
    grads: [
      [
        [2, 1],
        [4, 2],
      ],
    ],
  },
  {
    id: 'pad/circular',
    inputs: [{ values: [[1, 2, 3]], requiresGrad: true }],
    run: (a) => pad(a, [2, 1], { mode: 'circular' }),
    expected: [[2, 3, 1, 2, 3, 1]],
    // x0 appears twice, x1 twice, x2 twice.
    grads: [[[2, 2, 2]]],
  },
  {
    id: 'pad/circular-2d',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => pad(a, [1, 0, 0, 1], { mode: 'circular' }),
    expected: [
      [2, 1, 2],
      [4, 3, 4],
      [2, 1, 2],
    ],
    grads: [
      [
        [2, 4],
        [1, 2],
      ],
    ],
  },
  {
    id: 'pad/int32',
    inputs: [{ values: [5], dtype: 'int32' }],
    run: (a) => pad(a, [1, 1], { value: -1 }),
    expected: [-1, 5, -1],
    dtype: 'int32',
  },
  {
    id: 'tril/diag0',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.tril(),
    expected: [
      [1, 0, 0],
      [4, 5, 0],
      [7, 8, 9],
    ],
    grads: [
      [
        [1, 0, 0],
        [1, 1, 0],
        [1, 1, 1],
      ],
    ],
    gradFn: 'TrilBackward0',
  },
  {
    id: 'triu/diag1-batched',
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
      },
    ],
    run: (a) => a.triu(1),
    expected: [
      [
        [0, 2],
        [0, 0],
      ],
      [
        [0, 6],
        [0, 0],
      ],
    ],
  },
  {
    id: 'tril/negative-diagonal-int',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        dtype: 'int32',
      },
    ],
    run: (a) => a.tril(-1),
    expected: [
      [0, 0],
      [3, 0],
    ],
    dtype: 'int32',
  },
  {
    id: 'pad/replicate-0-size-pad-noop',
    inputs: [{ values: [[1, 2]], requiresGrad: true }],
    run: (a) => pad(a, [0, 0], { mode: 'replicate' }),
    expected: [[1, 2]],
  },
] as const satisfies readonly OpCase[];

/** Bad input to padding and the triangles: the message names the op, the shapes and what was expected. */
export const paddingErrors = [
  {
    id: 'error/pad-unknown-mode',
    inputs: () => [ones([1, 3])],
    run: (x) => pad(x, [1, 1], { mode: 'mirror' as 'reflect' }),
    throws:
      /pad: argument 3 \('options'\) option 'mode' got "mirror"; it expects "constant" or "reflect" or "replicate" or "circular"/,
    kind: 'value',
  },
  {
    id: 'error/pad-circular-wraps-twice',
    inputs: () => [ones([1, 3])],
    run: (x) => pad(x, [4, 0], { mode: 'circular' }),
    throws: /pad: padding value causes wrapping around more than once: padding \(4, 0\) at dimension 1/,
    kind: 'value',
  },
  {
    id: 'error/pad-reflect-too-large',
    inputs: () => [ones([1, 3])],
    run: (a) => pad(a, [3, 0], { mode: 'reflect' }),
    throws:
      /pad: padding size should be less than the corresponding input dimension in reflect mode, but got: padding \(3, 0\) at dimension 1 of input \[1, 3\]/,
    kind: 'value',
  },
  {
    id: 'error/pad-odd-length',
    inputs: () => [ones([3])],
    run: (a) => pad(a, [1]),
    throws: /pad: padding length must be even .*: got 1 values \(\[1\]\) for an input of shape \[3\]/,
    kind: 'value',
  },
  {
    id: 'error/tril-1d',
    inputs: () => [ones([3])],
    run: (a) => a.tril(),
    throws: /tril: input tensor must have at least 2 dimensions, got shape \[3\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
