import { functional as F, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { g, attentionRef, values, type T2, type T3 } from './nn-reference.js';

/**
 * Embedding, scaled dot-product attention and cosine similarity: expected values from the plain
 * loops of nn-reference.ts or written out, gradients from finite differences.
 */

const EMB = values([5, 3], 19) as T2;
const Q = values([2, 3, 4], 20) as T3;
const K = values([2, 4, 4], 21) as T3;
const V = values([2, 4, 2], 22) as T3;
const MASK = [
  [true, false, true, true],
  [false, true, true, false],
  [true, true, true, true],
];

export const nnAttentionCases = [
  {
    id: 'embedding/basic',
    inputs: [
      {
        values: [
          [0, 2, 4],
          [2, 2, 1],
        ],
        dtype: 'int32',
      },
      g(EMB),
    ],
    run: (i, w) => F.embedding(i, w),
    expected: [
      [0, 2, 4],
      [2, 2, 1],
    ].map((r) => r.map((i) => EMB[i]!)),
    grads: [
      null,
      [
        [1, 1, 1],
        [1, 1, 1],
        [3, 3, 3],
        [0, 0, 0],
        [1, 1, 1],
      ],
    ],
  },
  {
    id: 'embedding/padding-idx',
    inputs: [{ values: [3, 1, 3, 0], dtype: 'int32' }, g(EMB)],
    run: (i, w) => F.embedding(i, w, 3),
    expected: [3, 1, 3, 0].map((i) => EMB[i]!),
    grads: [
      null,
      [
        [1, 1, 1],
        [1, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    noGradcheck: true, // the padding row gets no gradient by definition, unlike finite differences
  },
  {
    id: 'scaledDotProductAttention/basic',
    inputs: [g(Q), g(K), g(V)],
    run: (q, k, v) => F.scaledDotProductAttention(q, k, v),
    expected: Q.map((q, b) => attentionRef(q, K[b]!, V[b]!, 1 / 2)),
  },
  {
    id: 'scaledDotProductAttention/causal',
    inputs: [g(Q), g(K), g(V)],
    run: (q, k, v) => F.scaledDotProductAttention(q, k, v, { isCausal: true }),
    expected: Q.map((q, b) => attentionRef(q, K[b]!, V[b]!, 1 / 2, (i, j) => (j <= i ? 0 : -Infinity))),
  },
  {
    id: 'scaledDotProductAttention/bool-mask-scale',
    inputs: [g(Q), g(K), g(V)],
    run: (q, k, v) => F.scaledDotProductAttention(q, k, v, { attnMask: tensor(MASK), scale: 0.3 }),
    expected: Q.map((q, b) => attentionRef(q, K[b]!, V[b]!, 0.3, (i, j) => (MASK[i]![j]! ? 0 : -Infinity))),
  },
  {
    id: 'scaledDotProductAttention/float-mask',
    inputs: [g(Q), g(K), g(V), g([[0.5, -1, 0, 2]])],
    run: (q, k, v, m) => F.scaledDotProductAttention(q, k, v, { attnMask: m }),
    expected: Q.map((q, b) => attentionRef(q, K[b]!, V[b]!, 1 / 2, (_i, j) => [0.5, -1, 0, 2][j]!)),
  },
  {
    id: 'cosineSimilarity/dim1',
    inputs: [
      g([
        [1, 2, 3],
        [0.5, -1, 2],
      ]),
      g([
        [-1, 0.5, 2],
        [3, 1, -2],
      ]),
    ],
    run: (a, b) => F.cosineSimilarity(a, b),
    expected: [
      [1, 2, 3],
      [0.5, -1, 2],
    ].map((a, i) => {
      const b = [
        [-1, 0.5, 2],
        [3, 1, -2],
      ][i]!;
      const dotAB = a.reduce((s, e, j) => s + e * b[j]!, 0);
      return dotAB / (Math.hypot(...a) * Math.hypot(...b));
    }),
  },
  {
    id: 'cosineSimilarity/broadcast-last-dim',
    inputs: [
      g([
        [1, 2],
        [3, -4],
        [0.5, 0.5],
      ]),
      g([2, 1]),
    ],
    run: (a, b) => F.cosineSimilarity(a, b, -1),
    expected: [
      [1, 2],
      [3, -4],
      [0.5, 0.5],
    ].map((a) => (a[0]! * 2 + a[1]!) / (Math.hypot(...a) * Math.hypot(2, 1))),
  },
] as const satisfies readonly OpCase[];

/** Bad input to embedding and attention: each names the function, what it got and what was expected. */
export const nnAttentionErrors = [
  {
    id: 'error/embedding-index-out-of-range',
    inputs: () => [tensor([0, 5], { dtype: 'int32' }), zeros([5, 2], { requiresGrad: true })],
    run: (i, w) => F.embedding(i, w),
    throws: /embedding: index 5 out of range for 5 entries/,
    kind: 'index',
  },
  {
    id: 'error/embedding-float-indices',
    inputs: () => [tensor([0, 1]), zeros([5, 2])],
    run: (i, w) => F.embedding(i, w),
    throws: /embedding: expected int32 indices, got float32 of shape \[2\]/,
    kind: 'dtype',
  },
  {
    id: 'error/attention-key-size',
    inputs: () => [ones([2, 3, 4]), ones([2, 5, 3]), ones([2, 5, 2])],
    run: (q, k, v) => F.scaledDotProductAttention(q, k, v),
    throws: /scaledDotProductAttention: expected key \[\.\.\., S, E\] with E = 4 .* got key \[2, 5, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/attention-causal-and-mask',
    inputs: () => [ones([3, 4]), ones([3, 4]), ones([3, 4]), ones([3, 3])],
    run: (q, k, v, m) => F.scaledDotProductAttention(q, k, v, { attnMask: m, isCausal: true }),
    throws: /scaledDotProductAttention: an explicit attnMask should not be set when isCausal is true/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
