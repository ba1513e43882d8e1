import { asStrided, oneHot, ones, pad, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

const m = [
  [1, 2, 3],
  [4, 5, 6],
];
const idx = (values: number[] | number[][]) => tensor(values, { dtype: 'int32' });

/** Shape and indexing ops: values by index arithmetic; gradients route back to the elements read. */
export const indexingCases = [
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
    id: 'pad/int32',
    inputs: [{ values: [5], dtype: 'int32' }],
    run: (a) => pad(a, [1, 1], { value: -1 }),
    expected: [-1, 5, -1],
    dtype: 'int32',
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
    id: 'indexSelect/dim0-repeats',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.indexSelect(0, idx([1, 1, 0])),
    expected: [
      [4, 5, 6],
      [4, 5, 6],
      [1, 2, 3],
    ],
    grads: [
      [
        [1, 1, 1],
        [2, 2, 2],
      ],
    ],
    gradFn: 'IndexSelectBackward0',
  },
  {
    id: 'gather/dim1',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) =>
      a.gather(
        1,
        idx([
          [2, 2],
          [0, 1],
        ]),
      ),
    expected: [
      [3, 3],
      [4, 5],
    ],
    grads: [
      [
        [0, 0, 2],
        [1, 1, 0],
      ],
    ],
    gradFn: 'GatherBackward0',
  },
  {
    id: 'scatter/src',
    inputs: [
      {
        values: [
          [0, 0, 0],
          [0, 0, 0],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, b) =>
      a.scatter(
        1,
        idx([
          [2, 0],
          [1, 2],
        ]),
        b,
      ),
    expected: [
      [2, 0, 1],
      [0, 3, 4],
    ],
    grads: [
      [
        [0, 1, 0],
        [1, 0, 0],
      ],
      [
        [1, 1],
        [1, 1],
      ],
    ],
  },
  {
    id: 'scatter/value',
    inputs: [{ values: m, requiresGrad: true }],
    run: (a) => a.scatter(0, idx([[1, 0, 1]]), -1),
    expected: [
      [1, -1, 3],
      [-1, 5, -1],
    ],
    grads: [
      [
        [1, 0, 1],
        [0, 1, 0],
      ],
    ],
  },
  {
    id: 'scatterAdd/repeats',
    inputs: [
      { values: [1, 1, 1], requiresGrad: true },
      { values: [1, 2, 3, 4], requiresGrad: true },
    ],
    run: (a, b) => a.scatterAdd(0, idx([0, 2, 0, 2]), b),
    expected: [5, 1, 7],
    grads: [
      [1, 1, 1],
      [1, 1, 1, 1],
    ],
  },
  {
    id: 'maskedFill/broadcast-mask',
    inputs: [
      { values: m, requiresGrad: true },
      { values: [true, false, true], dtype: 'bool' },
    ],
    run: (a, k) => a.maskedFill(k, 0.5),
    expected: [
      [0.5, 2, 0.5],
      [0.5, 5, 0.5],
    ],
    grads: [
      [
        [0, 1, 0],
        [0, 1, 0],
      ],
      null,
    ],
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
    id: 'oneHot/inferred',
    inputs: [{ values: [2, 0], dtype: 'int32' }],
    run: (a) => oneHot(a),
    expected: [
      [0, 0, 1],
      [1, 0, 0],
    ],
    dtype: 'int32',
  },
  {
    id: 'oneHot/num-classes-2d',
    inputs: [{ values: [[1], [0]], dtype: 'int32' }],
    run: (a) => oneHot(a, 2),
    expected: [[[0, 1]], [[1, 0]]],
  },
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
  {
    id: 'gather/float64-int32',
    inputs: [{ values: [[1.25, 2.5]], dtype: 'float64', requiresGrad: true }],
    run: (a) => a.gather(1, idx([[1, 1, 0]])),
    expected: [[2.5, 2.5, 1.25]],
    dtype: 'float64',
    grads: [[[1, 2]]],
  },
  {
    id: 'gather/int32-values',
    inputs: [{ values: [10, 20, 30], dtype: 'int32' }],
    run: (a) => a.gather(0, idx([2, 0])),
    expected: [30, 10],
    dtype: 'int32',
  },
  {
    id: 'indexSelect/empty-index',
    inputs: [{ values: m }],
    run: (a) => a.indexSelect(1, idx([])),
    expected: [[], []],
  },
  {
    id: 'maskedFill/int32-with-0-d-tensor',
    inputs: [
      { values: [1, 2], dtype: 'int32' },
      { values: [false, true], dtype: 'bool' },
    ],
    run: (a, k) => a.maskedFill(k, tensor(7, { dtype: 'int32' })),
    expected: [1, 7],
    dtype: 'int32',
  },
  {
    id: 'maskedFill/value-tensor-grad',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [true, false, true], dtype: 'bool' },
      { values: 0.5, requiresGrad: true },
    ],
    run: (a, k, v) => a.maskedFill(k, v),
    expected: [0.5, 2, 0.5],
    grads: [[0, 1, 0], null, 2],
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
  // Scatters on int32 (2^24 + 1 is beyond float32), float64 and bool.
  {
    id: 'scatter/int32',
    inputs: [
      {
        values: [
          [0, 0, 0],
          [0, 0, 0],
        ],
        dtype: 'int32',
      },
      { values: [[2 ** 24 + 1], [-5]], dtype: 'int32' },
    ],
    run: (a, s) => a.scatter(1, idx([[2], [0]]), s),
    expected: [
      [0, 0, 2 ** 24 + 1],
      [-5, 0, 0],
    ],
    dtype: 'int32',
  },
  {
    id: 'scatterAdd/int32',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        dtype: 'int32',
      },
      {
        values: [
          [10, 2 ** 24],
          [1, 1],
        ],
        dtype: 'int32',
      },
    ],
    run: (a, s) =>
      a.scatterAdd(
        1,
        idx([
          [0, 0],
          [2, 1],
        ]),
        s,
      ),
    expected: [
      [1 + 10 + 2 ** 24, 2, 3],
      [4, 6, 7],
    ],
    dtype: 'int32',
  },
  {
    id: 'scatter/float64',
    inputs: [
      {
        values: [
          [0, 0],
          [0, 0],
        ],
        dtype: 'float64',
      },
      { values: [[0.1], [0.2]], dtype: 'float64' },
    ],
    run: (a, s) => a.scatter(1, idx([[1], [0]]), s),
    expected: [
      [0, 0.1],
      [0.2, 0],
    ],
    dtype: 'float64',
  },
  {
    id: 'scatter/bool',
    inputs: [
      { values: [[false, false, false]], dtype: 'bool' },
      { values: [[true, true]], dtype: 'bool' },
    ],
    run: (a, s) => a.scatter(1, idx([[0, 2]]), s),
    expected: [[true, false, true]],
    dtype: 'bool',
  },
  {
    id: 'scatterAdd/bool-is-or',
    inputs: [
      { values: [[true, false, false]], dtype: 'bool' },
      { values: [[true, true, false]], dtype: 'bool' },
    ],
    run: (a, s) => a.scatterAdd(1, idx([[0, 1, 0]]), s),
    expected: [[true, true, false]],
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];

