import { einsum } from '@ag/core';
import type { OpCase } from '../case.js';
import { A, B, K, Q, X3, Y3, matmul2, transpose2 } from './product-inputs.js';

/** einsum, explicit and implicit, with ellipses: each against the same sum written as loops. */
export const einsumCases = [
  {
    id: 'einsum/matmul',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => einsum('ij,jk->ik', a, b),
    expected: [
      [10, 6],
      [22, 12],
    ],
    grads: [
      [
        [0, 2, 4],
        [0, 2, 4],
      ],
      [
        [5, 5],
        [7, 7],
        [9, 9],
      ],
    ],
  },
  {
    id: 'einsum/implicit-matmul',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => einsum('ij,jk', a, b),
    expected: [
      [10, 6],
      [22, 12],
    ],
  },
  {
    id: 'einsum/batched-matmul',
    inputs: [
      { values: X3, requiresGrad: true },
      { values: Y3, requiresGrad: true },
    ],
    run: (a, b) => einsum('bij,bjk->bik', a, b),
    expected: X3.map((x, i) => matmul2(x, Y3[i]!)),
  },
  {
    id: 'einsum/inner-product',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [4, -5, 6], requiresGrad: true },
    ],
    run: (a, b) => einsum('i,i->', a, b),
    expected: 12,
    grads: [
      [4, -5, 6],
      [1, 2, 3],
    ],
  },
  {
    id: 'einsum/outer',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3, -1, 0.5], requiresGrad: true },
    ],
    run: (a, b) => einsum('i,j->ij', a, b),
    expected: [
      [3, -1, 0.5],
      [6, -2, 1],
    ],
  },
  {
    id: 'einsum/transpose',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => einsum('ij->ji', a),
    expected: [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
  },
  {
    id: 'einsum/diagonal',
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
    run: (a) => einsum('ii->i', a),
    expected: [1, 5, 9],
    grads: [
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    ],
  },
  {
    id: 'einsum/trace-implicit',
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
    run: (a) => einsum('ii', a),
    expected: 15,
  },
  {
    id: 'einsum/sum-all',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => einsum('ij->', a),
    expected: 21,
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
  },
  {
    id: 'einsum/row-sums',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => einsum('ij->i', a),
    expected: [6, 15],
  },
  {
    id: 'einsum/attention-scores',
    inputs: [
      { values: Q, requiresGrad: true },
      { values: K, requiresGrad: true },
    ],
    run: (q, k) => einsum('bhqd,bhkd->bhqk', q, k),
    expected: Q.map((qb, b) => qb.map((qh, h) => matmul2(qh, transpose2(K[b]![h]!)))),
  },
  {
    id: 'einsum/three-operands',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
      {
        values: [
          [1, 0],
          [-1, 2],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, b, c) => einsum('ij,jk,kl->il', a, b, c),
    expected: matmul2(matmul2(A, B), [
      [1, 0],
      [-1, 2],
    ]),
  },
  {
    id: 'einsum/ellipsis-broadcast-batch',
    inputs: [
      { values: X3, requiresGrad: true },
      { values: Y3[0]!, requiresGrad: true },
    ],
    run: (a, b) => einsum('...ij,...jk->...ik', a, b),
    expected: X3.map((x) => matmul2(x, Y3[0]!)),
  },
  {
    id: 'einsum/ellipsis-implicit',
    inputs: [{ values: X3, requiresGrad: true }],
    run: (a) => einsum('...ij', a),
    expected: X3,
  },
  {
    id: 'einsum/ellipsis-sum-last',
    inputs: [{ values: X3, requiresGrad: true }],
    run: (a) => einsum('b...->...b', a),
    expected: X3[0]!.map((row, i) => row.map((v, j) => [v, X3[1]![i]![j]!])),
  },
  {
    id: 'einsum/contract-and-sum-free',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => einsum('ij,jk->', a, b),
    expected: 50,
  },
] as const satisfies readonly OpCase[];
