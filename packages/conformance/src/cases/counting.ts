import { bincount, bincountAsync, diff, histc, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';

/**
 * diff (forward differences: of squares [1, 4, 9, 16] they are the odd numbers, then 2s),
 * histc (equal-width bins counted by hand) and bincount (occurrences counted by hand).
 */
export const countingCases = [
  {
    id: 'diff',
    inputs: [{ values: [1, 4, 9, 16], requiresGrad: true }],
    run: (a) => a.diff(),
    expected: [3, 5, 7],
    // the differences telescope: sum = x3 - x0
    grads: [[-1, 0, 0, 1]],
    gradFn: 'SubBackward0',
  },
  {
    id: 'diff/second-order',
    inputs: [{ values: [1, 4, 9, 16], requiresGrad: true }],
    run: (a) => a.diff(2),
    expected: [2, 2],
    grads: [[1, -1, -1, 1]],
  },
  {
    id: 'diff/dim0-prepend-append',
    inputs: [
      {
        values: [
          [1, 2],
          [4, 8],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => diff(a, 1, 0, { prepend: tensor([[0, 0]]), append: tensor([[10, 20]]) }),
    expected: [
      [1, 2],
      [3, 6],
      [6, 12],
    ],
    // each row enters two differences with opposite signs
    grads: [
      [
        [0, 0],
        [0, 0],
      ],
    ],
  },
  {
    id: 'diff/bool-xor',
    inputs: [{ values: [true, false, false, true], dtype: 'bool' }],
    run: (a) => a.diff(),
    expected: [true, false, true],
    dtype: 'bool',
  },
  {
    id: 'diff/int-order-past-length',
    inputs: [{ values: [1, 2, 3], dtype: 'int32' }],
    run: (a) => a.diff(5).sum().add(a.diff(0).sum()),
    // an empty result past the length; order 0 is the input itself
    expected: 6,
    dtype: 'int32',
  },
  {
    id: 'histc',
    inputs: [{ values: [1, 2, 1, 2.5, 4] }],
    // bins [0,1) [1,2) [2,3) [3,4]: max itself falls in the last
    run: (a) => a.histc(4, 0, 4),
    expected: [0, 2, 2, 1],
  },
  {
    id: 'histc/data-range',
    inputs: [{ values: [1, 2, 1, 4] }],
    // min = max (default): the data's range [1, 4] in 3 bins
    run: (a) => a.histc(3),
    expected: [2, 1, 1],
  },
  {
    id: 'histc/outside-and-nan-ignored',
    inputs: [{ values: [-1, 0.5, 5, NaN, 0] }],
    run: (a) => histc(a, 2, 0, 1),
    expected: [1, 1],
  },
  {
    id: 'histc/equal-data-widens',
    inputs: [{ values: [3, 3] }],
    // [2, 4] in 2 bins: 3 is the left edge of the second
    run: (a) => histc(a, 2),
    expected: [0, 2],
  },
] as const satisfies readonly OpCase[];

/** bincount's length depends on the values: awaited on every device, synchronous where it can read. */
export const countingScripts = [
  {
    id: 'bincount/counts-weights-minlength',
    run: async (check) => {
      const x = tensor([0, 1, 1, 3], { dtype: 'int32' });
      await check.close(await bincountAsync(x), [1, 2, 0, 1], 'counts');
      check.equal((await bincountAsync(x)).dtype, 'int32', 'counts dtype');
      const w = tensor([0.5, 1, 2, 3]);
      await check.close(await x.bincountAsync({ weights: w }), [0.5, 3, 0, 3], 'weighted');
      await check.close(await bincountAsync(x, { minlength: 6 }), [1, 2, 0, 1, 0, 0], 'minlength');
      await check.close(await bincountAsync(tensor([], { dtype: 'int32' })), [], 'empty');
      await check.close(await bincountAsync(tensor([2, 2], { dtype: 'uint8' })), [0, 0, 2], 'uint8');
      if (x.backend.readSync !== undefined) await check.close(bincount(x), [1, 2, 0, 1], 'synchronous');
      let message = '';
      await bincountAsync(tensor([1, -2], { dtype: 'int32' })).catch((e: unknown) => (message = String(e)));
      check.equal(
        /bincount: only supports 1-d non-negative integral inputs, got the value -2/.test(message),
        true,
        message,
      );
    },
  },
] as const satisfies readonly ScriptCase[];

export const countingErrors = [
  {
    id: 'error/diff-zero-dim',
    inputs: () => [tensor(1)],
    run: (a) => a.diff(),
    throws: /diff: expects input to be at least one-dimensional/,
    kind: 'shape',
  },
  {
    id: 'error/diff-negative-order',
    inputs: () => [ones([3])],
    run: (a) => a.diff(-1),
    throws: /diff: order must be non-negative but got -1/,
    kind: 'value',
  },
  {
    id: 'error/diff-prepend-shape',
    inputs: () => [ones([2, 3]), ones([1, 2])],
    run: (a, p) => diff(a, 1, 0, { prepend: p }),
    throws: /diff: expected prepend to have the input's shape \[2, 3\] except along dim 0, got \[1, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/histc-bins',
    inputs: () => [ones([3])],
    run: (a) => a.histc(0),
    throws: /histc: bins must be > 0, but got 0/,
    kind: 'value',
  },
  {
    id: 'error/histc-min-max',
    inputs: () => [ones([3])],
    run: (a) => a.histc(10, 2, 1),
    throws: /histc: max must be larger than min, got min 2 and max 1/,
    kind: 'value',
  },
  {
    id: 'error/bincount-float',
    inputs: () => [ones([3])],
    run: (a) => bincount(a),
    throws: /bincount: only supports 1-d non-negative integral inputs, got dtype float32 and shape \[3\]/,
    kind: 'dtype',
  },
  {
    id: 'error/bincount-weights-length',
    inputs: () => [tensor([0, 1], { dtype: 'int32' }), ones([3])],
    run: (a, w) => bincount(a, { weights: w }),
    throws: /bincount: weights should be 1-d and have the same length as input, got shapes \[3\] and \[2\]/,
    kind: 'shape',
  },
  {
    // The same message for both faults; the kind tells a wrong rank from a wrong dtype.
    id: 'error/bincount-2d',
    inputs: () => [tensor([[0, 1]], { dtype: 'int32' })],
    run: (a) => bincount(a),
    throws: /bincount: only supports 1-d non-negative integral inputs, got dtype int32 and shape \[1, 2\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
