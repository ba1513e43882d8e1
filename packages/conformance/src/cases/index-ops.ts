import { oneHot, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { m } from './indexing-inputs.js';

const idx = (values: number[] | number[][]) => tensor(values, { dtype: 'int32' });

/**
 * Ops that read or write at an index tensor (indexSelect, gather, scatter, scatterAdd, oneHot) or
 * through a bool mask (maskedFill). Values by index arithmetic; gradients route back to the
 * elements read.
 */
export const indexOpCases = [
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

/** Bad input to the index ops: the message names the op, the shapes and what was expected. */
export const indexOpErrors = [
  {
    id: 'error/gather-index-out-of-bounds',
    inputs: () => [ones([2, 3]), idx([[3]])],
    run: (a, i) => a.gather(1, i),
    throws: /gather: index 3 is out of bounds for dimension 1 with size 3/,
    kind: 'index',
  },
  {
    id: 'error/gather-index-rank',
    inputs: () => [ones([2, 3]), idx([1])],
    run: (a, i) => a.gather(1, i),
    throws: /gather: index tensor must have the same number of dimensions as input tensor/,
    kind: 'shape',
  },
  {
    id: 'error/gather-float-index',
    inputs: () => [ones([2, 3]), ones([2, 1])],
    run: (a, i) => a.gather(1, i),
    throws: /gather: expected index to be an int32 tensor .*, got dtype float32/,
    kind: 'dtype',
  },
  {
    id: 'error/indexSelect-out-of-range',
    inputs: () => [ones([2, 3]), idx([0, -1])],
    run: (a, i) => a.indexSelect(0, i),
    throws: /indexSelect: index -1 is out of bounds for dimension 0 with size 2/,
    kind: 'index',
  },
  {
    id: 'error/scatter-dtype',
    inputs: () => [ones([3]), idx([0]), tensor([1], { dtype: 'int32' })],
    run: (a, i, s) => a.scatter(0, i, s),
    throws: /scatter: expected self\.dtype to be equal to src\.dtype, got float32 and int32/,
    kind: 'dtype',
  },
  {
    id: 'error/maskedFill-not-bool',
    inputs: () => [ones([3]), ones([3])],
    run: (a, k) => a.maskedFill(k, 0),
    throws: /maskedFill: expected mask to be a bool tensor, got dtype float32/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
