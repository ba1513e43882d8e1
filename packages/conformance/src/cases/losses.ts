import { functional as F, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Losses: expected values from the definitions, written as plain loops below (PyTorch's
 * formulas, including its weighted mean and label smoothing); gradients from finite differences.
 */

export const LOGITS = [
  [1, 2, 3],
  [1, 0, -1],
  [0.5, -0.5, 2],
  [-1, 1.5, 0.25],
];
export const TARGET = [2, 0, 1, 2];
const W = [0.5, 2, 1];

function logSoftmax(row: readonly number[]): number[] {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return row.map((v) => v - lse);
}

interface CeRef {
  weight?: readonly number[];
  ignoreIndex?: number;
  smoothing?: number;
  reduction?: 'mean' | 'sum' | 'none';
}

/** PyTorch's cross entropy with class indices: nll and the smoothing term share the weighted divisor. */
function crossEntropyRef(
  logits: readonly (readonly number[])[],
  target: readonly number[],
  o: CeRef = {},
): number | number[] {
  const C = logits[0]!.length;
  const eps = o.smoothing ?? 0;
  const w = (c: number) => o.weight?.[c] ?? 1;
  const per: number[] = [];
  let divisor = 0;
  logits.forEach((row, i) => {
    const t = target[i]!;
    if (t === (o.ignoreIndex ?? -100)) {
      per.push(0);
      return;
    }
    const lp = logSoftmax(row);
    const smooth = -lp.reduce((s, v, c) => s + w(c) * v, 0);
    per.push((1 - eps) * -w(t) * lp[t]! + (eps / C) * smooth);
    divisor += w(t);
  });
  const reduction = o.reduction ?? 'mean';
  if (reduction === 'none') return per;
  const total = per.reduce((s, v) => s + v, 0);
  return reduction === 'sum' ? total : total / divisor;
}

/** Cross entropy with class probabilities: -sum_c w_c p_c log softmax_c, mean over samples. */
function softCrossEntropyRef(
  logits: readonly (readonly number[])[],
  probs: readonly (readonly number[])[],
  weight?: readonly number[],
  smoothing = 0,
): number {
  const C = logits[0]!.length;
  const per = logits.map((row, i) => {
    const lp = logSoftmax(row);
    return -lp.reduce((s, v, c) => s + (weight?.[c] ?? 1) * (probs[i]![c]! * (1 - smoothing) + smoothing / C) * v, 0);
  });
  return per.reduce((s, v) => s + v, 0) / per.length;
}

export const PROBS = [
  [0.2, 0.3, 0.5],
  [1, 0, 0],
  [0.25, 0.25, 0.5],
  [0, 0.6, 0.4],
];
const mean = (v: readonly number[]) => v.reduce((s, e) => s + e, 0) / v.length;
const sumOf = (v: readonly number[]) => v.reduce((s, e) => s + e, 0);

export const X = [0.5, -1.2, 2, 0.3, -0.4, 1.1];
export const Y = [0.1, 0.4, -0.8, 0.6, -2.5, 1.05];
const diffs = X.map((x, i) => x - Y[i]!);
const smoothL1 = (d: number, beta: number) => (Math.abs(d) < beta ? (0.5 * d * d) / beta : Math.abs(d) - 0.5 * beta);
const huber = (d: number, delta: number) => (Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta));

export const PR = [0.1, 0.7, 0.35, 0.9];
export const YB = [0, 1, 1, 0.3];
const bce = (p: number, y: number) => -(y * Math.max(Math.log(p), -100) + (1 - y) * Math.max(Math.log(1 - p), -100));
export const LG = [0, 2.5, -1.5, 0.7];
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
const bceLogits = (x: number, y: number, pw = 1) => (1 - y) * x + (1 + (pw - 1) * y) * softplus(-x);

const ce = (reduction: CeRef['reduction'], extra: CeRef = {}) =>
  crossEntropyRef(LOGITS, TARGET, { reduction, ...extra });
const g = (values: number[] | number[][] | number[][][]) => ({ values, requiresGrad: true });
const classes = { values: TARGET, dtype: 'int32' as const };

