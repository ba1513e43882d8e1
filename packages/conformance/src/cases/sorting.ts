import type { Tensor } from '@ag/core';
import { argsort, msort, sort, tensor, topk } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { secondOrder } from './double-backward.js';

/**
 * sort, argsort, msort and topk (the `sort` kernel). Values and positions worked out by hand:
 * equal values keep their order (stable, descending too), NaN sorts as the largest value. A
 * weighted sum `values * [1, 2, 3]` makes the gradient show where each sorted value came from.
 */
export const sortingCases = [
  {
    id: 'sort/rows-gradient-goes-back',
    inputs: [
      {
        values: [
          [3, 1, 2],
          [0, 5, -1],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.sort(1).values.mul(tensor([1, 2, 3])),
    expected: [
      [1, 4, 9],
      [-1, 0, 15],
    ],
    // Row 0 sorts x[1], x[2], x[0]; row 1 sorts x[2], x[0], x[1].
    grads: [
      [
        [3, 1, 2],
        [2, 3, 1],
      ],
    ],
  },
  {
    id: 'sort/indices-dim0-through-a-transpose',
    inputs: [
      {
        values: [
          [4, 0, 9],
          [2, 8, 1],
        ],
      },
    ],
    // The transpose's rows are x's columns: [4, 2], [0, 8], [9, 1], read through strides.
    run: (a) => sort(a.t(), 1).indices,
    expected: [
      [1, 0],
      [0, 1],
      [1, 0],
    ],
    dtype: 'int32',
  },
  {
    id: 'sort/descending-ties-keep-order',
    inputs: [{ values: [[2, 1, 2, 1, 3]] }],
    run: (a) => a.sort(-1, true).indices,
    expected: [[4, 0, 2, 1, 3]],
    dtype: 'int32',
  },
  {
    id: 'sort/nan-last-ascending',
    inputs: [{ values: [NaN, 1, -Infinity, NaN, 0, -0] }],
    run: (a) => a.sort().values,
    // 0 and -0 are equal: they keep their order.
    expected: [-Infinity, 0, -0, 1, NaN, NaN],
  },
  {
    id: 'sort/nan-indices-ascending-and-descending',
    inputs: [{ values: [NaN, 1, -Infinity, NaN, 0, -0] }],
    run: (a) =>
      argsort(a)
        .mul(10)
        .add(argsort(a, 0, true)),
    // ascending: -inf (2), 0 (4), -0 (5), 1 (1), NaN (0), NaN (3); descending: NaN (0), NaN (3), 1, 0, -0, -inf.
    expected: [20 + 0, 40 + 3, 50 + 1, 10 + 4, 0 + 5, 30 + 2],
    dtype: 'int32',
  },
  {
    id: 'sort/grad-fn-names',
    inputs: [{ values: [2, 1], requiresGrad: true }],
    run: (a) => a.sort().values,
    expected: [1, 2],
    gradFn: 'SortBackward0',
    grads: [[1, 1]],
  },
  {
    id: 'sort/stable-grad-fn',
    inputs: [{ values: [2, 1, 3], requiresGrad: true }],
    run: (a) => a.sort(0, true, { stable: true }).values,
    expected: [3, 2, 1],
    gradFn: 'SortBackward1',
    grads: [[1, 1, 1]],
  },
  {
    id: 'sort/int32',
    inputs: [{ values: [3, -2, 7, -2, 0], dtype: 'int32' }],
    run: (a) => a.sort().values.mul(10).add(a.sort().indices),
    expected: [-20 + 1, -20 + 3, 0 + 4, 30 + 0, 70 + 2],
    dtype: 'int32',
  },
  {
    id: 'sort/bool',
    inputs: [{ values: [true, false, true, false], dtype: 'bool' }],
    run: (a) => a.sort(0, true).values.to('int32').mul(10).add(a.sort(0, true).indices),
    expected: [10, 12, 1, 3],
    dtype: 'int32',
  },
  {
    id: 'sort/float64',
    inputs: [{ values: [0.5, -0.25, 0.125], dtype: 'float64', requiresGrad: true }],
    run: (a) => a.sort().values.mul(tensor([1, 2, 3], { dtype: 'float64' })),
    expected: [-0.25, 0.25, 1.5],
    grads: [[3, 1, 2]],
  },
  {
    id: 'sort/0-d',
    inputs: [{ values: 5, requiresGrad: true }],
    run: (a) => a.sort().values,
    expected: 5,
    grads: [1],
  },
  {
    id: 'argsort/descending',
    inputs: [{ values: [[0.5, -1, 2]] }],
    run: (a) => a.argsort(1, true),
    expected: [[2, 0, 1]],
    dtype: 'int32',
  },
  {
    id: 'msort/columns',
    inputs: [
      {
        values: [
          [3, 1],
          [2, 4],
          [1, 0],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => msort(a).mul(tensor([[1], [2], [3]])),
    expected: [
      [1, 0],
      [4, 2],
      [9, 12],
    ],
    // Column 0 sorts rows 2, 1, 0; column 1 sorts rows 2, 0, 1.
    grads: [
      [
        [3, 2],
        [2, 3],
        [1, 1],
      ],
    ],
  },
  {
    id: 'topk/largest-values-and-gradient',
    inputs: [{ values: [1, 5, 3, 9, 7], requiresGrad: true }],
    run: (a) => a.topk(3).values.mul(tensor([1, 2, 3])),
    expected: [9, 14, 15],
    grads: [[0, 3, 0, 1, 2]],
  },
  {
    id: 'topk/grad-fn',
    inputs: [{ values: [1, 5, 3], requiresGrad: true }],
    run: (a) => a.topk(2).values,
    expected: [5, 3],
    gradFn: 'TopkBackward0',
  },
  {
    id: 'topk/smallest-along-dim0',
    inputs: [
      {
        values: [
          [4, 1],
          [2, 3],
          [0, 5],
        ],
      },
    ],
    run: (a) => {
      const t = topk(a, 2, 0, false);
      return t.values.mul(10).add(t.indices);
    },
    expected: [
      [2, 10],
      [21, 31],
    ],
  },
  {
    id: 'topk/nan-is-largest',
    inputs: [{ values: [1, NaN, 3] }],
    run: (a) => a.topk(1).indices,
    expected: [1],
    dtype: 'int32',
  },
] as const satisfies readonly OpCase[];

/** A line of `n` values i * 7919 mod n (a permutation: 7919 is prime to n), and the position of each value. */
function permutation(n: number): { values: number[]; where: number[] } {
  const values = Array.from({ length: n }, (_, i) => (i * 7919) % n);
  const where: number[] = [];
  values.forEach((v, i) => (where[v] = i));
  return { values, where };
}

/**
 * Lines longer than a GPU workgroup sorts in its memory (2048 entries): WebGPU sorts them in
 * chunks and merges across them. Expected values are the permutation's inverse and, for
 * repeated values (i mod 7), the positions of each residue in increasing order.
 */
export const sortingScripts = [
  {
    id: 'sort/long-lines-across-chunks',
    run: async (check) => {
      const n = 4099;
      const { values, where } = permutation(n);
      const ties = Array.from({ length: n }, (_, i) => i % 7);
      const x = tensor([values, ties, values.map((v) => -v)]);
      const s = x.sort(1);
      const byResidue = [0, 1, 2, 3, 4, 5, 6].flatMap((r) =>
        Array.from({ length: Math.ceil((n - r) / 7) }, (_, k) => r + 7 * k),
      );
      const ascending = Array.from({ length: n }, (_, v) => v);
      await check.close(
        s.values,
        [ascending, byResidue.map((i) => ties[i]!), ascending.map((v) => v - (n - 1))],
        'values',
      );
      await check.close(s.indices, [where, byResidue, where.slice().reverse()], 'indices');
      const d = x.sort(1, true);
      await check.close(
        d.indices,
        [where.slice().reverse(), [6, 5, 4, 3, 2, 1, 0].flatMap((r) => byResidue.filter((i) => i % 7 === r)), where],
        'descending indices',
      );
    },
  },
  {
    id: 'sort/line-of-exactly-2048-and-2049',
    run: async (check) => {
      for (const n of [2048, 2049]) {
        const { values, where } = permutation(n);
        const s = tensor(values).sort();
        await check.close(s.indices, where, `indices, n = ${n}`);
        await check.close(
          s.values,
          Array.from({ length: n }, (_, v) => v),
          `values, n = ${n}`,
        );
      }
    },
  },
  {
    id: 'sort/storage-dtypes',
    run: async (check) => {
      // Sorted in float32 or int32 and stored back: the values are exact in every dtype.
      const half = tensor([0.5, -2, 1.5], { dtype: 'float16' }).sort(0, true);
      check.equal(half.values.dtype, 'float16', 'float16 values dtype');
      await check.close(half.values, [1.5, 0.5, -2], 'float16 values');
      await check.close(half.indices, [2, 0, 1], 'float16 indices');
      const bytes = tensor(new Uint8Array([200, 7, 255, 7])).sort();
      check.equal(bytes.values.dtype, 'uint8', 'uint8 values dtype');
      await check.close(bytes.values, [7, 7, 200, 255], 'uint8 values');
      await check.close(bytes.indices, [1, 3, 0, 2], 'uint8 indices');
    },
  },
  {
    id: 'sort/double-backward',
    run: async (check) => {
      // The gradients scatter the incoming gradient back (a scatter whose gradient gathers): the
      // second-order gradient of sum(g^2) against finite differences of the first.
      const weights = tensor([1, 2, 3]);
      const fs: [string, (x: Tensor) => Tensor][] = [
        ['sort', (x) => x.sort(0, true).values.pow(3).mul(weights)],
        ['topk', (x) => x.topk(2).values.pow(3)],
        ['kthvalue', (x) => x.kthvalue(2).values.pow(3)],
        ['median', (x) => x.reshape(1, 3).median(1).values.pow(3)],
        ['median-all', (x) => x.median().pow(3)],
        ['quantile', (x) => x.quantile(0.3).pow(3)],
      ];
      for (const [name, f] of fs) check.equal(await secondOrder(f, [0.7, -1.2, 2.1]), null, name);
    },
  },
] as const satisfies readonly ScriptCase[];

export const sortingErrors = [
  {
    id: 'error/sort-dim-out-of-range',
    inputs: () => [tensor([[1, 2]])],
    run: (a) => a.sort(2),
    throws: /sort: dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
    kind: 'index',
  },
  {
    id: 'error/topk-k-too-large',
    inputs: () => [tensor([1, 2, 3])],
    run: (a) => a.topk(4),
    throws: /topk: selected index k out of range: k = 4 for dim 0 of size 3/,
    kind: 'index',
  },
] as const satisfies readonly ErrorCase[];