/** Bad input to indexing, slicing and padding: the message names the op, the shapes and what was expected. */
export const indexingErrors = [
  {
    id: 'error/select-out-of-range',
    inputs: () => [ones([2, 3])],
    run: (a) => a.select(1, 3),
    throws: /select: index 3 out of range for tensor of size \[2, 3\] at dimension 1/,
  },
  {
    id: 'error/slice-negative-step',
    inputs: () => [ones([4])],
    run: (a) => a.slice(0, 0, 4, -1),
    throws: /slice: step must be a positive integer/,
  },
  {
    id: 'error/narrow-too-long',
    inputs: () => [ones([4])],
    run: (a) => a.narrow(0, 2, 3),
    throws: /narrow: start \(2\) \+ length \(3\) exceeds dimension size \(4\)/,
  },
  {
    id: 'error/index-too-many',
    inputs: () => [ones([2])],
    run: (a) => a.index(0, 0),
    throws: /index: too many indices for tensor of dimension 1/,
  },
  {
    id: 'error/get-unparsable',
    inputs: () => [ones([2])],
    run: (a) => a.get('a:b'),
    throws: /index: cannot parse 'a:b'/,
  },
  {
    id: 'error/gather-index-out-of-bounds',
    inputs: () => [ones([2, 3]), idx([[3]])],
    run: (a, i) => a.gather(1, i),
    throws: /gather: index 3 is out of bounds for dimension 1 with size 3/,
  },
  {
    id: 'error/gather-index-rank',
    inputs: () => [ones([2, 3]), idx([1])],
    run: (a, i) => a.gather(1, i),
    throws: /gather: index tensor must have the same number of dimensions as input tensor/,
  },
  {
    id: 'error/gather-float-index',
    inputs: () => [ones([2, 3]), ones([2, 1])],
    run: (a, i) => a.gather(1, i),
    throws: /gather: expected index to be an int32 tensor/,
  },
  {
    id: 'error/indexSelect-out-of-range',
    inputs: () => [ones([2, 3]), idx([0, -1])],
    run: (a, i) => a.indexSelect(0, i),
    throws: /indexSelect: index -1 is out of bounds for dimension 0 with size 2/,
  },
  {
    id: 'error/scatter-dtype',
    inputs: () => [ones([3]), idx([0]), tensor([1], { dtype: 'int32' })],
    run: (a, i, s) => a.scatter(0, i, s),
    throws: /scatter: expected self.dtype to be equal to src.dtype/,
  },
  {
    id: 'error/maskedFill-not-bool',
    inputs: () => [ones([3]), ones([3])],
    run: (a, k) => a.maskedFill(k, 0),
    throws: /maskedFill: expected mask to be a bool tensor, got dtype float32/,
  },
  {
    id: 'error/pad-reflect-too-large',
    inputs: () => [ones([1, 3])],
    run: (a) => pad(a, [3, 0], { mode: 'reflect' }),
    throws: /pad: padding size should be less than the corresponding input dimension/,
  },
  {
    id: 'error/pad-odd-length',
    inputs: () => [ones([3])],
    run: (a) => pad(a, [1]),
    throws: /pad: padding length must be even/,
  },
  {
    id: 'error/repeat-too-few',
    inputs: () => [ones([2, 2])],
    run: (a) => a.repeat(2),
    throws:
      /repeat: number of dimensions of repeat dims \(1\) can not be smaller than number of dimensions of tensor \(2/,
  },
  {
    id: 'error/tril-1d',
    inputs: () => [ones([3])],
    run: (a) => a.tril(),
    throws: /tril: input tensor must have at least 2 dimensions/,
  },
  {
    id: 'error/unflatten-sizes',
    inputs: () => [ones([2, 3])],
    run: (a) => a.unflatten(1, [2, 2]),
    throws: /unflatten: provided sizes \[2, 2\] don't multiply up to the size of dim 1 \(3\)/,
  },
] as const satisfies readonly ErrorCase[];