export const lossCases = [
  {
    id: 'crossEntropy/mean',
    inputs: [g(LOGITS), classes],
    run: (x, t) => F.crossEntropy(x, t),
    expected: ce('mean'),
  },
  {
    id: 'crossEntropy/sum',
    inputs: [g(LOGITS), classes],
    run: (x, t) => F.crossEntropy(x, t, { reduction: 'sum' }),
    expected: ce('sum'),
  },
  {
    id: 'crossEntropy/none',
    inputs: [g(LOGITS), classes],
    run: (x, t) => F.crossEntropy(x, t, { reduction: 'none' }),
    expected: ce('none'),
  },
  {
    id: 'crossEntropy/gradient-softmax-minus-onehot',
    inputs: [
      g([
        [1, 2, 3],
        [1, 0, -1],
      ]),
      { values: [2, 0], dtype: 'int32' },
    ],
    run: (x, t) => F.crossEntropy(x, t, { reduction: 'sum' }),
    expected: 2 * (Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3),
    grads: [
      [
        [1, 2, 3].map((v, c) => Math.exp(v) / (Math.exp(1) + Math.exp(2) + Math.exp(3)) - (c === 2 ? 1 : 0)),
        [1, 0, -1].map((v, c) => Math.exp(v) / (Math.exp(1) + Math.exp(0) + Math.exp(-1)) - (c === 0 ? 1 : 0)),
      ],
      null,
    ],
  },
  {
    id: 'crossEntropy/weight-mean',
    inputs: [g(LOGITS), classes, g(W)],
    run: (x, t, w) => F.crossEntropy(x, t, { weight: w }),
    expected: ce('mean', { weight: W }),
  },
  {
    id: 'crossEntropy/ignore-index',
    inputs: [g(LOGITS), { values: [2, -100, 1, -100], dtype: 'int32' }],
    run: (x, t) => F.crossEntropy(x, t),
    expected: crossEntropyRef(LOGITS, [2, -100, 1, -100]),
  },
  {
    id: 'crossEntropy/ignore-index-in-range-weighted',
    inputs: [g(LOGITS), classes, g(W)],
    run: (x, t, w) => F.crossEntropy(x, t, { weight: w, ignoreIndex: 0 }),
    expected: ce('mean', { weight: W, ignoreIndex: 0 }),
  },
  {
    id: 'crossEntropy/label-smoothing',
    inputs: [g(LOGITS), classes],
    run: (x, t) => F.crossEntropy(x, t, { labelSmoothing: 0.2 }),
    expected: ce('mean', { smoothing: 0.2 }),
  },
  {
    id: 'crossEntropy/label-smoothing-weight-ignore',
    inputs: [g(LOGITS), { values: [2, 0, -100, 1], dtype: 'int32' }, g(W)],
    run: (x, t, w) => F.crossEntropy(x, t, { labelSmoothing: 0.1, weight: w }),
    expected: crossEntropyRef(LOGITS, [2, 0, -100, 1], { smoothing: 0.1, weight: W }),
  },
  {
    id: 'crossEntropy/label-smoothing-none',
    inputs: [g(LOGITS), classes],
    run: (x, t) => F.crossEntropy(x, t, { labelSmoothing: 0.3, reduction: 'none' }),
    expected: ce('none', { smoothing: 0.3 }),
  },
  {
    id: 'crossEntropy/probabilities',
    inputs: [g(LOGITS), g(PROBS)],
    run: (x, p) => F.crossEntropy(x, p),
    expected: softCrossEntropyRef(LOGITS, PROBS),
  },
  {
    id: 'crossEntropy/probabilities-weight-smoothing',
    inputs: [g(LOGITS), { values: PROBS }, g(W)],
    run: (x, p, w) => F.crossEntropy(x, p, { weight: w, labelSmoothing: 0.15 }),
    expected: softCrossEntropyRef(LOGITS, PROBS, W, 0.15),
  },
  {
    id: 'crossEntropy/spatial-k-dim',
    // [N=2, C=3, d=2]: the class dim is 1; the loss averages over samples and positions.
    inputs: [
      g([
        [
          [1, -1],
          [2, 0],
          [3, 1],
        ],
        [
          [0.5, 0],
          [-0.5, 1],
          [2, -2],
        ],
      ]),
      {
        values: [
          [2, 0],
          [1, 1],
        ],
        dtype: 'int32',
      },
    ],
    run: (x, t) => F.crossEntropy(x, t),
    expected: crossEntropyRef(
      [
        [1, 2, 3],
        [-1, 0, 1],
        [0.5, -0.5, 2],
        [0, 1, -2],
      ],
      [2, 0, 1, 1],
    ),
  },
  {
    id: 'crossEntropy/unbatched',
    inputs: [g([1, 2, 3]), { values: 1, dtype: 'int32' }],
    run: (x, t) => F.crossEntropy(x, t),
    expected: -logSoftmax([1, 2, 3])[1]!,
  },
  {
    id: 'nllLoss/mean',
    inputs: [g(LOGITS.map(logSoftmax)), classes],
    run: (x, t) => F.nllLoss(x, t),
    expected: ce('mean'),
  },
  {
    id: 'nllLoss/weight-ignore-sum',
    inputs: [g(LOGITS.map(logSoftmax)), classes, g(W)],
    run: (x, t, w) => F.nllLoss(x, t, { weight: w, ignoreIndex: 1, reduction: 'sum' }),
    expected: ce('sum', { weight: W, ignoreIndex: 1 }),
  },
  {
    id: 'mseLoss/mean',
    inputs: [g(X), g(Y)],
    run: (x, y) => F.mseLoss(x, y),
    expected: mean(diffs.map((d) => d * d)),
    grads: [diffs.map((d) => (2 * d) / 6), diffs.map((d) => (-2 * d) / 6)],
  },
  {
    id: 'mseLoss/sum-and-none',
    inputs: [g(X), g(Y)],
    run: (x, y) => F.mseLoss(x, y, { reduction: 'none' }).add(F.mseLoss(x, y, { reduction: 'sum' })),
    expected: diffs.map((d) => d * d + sumOf(diffs.map((e) => e * e))),
  },
  {
    id: 'l1Loss/mean',
    inputs: [g(X), g(Y)],
    run: (x, y) => F.l1Loss(x, y),
    expected: mean(diffs.map(Math.abs)),
    grads: [diffs.map((d) => Math.sign(d) / 6), diffs.map((d) => -Math.sign(d) / 6)],
  },
  {
    id: 'smoothL1Loss/beta-1',
    inputs: [g(X), g(Y)],
    run: (x, y) => F.smoothL1Loss(x, y),
    expected: mean(diffs.map((d) => smoothL1(d, 1))),
  },
  {
    id: 'smoothL1Loss/beta-half-sum',
    inputs: [g(X), g(Y)],
    run: (x, y) => F.smoothL1Loss(x, y, { beta: 0.5, reduction: 'sum' }),
    expected: sumOf(diffs.map((d) => smoothL1(d, 0.5))),
  },
  {
    id: 'huberLoss/delta-1',
    inputs: [g(X), g(Y)],
    run: (x, y) => F.huberLoss(x, y),
    expected: mean(diffs.map((d) => huber(d, 1))),
  },
  {
    id: 'huberLoss/delta-2-none',
    inputs: [g(X), g(Y)],
    run: (x, y) => F.huberLoss(x, y, { delta: 2, reduction: 'none' }),
    expected: diffs.map((d) => huber(d, 2)),
  },
  {
    id: 'binaryCrossEntropy/mean',
    inputs: [g(PR), g(YB)],
    run: (p, y) => F.binaryCrossEntropy(p, y),
    expected: mean(PR.map((p, i) => bce(p, YB[i]!))),
    grads: [PR.map((p, i) => (p - YB[i]!) / (p * (1 - p)) / 4), PR.map((p) => Math.log((1 - p) / p) / 4)],
  },
  {
    id: 'binaryCrossEntropy/weight-sum',
    inputs: [g(PR), { values: YB }, { values: [1, 2, 0.5, 3] }],
    run: (p, y, w) => F.binaryCrossEntropy(p, y, { weight: w, reduction: 'sum' }),
    expected: sumOf(PR.map((p, i) => [1, 2, 0.5, 3][i]! * bce(p, YB[i]!))),
  },
  {
    id: 'binaryCrossEntropy/log-clamped-at-100',
    inputs: [{ values: [0, 1, 0.5] }, { values: [1, 0, 1] }],
    run: (p, y) => F.binaryCrossEntropy(p, y, { reduction: 'none' }),
    expected: [100, 100, Math.log(2)],
  },
  {
    id: 'binaryCrossEntropyWithLogits/mean',
    inputs: [g(LG), g(YB)],
    run: (x, y) => F.binaryCrossEntropyWithLogits(x, y),
    expected: mean(LG.map((x, i) => bceLogits(x, YB[i]!))),
    grads: [LG.map((x, i) => (1 / (1 + Math.exp(-x)) - YB[i]!) / 4), LG.map((x) => -x / 4)],
  },
  {
    id: 'binaryCrossEntropyWithLogits/pos-weight-weight',
    inputs: [g([LG, LG.map((v) => -v)]), { values: [YB, YB] }, g([2, 0.5, 1, 3]), { values: [[1], [0.5]] }],
    run: (x, y, pw, w) => F.binaryCrossEntropyWithLogits(x, y, { posWeight: pw, weight: w, reduction: 'sum' }),
    expected: sumOf(
      [LG, LG.map((v) => -v)].flatMap((row, r) =>
        row.map((x, i) => [1, 0.5][r]! * bceLogits(x, YB[i]!, [2, 0.5, 1, 3][i])),
      ),
    ),
  },
  {
    id: 'binaryCrossEntropyWithLogits/large-logits-stable',
    inputs: [g([100, -100, 60, -60]), { values: [1, 0, 0, 1] }],
    run: (x, y) => F.binaryCrossEntropyWithLogits(x, y, { reduction: 'none' }),
    expected: [0, 0, 60, 60],
    grads: [[0, 0, 1, -1], null],
  },
] as const satisfies readonly OpCase[];

