import { functional as F, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { checkSecondOrder } from './loss-second-order.js';

/**
 * Margin and embedding losses, and the distances they use: expected values from each loss's
 * definition in PyTorch's documentation, written as plain loops; gradients by finite differences
 * (inputs are kept away from the hinges' kinks).
 */

const g = (values: number[] | number[][]) => ({ values, requiresGrad: true });
const mean = (v: readonly number[]) => v.reduce((s, e) => s + e, 0) / v.length;
const sumOf = (v: readonly number[]) => v.reduce((s, e) => s + e, 0);
const dot = (a: readonly number[], b: readonly number[]) => sumOf(a.map((v, i) => v * b[i]!));
const pnorm = (v: readonly number[], p: number) => sumOf(v.map((e) => Math.abs(e) ** p)) ** (1 / p);
const dist = (a: readonly number[], b: readonly number[], p = 2, eps = 1e-6) =>
  pnorm(
    a.map((v, i) => v - b[i]! + eps),
    p,
  );

const A = [
  [1, 2, -0.5],
  [0.3, -1, 2],
];
const B = [
  [0.5, 1.5, 0.5],
  [-1, 0.2, 1],
];
const N = [
  [2, -1, 0.5],
  [0.4, -0.8, 1.5],
];
const cos = (a: readonly number[], b: readonly number[]) =>
  dot(a, b) / Math.sqrt((dot(a, a) + 1e-12) * (dot(b, b) + 1e-12));

const X1 = [0.5, -1, 2, 0.3];
const X2 = [1, 0.2, -1, 1.5];
const Y = [1, -1, 1, -1];
const rank = (m: number) => X1.map((x, i) => Math.max(0, -Y[i]! * (x - X2[i]!) + m));

const SCORES = [
  [0.1, 0.8, 0.4],
  [1.2, -0.3, 0.9],
];
const CLASSES = [0, 2];
/** sum over i != y of max(0, margin - x[y] + x[i])^p / C, times w[y]. */
const multiMargin = (p: number, margin: number, w = [1, 1, 1]) =>
  SCORES.map((row, n) => {
    const y = CLASSES[n]!;
    return (w[y]! * sumOf(row.map((x, i) => (i === y ? 0 : Math.max(0, margin - row[y]! + x) ** p)))) / row.length;
  });

const logSigmoid = (z: number) => -Math.log1p(Math.exp(-z));
const LABELS = [
  [1, 0, 1],
  [0, 0, 1],
];

export const marginLossCases = [
  {
    id: 'cosineEmbeddingLoss/mean-margin',
    inputs: [g(A), g(B), { values: [1, -1] }],
    run: (a, b, y) => F.cosineEmbeddingLoss(a, b, y, { margin: -0.5 }),
    expected: mean([1 - cos(A[0]!, B[0]!), Math.max(0, cos(A[1]!, B[1]!) + 0.5)]),
  },
  {
    id: 'cosineEmbeddingLoss/none-unbatched',
    inputs: [g(A[1]!), g(B[1]!), { values: -1 }],
    run: (a, b, y) => F.cosineEmbeddingLoss(a, b, y, { reduction: 'none' }),
    expected: Math.max(0, cos(A[1]!, B[1]!)),
  },
  {
    id: 'marginRankingLoss/mean',
    inputs: [g(X1), g(X2), { values: Y }],
    run: (a, b, y) => F.marginRankingLoss(a, b, y, { margin: 0.5 }),
    expected: mean(rank(0.5)),
    gradFn: 'MeanBackward0',
  },
  {
    id: 'marginRankingLoss/none',
    inputs: [g(X1), g(X2), { values: Y }],
    run: (a, b, y) => F.marginRankingLoss(a, b, y, { reduction: 'none' }),
    expected: rank(0),
    gradFn: 'ClampMinBackward0',
  },
  {
    id: 'hingeEmbeddingLoss/sum',
    inputs: [g(X1), { values: Y }],
    run: (x, y) => F.hingeEmbeddingLoss(x, y, { reduction: 'sum' }),
    expected: sumOf(X1.map((x, i) => (Y[i] === 1 ? x : Math.max(0, 1 - x)))),
    grads: [[1, -1, 1, -1], null],
  },
  {
    id: 'tripletMarginLoss/mean',
    inputs: [g(A), g(B), g(N)],
    run: (a, p, n) => F.tripletMarginLoss(a, p, n, { margin: 2 }),
    expected: mean(A.map((a, i) => Math.max(0, dist(a, B[i]!) - dist(a, N[i]!) + 2))),
  },
  {
    id: 'tripletMarginLoss/p1-swap',
    inputs: [g(A), g(N), g(B)],
    run: (a, p, n) => F.tripletMarginLoss(a, p, n, { p: 1, swap: true, reduction: 'none', margin: 3 }),
    expected: A.map((a, i) => Math.max(0, dist(a, N[i]!, 1) - Math.min(dist(a, B[i]!, 1), dist(N[i]!, B[i]!, 1)) + 3)),
  },
  {
    id: 'multiMarginLoss/p1-mean',
    inputs: [g(SCORES), { values: CLASSES, dtype: 'int32' }],
    run: (x, y) => F.multiMarginLoss(x, y),
    expected: mean(multiMargin(1, 1)),
    gradFn: 'MultiMarginLossBackward0',
  },
  {
    id: 'multiMarginLoss/p2-weight-none',
    inputs: [g(SCORES), { values: CLASSES, dtype: 'int32' }],
    run: (x, y) => F.multiMarginLoss(x, y, { p: 2, margin: 0.7, weight: tensor([2, 1, 0.5]), reduction: 'none' }),
    expected: multiMargin(2, 0.7, [2, 1, 0.5]),
    gradFn: 'MultiMarginLossBackward0',
  },
  {
    id: 'multiMarginLoss/unbatched-gradient',
    // x = [0.1, 0.8, 0.4], y = 0: both other classes are active; d/dx_i = 1/3, d/dx_y = -2/3.
    inputs: [g(SCORES[0]!), { values: 0, dtype: 'int32' }],
    run: (x, y) => F.multiMarginLoss(x, y, { reduction: 'sum' }),
    expected: multiMargin(1, 1)[0]!,
    grads: [[-2 / 3, 1 / 3, 1 / 3], null],
  },
  {
    id: 'multilabelSoftMarginLoss/mean-weight',
    inputs: [g(SCORES), { values: LABELS }, g([1, 0.5, 2])],
    run: (x, y, w) => F.multilabelSoftMarginLoss(x, y, { weight: w }),
    expected: mean(
      SCORES.map(
        (row, n) =>
          -sumOf(
            row.map(
              (x, c) => [1, 0.5, 2][c]! * (LABELS[n]![c]! * logSigmoid(x) + (1 - LABELS[n]![c]!) * logSigmoid(-x)),
            ),
          ) / 3,
      ),
    ),
  },
  {
    id: 'pairwiseDistance/p2-and-keepdim',
    inputs: [g(A), g(B)],
    run: (a, b) => F.pairwiseDistance(a, b, 2, 1e-6, true),
    expected: A.map((a, i) => [dist(a, B[i]!)]),
    gradFn: 'LinalgVectorNormBackward0',
  },
  {
    id: 'pairwiseDistance/p3-broadcast',
    inputs: [g(A), g(B[0]!)],
    run: (a, b) => F.pairwiseDistance(a, b, 3),
    expected: A.map((a) => dist(a, B[0]!, 3)),
  },
  {
    id: 'normalize/rows-p2',
    inputs: [g(A)],
    run: (x) => F.normalize(x),
    expected: A.map((row) => row.map((v) => v / pnorm(row, 2))),
    gradFn: 'DivBackward0',
  },
  {
    id: 'normalize/dim0-p1-eps',
    // The second column is all zero: its norm is clamped at eps and the column stays 0.
    inputs: [
      g([
        [1, 0],
        [-3, 0],
      ]),
    ],
    run: (x) => F.normalize(x, 1, 0, 1e-3),
    expected: [
      [0.25, 0],
      [-0.75, 0],
    ],
    noGradcheck: true, // the L1 norm's kink at 0
  },
] as const satisfies readonly OpCase[];

export const marginLossErrors = [
  {
    id: 'error/cosineEmbeddingLoss-shapes',
    inputs: () => [zeros([2, 3]), zeros([2, 4]), ones([2])],
    run: (a, b, y) => F.cosineEmbeddingLoss(a, b, y),
    throws:
      /cosineEmbeddingLoss: expected input1 and input2 of one shape, \[N, D\] or \[D\], got \[2, 3\] and \[2, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/marginRankingLoss-dims',
    inputs: () => [zeros([3]), zeros([3]), ones([3, 1])],
    run: (a, b, y) => F.marginRankingLoss(a, b, y),
    throws:
      /marginRankingLoss: expected input1, input2 and target of the same number of dims, got \[3\], \[3\] and \[3, 1\]/,
    kind: 'shape',
  },
  {
    id: 'error/multiMarginLoss-p',
    inputs: () => [zeros([2, 3]), tensor([0, 1], { dtype: 'int32' })],
    run: (x, y) => F.multiMarginLoss(x, y, { p: 3 as 1 }),
    throws: /multiMarginLoss: only p == 1 and p == 2 are supported, got 3/,
    kind: 'value',
  },
  {
    id: 'error/multiMarginLoss-target-range',
    inputs: () => [zeros([2, 3]), tensor([0, 3], { dtype: 'int32' })],
    run: (x, y) => F.multiMarginLoss(x, y),
    throws: /multiMarginLoss: target class 3 out of range for 3 classes/,
    kind: 'index',
  },
  {
    id: 'error/tripletMarginLoss-dims',
    inputs: () => [zeros([2, 3]), zeros([3]), zeros([2, 3])],
    run: (a, p, n) => F.tripletMarginLoss(a, p, n),
    throws:
      /tripletMarginLoss: expected anchor, positive and negative of 1 or 2 dims alike, got \[2, 3\], \[3\] and \[2, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/hingeEmbeddingLoss-reduction',
    inputs: () => [zeros([3]), ones([3])],
    run: (x, y) => F.hingeEmbeddingLoss(x, y, { reduction: 'average' as 'mean' }),
    throws:
      /hingeEmbeddingLoss: argument 3 \('options'\) option 'reduction' got "average"; it expects "mean" or "sum" or "none"/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];

export const marginLossScripts = [
  {
    id: 'multiMarginLoss/second-order',
    run: (check) =>
      checkSecondOrder(
        check,
        (x) => F.multiMarginLoss(x, tensor(CLASSES, { dtype: 'int32' }), { p: 2, margin: 0.7 }),
        SCORES.flat(),
        [2, 3],
      ),
  },
] as const satisfies readonly ScriptCase[];
