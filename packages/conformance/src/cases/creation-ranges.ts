import {
  arange,
  cartesianProd,
  combinations,
  empty,
  emptyLike,
  eye,
  linspace,
  logspace,
  manualSeed,
  meshgrid,
  ones,
  rand,
  randn,
  repeatInterleave,
  tensor,
  trilIndices,
  unbind,
  zeros,
} from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { HOST_DEVICE } from '../case.js';

/**
 * Factories (linspace, logspace, eye, arange's dtype, shapes as separate sizes, empty). Values
 * from closed forms and PyTorch's documented examples; the index sets and grids are in
 * index-grids.ts.
 */
export const creationRangeCases = [
  {
    id: 'linspace/doc-five-steps',
    inputs: [],
    run: () => linspace(3, 10, 5),
    expected: [3, 4.75, 6.5, 8.25, 10],
  },
  {
    id: 'linspace/symmetric',
    inputs: [],
    run: () => linspace(-10, 10, 5),
    expected: [-10, -5, 0, 5, 10],
  },
  {
    id: 'linspace/one-and-no-steps',
    inputs: [],
    run: () => linspace(-10, 10, 1).add(linspace(0, 1, 0).sum()),
    expected: [-10],
  },
  {
    // Steps of 10/3 truncated: 0, 3.33 -> 3; the second half counts down from 10: 6.67 -> 6.
    id: 'linspace/int32-truncates',
    inputs: [],
    run: () => linspace(0, 10, 4, { dtype: 'int32' }),
    expected: [0, 3, 6, 10],
    dtype: 'int32',
  },
  {
    id: 'logspace/doc-powers-of-ten',
    inputs: [],
    run: () => logspace(-10, 10, 5),
    expected: [1e-10, 1e-5, 1, 1e5, 1e10],
  },
  {
    id: 'logspace/fractional-exponents',
    inputs: [],
    run: () => logspace(0.1, 1, 5),
    expected: [0.1, 0.325, 0.55, 0.775, 1].map((p) => 10 ** p),
  },
  {
    id: 'logspace/base-two',
    inputs: [],
    run: () => logspace(0, 4, 5, 2),
    expected: [1, 2, 4, 8, 16],
  },
  {
    id: 'eye/square',
    inputs: [],
    run: () => eye(3),
    expected: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    dtype: 'float32',
  },
  {
    id: 'eye/rectangular-int32',
    inputs: [],
    run: () => eye(2, 3, { dtype: 'int32' }),
    expected: [
      [1, 0, 0],
      [0, 1, 0],
    ],
    dtype: 'int32',
  },
  {
    id: 'eye/options-in-place-of-m',
    inputs: [],
    run: () => eye(2, { dtype: 'int32' }),
    expected: [
      [1, 0],
      [0, 1],
    ],
    dtype: 'int32',
  },
  {
    // Integer arguments make integers, as PyTorch's int64 (int32 here).
    id: 'arange/integers-are-int32',
    inputs: [],
    run: () => arange(5),
    expected: [0, 1, 2, 3, 4],
    dtype: 'int32',
  },
  {
    id: 'arange/negative-step-int32',
    inputs: [],
    run: () => arange(5, 0, -2),
    expected: [5, 3, 1],
    dtype: 'int32',
  },
  {
    // PyTorch's example: arange(1, 2.5, 0.5).
    id: 'arange/fraction-is-float32',
    inputs: [],
    run: () => arange(1, 2.5, 0.5),
    expected: [1, 1.5, 2],
    dtype: 'float32',
  },
  {
    id: 'arange/dtype-option',
    inputs: [],
    run: () => arange(3, undefined, 1, { dtype: 'float32' }),
    expected: [0, 1, 2],
    dtype: 'float32',
  },
  {
    id: 'zeros/separate-sizes',
    inputs: [],
    run: () => zeros(2, 3),
    expected: [
      [0, 0, 0],
      [0, 0, 0],
    ],
    dtype: 'float32',
  },
  {
    id: 'ones/separate-sizes-then-options',
    inputs: [],
    run: () => ones(2, 1, { dtype: 'int32' }),
    expected: [[1], [1]],
    dtype: 'int32',
  },
  {
    id: 'ones/array-still-works',
    inputs: [],
    run: () => ones([1, 2]),
    expected: [[1, 1]],
  },
] as const satisfies readonly OpCase[];