/** Bad input to the losses. */
export const lossErrors = [
  {
    id: 'error/crossEntropy-target-out-of-range',
    inputs: () => [zeros([2, 5], { requiresGrad: true }), tensor([1, 7], { dtype: 'int32' })],
    run: (x, t) => F.crossEntropy(x, t),
    throws: /crossEntropy: target class 7 out of range for 5 classes/,
    kind: 'index',
  },
  {
    id: 'error/crossEntropy-target-shape',
    inputs: () => [zeros([2, 5]), tensor([1, 2, 3], { dtype: 'int32' })],
    run: (x, t) => F.crossEntropy(x, t),
    throws:
      /crossEntropy: expected class-index target of dtype int32 and shape \[2\] for input \[2, 5\], got int32 of shape \[3\]/,
    kind: 'shape',
  },
  {
    id: 'error/crossEntropy-probability-target-shape',
    inputs: () => [zeros([2, 5]), zeros([2, 4])],
    run: (x, t) => F.crossEntropy(x, t),
    throws: /crossEntropy: expected class-probability target of the input's shape \[2, 5\], got \[2, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/crossEntropy-label-smoothing',
    inputs: () => [zeros([2, 5]), tensor([1, 2], { dtype: 'int32' })],
    run: (x, t) => F.crossEntropy(x, t, { labelSmoothing: 1.5 }),
    throws: /crossEntropy: labelSmoothing must be between 0.0 and 1.0, got 1.5/,
    kind: 'value',
  },
  {
    id: 'error/nllLoss-weight-shape',
    inputs: () => [zeros([2, 5]), tensor([1, 2], { dtype: 'int32' }), ones([4])],
    run: (x, t, w) => F.nllLoss(x, t, { weight: w }),
    throws: /nllLoss: expected weight of shape \[5\] \(one per class\), got \[4\]/,
    kind: 'shape',
  },
  {
    id: 'error/loss-reduction',
    inputs: () => [zeros([2]), zeros([2])],
    run: (x, y) => F.mseLoss(x, y, { reduction: 'avg' as never }),
    throws: /mseLoss: argument 3 \('options'\) option 'reduction' got "avg"; it expects "mean" or "sum" or "none"/,
    kind: 'value',
  },
  {
    id: 'error/binaryCrossEntropy-shape',
    inputs: () => [zeros([3]), zeros([2])],
    run: (x, y) => F.binaryCrossEntropy(x, y),
    throws: /binaryCrossEntropy: expected target of the same shape as input \[3\], got \[2\]/,
    kind: 'shape',
  },
  {
    id: 'error/binaryCrossEntropyWithLogits-shape',
    inputs: () => [zeros([2, 3]), zeros([3])],
    run: (x, y) => F.binaryCrossEntropyWithLogits(x, y),
    throws: /binaryCrossEntropyWithLogits: expected target of the same shape as input \[2, 3\], got \[3\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
