import type { NestedArray, Tensor } from '@ag/core';
import { bucketize, searchsorted, tensor } from '@ag/core';
import type { Check, ErrorCase, OpCase, ScriptCase } from '../case.js';

/**
 * unique, uniqueConsecutive, searchsorted and bucketize. unique's result size depends on the
 * values: the awaited forms run on every device, and the plain form must give the same where it
 * runs (the CPU) or name the awaited one (devices without synchronous reads). searchsorted's
 * values are PyTorch's documented examples.
 */

/** `f()` and `g()` (the plain and awaited forms) checked against `want`, part by part. */
async function both(
  check: Check,
  f: () => Tensor | Tensor[],
  g: () => Promise<Tensor | Tensor[]>,
  want: NestedArray[],
  what: string,
): Promise<void> {
  const parts = (r: Tensor | Tensor[]) => (Array.isArray(r) ? r : [r]);
  const awaited = parts(await g());
  check.equal(awaited.length, want.length, `${what}: parts`);
  for (let i = 0; i < want.length; i++) await check.close(awaited[i]!, want[i]!, `${what} (awaited): part ${i}`);
  let plain: Tensor[];
  try {
    plain = parts(f());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    check.equal(/use the awaited form/.test(message), true, `${what}: the plain form names the awaited one`);
    return;
  }
  for (let i = 0; i < want.length; i++) await check.close(plain[i]!, want[i]!, `${what}: part ${i}`);
}

export const uniqueScripts = [
  {
    id: 'unique/sorted-inverse-counts',
    run: async (check) => {
      const x = tensor([2, 1, 2, 3, 1, NaN, NaN]);
      const opts = { returnInverse: true, returnCounts: true } as const;
      // Each NaN is distinct (NaN != NaN), and sorts last.
      const want = [
        [1, 2, 3, NaN, NaN],
        [1, 0, 1, 2, 0, 3, 4],
        [2, 2, 1, 1, 1],
      ];
      await both(
        check,
        () => x.unique(opts),
        () => x.uniqueAsync(opts),
        want,
        'unique',
      );
      const counts = { returnCounts: true } as const;
      await both(
        check,
        () => x.unique(counts),
        () => x.uniqueAsync(counts),
        [want[0]!, want[2]!],
        'counts only',
      );
      const m = tensor([
        [3, 1],
        [1, 3],
      ]);
      const inv = { returnInverse: true } as const;
      const mw = [
        [1, 3],
        [
          [1, 0],
          [0, 1],
        ],
      ];
      await both(
        check,
        () => m.unique(inv),
        () => m.uniqueAsync(inv),
        mw,
        'inverse of a matrix has its shape',
      );
      await both(
        check,
        () => tensor([true, false, true], { dtype: 'bool' }).unique(),
        () => tensor([true, false, true], { dtype: 'bool' }).uniqueAsync(),
        [[0, 1]],
        'bool',
      );
    },
  },
  {
    id: 'unique/dim-slices',
    run: async (check) => {
      const x = tensor([
        [1, 2],
        [1, 2],
        [0, 5],
        [1, 0],
      ]);
      const opts = { dim: 0, returnInverse: true, returnCounts: true } as const;
      // Rows in lexicographic order: [0, 5], [1, 0], [1, 2] (twice).
      const want = [
        [
          [0, 5],
          [1, 0],
          [1, 2],
        ],
        [2, 2, 0, 1],
        [1, 1, 2],
      ];
      await both(
        check,
        () => x.unique(opts),
        () => x.uniqueAsync(opts),
        want,
        'dim 0',
      );
      const cols = { dim: 1 } as const;
      // Columns [1, 1, 0, 1] and [2, 2, 5, 0], read through strides: the first is smaller at its first entry.
      const t = x.t().contiguous().t();
      await both(
        check,
        () => t.unique(cols),
        () => t.uniqueAsync(cols),
        [
          [
            [1, 2],
            [1, 2],
            [0, 5],
            [1, 0],
          ],
        ],
        'dim 1',
      );
    },
  },
  {
    id: 'unique/consecutive',
    run: async (check) => {
      const x = tensor([1, 1, 2, 2, 3, 1, 1, 2], { dtype: 'int32' });
      const opts = { returnInverse: true, returnCounts: true } as const;
      const want = [
        [1, 2, 3, 1, 2],
        [0, 0, 1, 1, 2, 3, 3, 4],
        [2, 2, 1, 2, 1],
      ];
      await both(
        check,
        () => x.uniqueConsecutive(opts),
        () => x.uniqueConsecutiveAsync(opts),
        want,
        'elements',
      );
      const rows = tensor([
        [1, 0],
        [1, 0],
        [2, 2],
        [1, 0],
      ]);
      const d = { dim: 0, returnCounts: true } as const;
      const rw = [
        [
          [1, 0],
          [2, 2],
          [1, 0],
        ],
        [2, 1, 1],
      ];
      await both(
        check,
        () => rows.uniqueConsecutive(d),
        () => rows.uniqueConsecutiveAsync(d),
        rw,
        'rows',
      );
    },
  },
  {
    id: 'unique/empty',
    run: async (check) => {
      const x = tensor([]);
      const opts = { returnInverse: true, returnCounts: true } as const;
      await both(
        check,
        () => x.unique(opts),
        () => x.uniqueAsync(opts),
        [[], [], []],
        'empty',
      );
    },
  },
] as const satisfies readonly ScriptCase[];

