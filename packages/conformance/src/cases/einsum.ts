import { einsum, ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { A, AB, AB_SUM_GRADS, B, K, Q, X3, Y3, matmul2, transpose2 } from './product-inputs.js';

/** einsum, explicit and implicit, with ellipses: each against the same sum written as loops. */
export const einsumCases = [
  {
    id: 'einsum/matmul',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => einsum('ij,jk->ik', a, b),
    expected: AB,
    grads: AB_SUM_GRADS,
  },
  {
    id: 'einsum/implicit-matmul',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => einsum('ij,jk', a, b),
    expected: AB,
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

/** Bad input to einsum: each names the equation or the operand, and what was expected. */
export const einsumErrors = [
  {
    id: 'error/einsum-operand-count',
    inputs: () => [ones([2, 3])],
    run: (a) => einsum('ij,jk->ik', a),
    throws: /einsum: the equation 'ij,jk->ik' names 2 operand\(s\) but 1 tensor\(s\) were given/,
    kind: 'value',
  },
  {
    id: 'error/einsum-subscripts-vs-dims',
    inputs: () => [ones([2, 3, 4])],
    run: (a) => einsum('ij->i', a),
    throws: /einsum: the subscripts 'ij' of operand 0 name 2 dims but the operand has shape \[2, 3, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/einsum-size-mismatch',
    inputs: () => [ones([2, 3]), ones([4, 5])],
    run: (a, b) => einsum('ij,jk->ik', a, b),
    throws: /einsum: subscript 'j' has size 4 in operand 1 \(shape \[4, 5\]\) but 3 elsewhere/,
    kind: 'shape',
  },
  {
    id: 'error/einsum-malformed-ellipsis',
    inputs: () => [ones([2, 3])],
    run: (a) => einsum('i..j', a),
    throws: /einsum: operand 0 has a malformed ellipsis 'i\.\.j' in 'i\.\.j'/,
    kind: 'value',
  },
  {
    id: 'error/einsum-ellipsis-too-few-dims',
    inputs: () => [ones([2])],
    run: (a) => einsum('...ij', a),
    throws: /einsum: an ellipsis operand has fewer dims than its subscripts in '\.\.\.ij'/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