/** What values cannot show: shapes of empty tensors, seeds, shared nodes. */
export const creationRangeScripts = [
  {
    id: 'empty/shape-dtype-device',
    run: async (check) => {
      const e = empty(2, 3, { dtype: 'int32' });
      check.equal([...e.shape], [2, 3], 'empty(2, 3) shape');
      check.equal(e.dtype, 'int32', 'empty dtype');
      const like = emptyLike(ones([4, 1]));
      check.equal([...like.shape], [4, 1], 'emptyLike shape');
      check.equal(like.dtype, 'float32', 'emptyLike dtype');
      check.equal(like.device, ones([1]).device, 'emptyLike device');
      check.equal([...empty([0]).shape], [0], 'empty([0])');
      await Promise.resolve();
    },
  },
  {
    id: 'rand/separate-sizes-same-draws',
    run: async (check) => {
      // The seed 42 line PyTorch prints for torch.rand(1, 5) (as in random-values.ts).
      manualSeed(42);
      await check.prints(rand(1, 5), 'tensor([[0.8823, 0.9150, 0.3829, 0.9593, 0.3904]])', 'rand(1, 5)');
      manualSeed(7);
      const a = await randn(2, 3, { dtype: 'float32' }).toArray();
      manualSeed(7);
      check.equal(await randn([2, 3]).toArray(), a, 'randn(2, 3) is randn([2, 3])');
    },
  },
  {
    id: 'unbind/outputs-share-one-node',
    run: async (check) => {
      const x = tensor([
        [1, 2],
        [3, 4],
      ]).requiresGrad_();
      const [p, q] = unbind(x, 1);
      check.equal(p!.gradFn, q!.gradFn, 'one UnbindBackward0 node');
      check.equal(p!.gradFn?.name, 'UnbindBackward0', 'its name');
      p!.mul(q!).sum().backward();
      await check.close(x.grad, [
        [2, 1],
        [4, 3],
      ]);
    },
  },
  {
    // torch.repeat_interleave(repeats): each index repeated its count.
    id: 'repeatInterleave/counts-only',
    run: async (check) => {
      const counts = tensor([2, 1, 0, 1], { dtype: 'int32', device: HOST_DEVICE });
      const r = repeatInterleave(counts);
      check.equal(r.dtype, 'int32', 'dtype of the counts');
      check.equal(await r.toArray(), [0, 0, 1, 3], 'indices');
    },
  },
] as const satisfies readonly ScriptCase[];

/** Bad arguments to the factories and grids. */
export const creationRangeErrors = [
  {
    id: 'error/linspace-negative-steps',
    inputs: () => [],
    run: () => linspace(0, 1, -1),
    throws: /linspace: number of steps must be non-negative, got -1/,
    kind: 'value',
  },
  {
    id: 'error/eye-negative',
    inputs: () => [],
    run: () => eye(-1),
    throws: /eye: n must be greater or equal to 0, got -1/,
    kind: 'value',
  },
  {
    id: 'error/arange-past-int32',
    inputs: () => [],
    run: () => arange(0, 2 ** 32, 2 ** 30),
    throws: /arange: the values from 0 to 3221225472 do not fit int32/,
    kind: 'value',
  },
  {
    id: 'error/zeros-array-then-size',
    inputs: () => [],
    run: () => zeros(...([[2], 3] as unknown as [number])),
    throws: /zeros: expected the shape as one array of sizes or as separate sizes, then the options; got \[2\], 3/,
    kind: 'argument',
  },
  {
    id: 'error/meshgrid-matrix',
    inputs: () => [ones([2, 2]), ones([3])],
    run: (a, b) => meshgrid(a, b),
    throws: /meshgrid: expected 0D or 1D tensor in the tensor list but got a tensor of shape \[2, 2\] at position 0/,
    kind: 'shape',
  },
  {
    id: 'error/meshgrid-indexing',
    inputs: () => [ones([2])],
    run: (a) => meshgrid(a, { indexing: 'yx' as 'xy' }),
    throws: /meshgrid: argument 2 \('args'\) option 'indexing' got "yx"; it expects "ij" or "xy"/,
    kind: 'value',
  },
  {
    id: 'error/cartesianProd-matrix',
    inputs: () => [ones([2]), ones([2, 2])],
    run: (a, b) => cartesianProd(a, b),
    throws: /cartesianProd: expect a 1D vector, but got shape \[2, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/combinations-negative-r',
    inputs: () => [ones([3])],
    run: (a) => combinations(a, -1),
    throws: /combinations: expect a non-negative number, but got -1/,
    kind: 'value',
  },
  {
    id: 'error/trilIndices-negative-row',
    inputs: () => [],
    run: () => trilIndices(-1, 3),
    throws: /trilIndices: row must be non-negative, got -1/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