const seq2d = [
  [1, 3, 5, 7, 9],
  [2, 4, 6, 8, 10],
];
const values2d = [
  [3, 6, 9],
  [3, 6, 9],
];

export const searchCases = [
  {
    id: 'searchsorted/docs-2d-left',
    inputs: [{ values: seq2d }, { values: values2d }],
    run: (s, v) => searchsorted(s, v),
    expected: [
      [1, 3, 4],
      [1, 2, 4],
    ],
    dtype: 'int32',
  },
  {
    id: 'searchsorted/docs-2d-right',
    inputs: [{ values: seq2d }, { values: values2d }],
    run: (s, v) => searchsorted(s, v, { right: true }),
    expected: [
      [2, 3, 5],
      [1, 3, 4],
    ],
  },
  {
    id: 'searchsorted/docs-1d-side-right',
    inputs: [{ values: [1, 3, 5, 7, 9] }, { values: values2d }],
    run: (s, v) => searchsorted(s, v, { side: 'right' }),
    expected: [
      [2, 3, 5],
      [2, 3, 5],
    ],
  },
  {
    id: 'searchsorted/sorter',
    // [7, 1, 9, 3, 5] sorted by [1, 3, 4, 0, 2] is 1, 3, 5, 7, 9.
    inputs: [{ values: [7, 1, 9, 3, 5] }, { values: [0, 3, 6, 10] }],
    run: (s, v) => searchsorted(s, v, { sorter: tensor([1, 3, 4, 0, 2], { dtype: 'int32' }) }),
    expected: [0, 1, 3, 5],
  },
  {
    id: 'searchsorted/int32-scalar-value',
    inputs: [{ values: [1, 3, 3, 5], dtype: 'int32' }],
    run: (s) =>
      searchsorted(s, 3)
        .mul(10)
        .add(searchsorted(s, 3, { right: true })),
    expected: 13,
    dtype: 'int32',
  },
  {
    id: 'bucketize/docs',
    inputs: [{ values: values2d }, { values: [1, 3, 5, 7, 9] }],
    run: (v, b) =>
      bucketize(v, b)
        .mul(10)
        .add(bucketize(v, b, { right: true })),
    expected: [
      [12, 33, 45],
      [12, 33, 45],
    ],
  },
] as const satisfies readonly OpCase[];

export const searchErrors = [
  {
    id: 'error/searchsorted-leading-dims',
    inputs: () => [tensor([[1, 2, 3]]), tensor([[1], [2]])],
    run: (s, v) => searchsorted(s, v),
    throws: /searchsorted: boundaries tensor should be 1 dimension or the first N-1 dimensions .* \[1, 3\] .* \[2, 1\]/,
    kind: 'shape',
  },
  {
    id: 'error/searchsorted-side-and-right',
    inputs: () => [tensor([1, 2]), tensor([1])],
    run: (s, v) => searchsorted(s, v, { side: 'left', right: true }),
    throws: /searchsorted: side and right can't be set to opposites, got side of left while right was True/,
    kind: 'value',
  },
  {
    id: 'error/searchsorted-float-sorter',
    inputs: () => [tensor([2, 1]), tensor([1]), tensor([1, 0])],
    run: (s, v, sorter) => searchsorted(s, v, { sorter }),
    throws: /searchsorted: sorter must be an int32 tensor of the boundaries' shape \[2\], got float32 \[2\]/,
    kind: 'dtype',
  },
  {
    id: 'error/bucketize-2d-boundaries',
    inputs: () => [tensor([1]), tensor([[1, 2]])],
    run: (v, b) => bucketize(v, b),
    throws: /bucketize: boundaries tensor must be 1 dimension, but got dim\(2\)/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
