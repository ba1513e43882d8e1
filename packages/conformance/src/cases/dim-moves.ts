import {
  hstack,
  movedim,
  moveaxis,
  ones,
  repeatInterleave,
  rot90,
  swapaxes,
  tensor,
  tensorSplit,
  unbind,
  vstack,
} from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { HOST_DEVICE } from '../case.js';

const sq = [
  [1, 2],
  [3, 4],
];

/**
 * movedim, swapaxes, unbind, rot90 and repeatInterleave (the stacks and splits are in
 * stacks-splits.ts): values
 * by index arithmetic (and PyTorch's documented examples), gradients routed back to the
 * elements each output read.
 */
export const dimMoveCases = [
  {
    // dim 0 goes to 2 and dim 1 to 0; dim 2 takes the place left (1): out[i][j][0] = x[0][i][j].
    id: 'movedim/two-dims',
    inputs: [
      {
        values: [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => movedim(a, [0, 1], [2, 0]),
    expected: [
      [[1], [2], [3]],
      [[4], [5], [6]],
    ],
    grads: [
      [
        [
          [1, 1, 1],
          [1, 1, 1],
        ],
      ],
    ],
    gradFn: 'PermuteBackward0',
  },
  {
    id: 'moveaxis/last-to-first',
    inputs: [{ values: [[[1, 2]], [[3, 4]]] }],
    // The last dim goes first and the others keep their order: out[k][i][j] = x[i][j][k].
    run: (a) => moveaxis(a, -1, 0),
    expected: [
      [[1], [3]],
      [[2], [4]],
    ],
  },
  {
    id: 'swapaxes/outer-dims',
    inputs: [{ values: [[[1, 2]], [[3, 4]]], requiresGrad: true }],
    run: (a) => swapaxes(a, 0, 2).mul(tensor([[[1, 10]], [[100, 1000]]])),
    expected: [[[1, 30]], [[200, 4000]]],
    grads: [[[[1, 100]], [[10, 1000]]]],
  },
  {
    id: 'swapdims/matrix',
    inputs: [{ values: [[1, 2, 3]], requiresGrad: true }],
    run: (a) => a.swapdims(0, 1),
    expected: [[1], [2], [3]],
    gradFn: 'TransposeBackward0',
  },
  {
    id: 'unbind/weighted-sum-of-rows',
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
      const [p, q, r] = unbind(a);
      return p!.add(q!.mul(2)).add(r!.mul(3));
    },
    expected: [22, 28],
    grads: [
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    ],
  },
  {
    // The outputs that got no gradient get zeros in UnbindBackward0's stack.
    id: 'unbind/one-column-used',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => a.unbind(1)[1]!,
    expected: [2, 4],
    grads: [
      [
        [0, 1],
        [0, 1],
      ],
    ],
    gradFn: 'UnbindBackward0',
  },
  {
    // PyTorch's example: arange(4).view(2, 2) = [[0, 1], [2, 3]] turns to [[1, 3], [0, 2]].
    id: 'rot90/once',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => rot90(a),
    expected: [
      [2, 4],
      [1, 3],
    ],
    gradFn: 'TransposeBackward1',
  },
  {
    id: 'rot90/once-weighted',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => a.rot90().mul(tensor(sq)),
    expected: [
      [2, 8],
      [3, 12],
    ],
    grads: [
      [
        [3, 1],
        [4, 2],
      ],
    ],
  },
  {
    id: 'rot90/half-turn',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => rot90(a, 2),
    expected: [
      [4, 3],
      [2, 1],
    ],
    gradFn: 'FlipBackward0',
  },
  {
    // k = -1 is three quarter turns: clockwise.
    id: 'rot90/clockwise-other-dims',
    inputs: [
      {
        values: [
          [
            [1, 2],
            [3, 4],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => rot90(a, -1, [1, 2]),
    expected: [
      [
        [3, 1],
        [4, 2],
      ],
    ],
    grads: [
      [
        [
          [1, 1],
          [1, 1],
        ],
      ],
    ],
  },
  {
    id: 'rot90/full-turn-copies',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => rot90(a, 4),
    expected: sq,
    gradFn: 'CloneBackward0',
  },
  {
    // PyTorch's example: repeat_interleave(y, 2) flattens y = [[1, 2], [3, 4]] first.
    id: 'repeatInterleave/number-flattens',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => a.repeatInterleave(2),
    expected: [1, 1, 2, 2, 3, 3, 4, 4],
    grads: [
      [
        [2, 2],
        [2, 2],
      ],
    ],
  },
  {
    id: 'repeatInterleave/number-along-dim',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => repeatInterleave(a, 3, 1).mul(tensor([1, 2, 3, 4, 5, 6])),
    expected: [
      [1, 2, 3, 8, 10, 12],
      [3, 6, 9, 16, 20, 24],
    ],
    grads: [
      [
        [6, 15],
        [6, 15],
      ],
    ],
  },
  {
    // PyTorch's example: repeats [1, 2] along dim 0 of [[1, 2], [3, 4]].
    id: 'repeatInterleave/tensor-repeats',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => repeatInterleave(a, tensor([1, 2], { dtype: 'int32', device: HOST_DEVICE }), 0),
    expected: [
      [1, 2],
      [3, 4],
      [3, 4],
    ],
    grads: [
      [
        [1, 1],
        [2, 2],
      ],
    ],
    gradFn: 'IndexSelectBackward0',
  },
  {
    id: 'repeatInterleave/array-with-zero',
    inputs: [{ values: sq, requiresGrad: true }],
    run: (a) => repeatInterleave(a, [3, 0], 1),
    expected: [
      [1, 1, 1],
      [3, 3, 3],
    ],
    grads: [
      [
        [3, 0],
        [3, 0],
      ],
    ],
  },
] as const satisfies readonly OpCase[];

/** Bad input to the dim moves, stacks and splits. */
export const dimMoveErrors = [
  {
    id: 'error/movedim-lengths',
    inputs: () => [ones([2, 3])],
    run: (a) => movedim(a, [0, 1], [0]),
    throws:
      /movedim: Invalid source or destination dims: source \(\[0, 1\] dims\) should contain the same number of dims as destination \(\[0\] dims\)/,
    kind: 'value',
  },
  {
    id: 'error/movedim-repeated',
    inputs: () => [ones([2, 3])],
    run: (a) => movedim(a, [0, -2], [0, 1]),
    throws: /movedim: repeated dim in `source` \(\[0, -2\]\)/,
    kind: 'value',
  },
  {
    id: 'error/unbind-0d',
    inputs: () => [tensor(1)],
    run: (a) => unbind(a),
    throws: /unbind: dimension specified as 0 but tensor has no dimensions/,
    kind: 'index',
  },
  {
    id: 'error/hstack-empty',
    inputs: () => [],
    run: () => hstack([]),
    throws: /hstack: expects a non-empty TensorList/,
    kind: 'value',
  },
  {
    id: 'error/vstack-widths',
    inputs: () => [ones([2]), ones([3])],
    run: (a, b) => vstack([a, b]),
    throws: /cat: sizes of tensors must match except in dimension 0. Expected size 2 but got size 3/,
    kind: 'shape',
  },
  {
    id: 'error/tensorSplit-zero-sections',
    inputs: () => [ones([3])],
    run: (a) => tensorSplit(a, 0),
    throws: /tensorSplit: number of sections must be larger than 0, got 0/,
    kind: 'value',
  },
  {
    id: 'error/rot90-same-dims',
    inputs: () => [ones([2, 2])],
    run: (a) => rot90(a, 1, [1, -1]),
    throws: /rot90: expected rotation dims to be different, but got dim0 = 1 and dim1 = -1/,
    kind: 'value',
  },
  {
    id: 'error/rot90-vector',
    inputs: () => [ones([2])],
    run: (a) => rot90(a),
    throws: /rot90: expected total dims >= 2, but got total dims = 1/,
    kind: 'shape',
  },
  {
    id: 'error/repeatInterleave-sizes',
    inputs: () => [ones([3])],
    run: (a) => repeatInterleave(a, [1, 2], 0),
    throws:
      /repeatInterleave: repeats must have the same size as input along dim, but got repeats.size\(0\) = 2 and input.size\(0\) = 3/,
    kind: 'shape',
  },
  {
    id: 'error/repeatInterleave-negative',
    inputs: () => [ones([3])],
    run: (a) => repeatInterleave(a, -1),
    throws: /repeatInterleave: repeats must be a non-negative integer, got -1/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
