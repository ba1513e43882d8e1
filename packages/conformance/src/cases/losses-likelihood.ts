import { functional as F, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * KL divergence, Poisson and Gaussian negative log likelihoods from their documented formulas,
 * and the CTC loss against a brute-force sum over every alignment (each path of T labels whose
 * collapse, repeats merged then blanks dropped, is the target), not the alpha recursion the
 * implementation runs.
 */

const g = (values: number[] | number[][] | number[][][]) => ({ values, requiresGrad: true });
const mean = (v: readonly number[]) => v.reduce((s, e) => s + e, 0) / v.length;
const sumOf = (v: readonly number[]) => v.reduce((s, e) => s + e, 0);

const Q = [
  [0.2, 0.3, 0.5],
  [0.1, 0.6, 0.3],
];
const LOGQ = Q.map((r) => r.map(Math.log));
const P = [
  [0.25, 0.25, 0.5],
  [0, 0.5, 0.5],
];
const PPOS = [
  [0.25, 0.25, 0.5],
  [0.2, 0.3, 0.5],
];
const kl = (p: number[][], x: number[][]) =>
  p.flatMap((row, i) => row.map((t, j) => (t === 0 ? 0 : t * Math.log(t)) - t * x[i]![j]!));

const RATE_LOG = [0.5, -1, 2, 0.1];
const COUNTS = [1, 0, 3, 2];
const stirling = (t: number) => (t > 1 ? t * Math.log(t) - t + 0.5 * Math.log(2 * Math.PI * t) : 0);

const MU = [
  [1, 2],
  [0.5, -1],
];
const OBS = [
  [0.5, 2.5],
  [0, 0],
];
const VAR = [
  [0.5, 1],
  [2, 0.25],
];
const gauss = (v: (i: number, j: number) => number, full = false) =>
  MU.flatMap((row, i) =>
    row.map(
      (m, j) => 0.5 * (Math.log(v(i, j)) + (m - OBS[i]![j]!) ** 2 / v(i, j)) + (full ? 0.5 * Math.log(2 * Math.PI) : 0),
    ),
  );

// CTC: logits [T = 4, N = 2, C = 3], log-softmaxed in the case.
const LOGITS = [
  [
    [0.5, 1, -0.5],
    [0.2, -0.3, 0.8],
  ],
  [
    [1.5, 0.1, 0.3],
    [-0.5, 1.2, 0.4],
  ],
  [
    [0, 0.7, 1.1],
    [0.9, 0.3, -0.2],
  ],
  [
    [0.3, -0.2, 0.6],
    [0.1, 0.9, 0.5],
  ],
];
const softmax = (row: readonly number[]) => {
  const e = row.map(Math.exp);
  return e.map((v) => v / sumOf(e));
};

/** -log of the summed probability of the alignments of `target` in the first `T` frames of sample `n`. */
function ctcRef(n: number, T: number, target: readonly number[], blank = 0): number {
  const probs = LOGITS.slice(0, T).map((frame) => softmax(frame[n]!));
  const C = probs[0]!.length;
  let total = 0;
  for (let code = 0; code < C ** T; code++) {
    const path = Array.from({ length: T }, (_, t) => Math.floor(code / C ** t) % C);
    const labels = path.filter((c, t) => c !== blank && (t === 0 || c !== path[t - 1]));
    if (labels.length === target.length && labels.every((c, i) => c === target[i])) {
      total += path.reduce((p, c, t) => p * probs[t]![c]!, 1);
    }
  }
  return -Math.log(total);
}

const PADDED = {
  values: [
    [1, 2],
    [1, 1],
  ],
  dtype: 'int32' as const,
};
const CTC_NONE = [ctcRef(0, 4, [1, 2]), ctcRef(1, 3, [1, 1])];

export const likelihoodLossCases = [
  {
    id: 'klDiv/batchmean-zero-target',
    inputs: [g(LOGQ), { values: P }],
    run: (x, t) => F.klDiv(x, t, { reduction: 'batchmean' }),
    expected: sumOf(kl(P, LOGQ)) / 2,
    gradFn: 'DivBackward0',
  },
  {
    id: 'klDiv/mean-target-gradient',
    inputs: [g(LOGQ), g(PPOS)],
    run: (x, t) => F.klDiv(x, t),
    expected: mean(kl(PPOS, LOGQ)),
    // d/dx = -t / 6, d/dt = (log t + 1 - x) / 6
    grads: [
      PPOS.map((r) => r.map((t) => -t / 6)),
      PPOS.map((r, i) => r.map((t, j) => (Math.log(t) + 1 - LOGQ[i]![j]!) / 6)),
    ],
  },
  {
    id: 'klDiv/log-target-none',
    inputs: [g(LOGQ), g(PPOS.map((r) => r.map(Math.log)))],
    run: (x, t) => F.klDiv(x, t, { logTarget: true, reduction: 'none' }),
    expected: PPOS.map((r, i) => r.map((p, j) => p * (Math.log(p) - LOGQ[i]![j]!))),
  },
  {
    id: 'poissonNllLoss/log-input-mean',
    inputs: [g(RATE_LOG), { values: COUNTS }],
    run: (x, t) => F.poissonNllLoss(x, t),
    expected: mean(RATE_LOG.map((x, i) => Math.exp(x) - COUNTS[i]! * x)),
    grads: [RATE_LOG.map((x, i) => (Math.exp(x) - COUNTS[i]!) / 4), null],
  },
  {
    id: 'poissonNllLoss/rate-full-sum',
    inputs: [g(RATE_LOG.map(Math.exp)), { values: COUNTS }],
    run: (x, t) => F.poissonNllLoss(x, t, { logInput: false, full: true, reduction: 'sum' }),
    expected: sumOf(
      COUNTS.map((t, i) => Math.exp(RATE_LOG[i]!) - t * Math.log(Math.exp(RATE_LOG[i]!) + 1e-8) + stirling(t)),
    ),
  },
  {
    id: 'gaussianNllLoss/mean-full',
    inputs: [g(MU), g(OBS), g(VAR)],
    run: (x, t, v) => F.gaussianNllLoss(x, t, v, { full: true }),
    expected: mean(gauss((i, j) => VAR[i]![j]!, true)),
  },
  {
    id: 'gaussianNllLoss/variance-per-sample',
    // var [2] lacks the input's last dim: one variance per row.
    inputs: [g(MU), { values: OBS }, g([0.5, 2])],
    run: (x, t, v) => F.gaussianNllLoss(x, t, v, { reduction: 'none' }),
    expected: [gauss((i) => [0.5, 2][i]!).slice(0, 2), gauss((i) => [0.5, 2][i]!).slice(2)],
  },
  {
    id: 'gaussianNllLoss/variance-clamped',
    inputs: [g(MU), { values: OBS }, g([[0], [1]])],
    run: (x, t, v) => F.gaussianNllLoss(x, t, v, { eps: 0.1, reduction: 'sum' }),
    expected: sumOf(gauss((i) => [0.1, 1][i]!)),
    noGradcheck: true, // the clamp passes var's gradient through where it holds the value still
  },
  {
    id: 'ctcLoss/padded-none',
    inputs: [g(LOGITS), PADDED],
    run: (x, t) => F.ctcLoss(x.logSoftmax(2), t, [4, 3], [2, 2], { reduction: 'none' }),
    expected: CTC_NONE,
  },
  {
    id: 'ctcLoss/padded-mean-by-target-length',
    inputs: [
      g(LOGITS),
      {
        values: [
          [1, 2],
          [2, 0],
        ],
        dtype: 'int32',
      },
    ],
    run: (x, t) =>
      F.ctcLoss(x.logSoftmax(2), t, tensor([4, 4], { dtype: 'int32' }), tensor([2, 1], { dtype: 'int32' })),
    expected: mean([ctcRef(0, 4, [1, 2]) / 2, ctcRef(1, 4, [2])]),
    gradFn: 'MeanBackward0',
  },
  {
    id: 'ctcLoss/concatenated-targets-sum',
    inputs: [g(LOGITS), { values: [2, 1, 1, 2], dtype: 'int32' }],
    run: (x, t) => F.ctcLoss(x.logSoftmax(2), t, [4, 4], [1, 3], { reduction: 'sum' }),
    expected: ctcRef(0, 4, [2]) + ctcRef(1, 4, [1, 1, 2]),
  },
  {
    id: 'ctcLoss/unbatched-blank-2',
    inputs: [g(LOGITS.map((frame) => frame[0]!)), { values: [0, 1], dtype: 'int32' }],
    run: (x, t) => F.ctcLoss(x.logSoftmax(1), t, 4, 2, { blank: 2, reduction: 'sum' }),
    expected: ctcRef(0, 4, [0, 1], 2),
  },
  {
    id: 'ctcLoss/empty-target',
    // Only the all-blank path: -sum_t log p_t(blank).
    inputs: [g(LOGITS), PADDED],
    run: (x, t) => F.ctcLoss(x.logSoftmax(2), t, [4, 2], [0, 1], { reduction: 'none' }),
    expected: [-sumOf(LOGITS.map((f) => Math.log(softmax(f[0]!)[0]!))), ctcRef(1, 2, [1])],
  },
  {
    id: 'ctcLoss/impossible-zero-infinity',
    // [1, 1] needs three frames (1, blank, 1): two make its loss infinite, zeroed with zeroInfinity.
    inputs: [g(LOGITS), PADDED],
    run: (x, t) => F.ctcLoss(x.logSoftmax(2), t, [4, 2], [2, 2], { reduction: 'none', zeroInfinity: true }),
    expected: [CTC_NONE[0]!, 0],
  },
  {
    id: 'ctcLoss/impossible-infinite',
    inputs: [g(LOGITS), PADDED],
    run: (x, t) => F.ctcLoss(x.logSoftmax(2), t, [4, 2], [2, 2], { reduction: 'none' }),
    expected: [CTC_NONE[0]!, Infinity],
    noGradcheck: true,
  },
] as const satisfies readonly OpCase[];

export const likelihoodLossErrors = [
  {
    // PyTorch raises rather than clamping a negative variance to eps.
    id: 'error/gaussianNllLoss-negative-variance',
    inputs: () => [zeros([2]), zeros([2]), tensor([1, -0.5])],
    run: (x, t, v) => F.gaussianNllLoss(x, t, v),
    throws: /gaussianNllLoss: var has negative entry\/entries/,
    kind: 'value',
  },
  {
    id: 'error/gaussianNllLoss-variance-shape',
    inputs: () => [zeros([2, 3]), zeros([2, 3]), ones([3])],
    run: (x, t, v) => F.gaussianNllLoss(x, t, v),
    throws:
      /gaussianNllLoss: var is of incorrect size: expected \[2, 3\], \[2\] or \[2, 1\] for input \[2, 3\], got \[3\]/,
    kind: 'shape',
  },
  {
    id: 'error/ctcLoss-input-lengths',
    inputs: () => [zeros([4, 2, 3]), tensor([[1], [2]], { dtype: 'int32' })],
    run: (x, t) => F.ctcLoss(x, t, [4, 5], [1, 1]),
    throws: /ctcLoss: expected inputLengths to be 2 non-negative integers of at most 4, got \[4, 5\]/,
    kind: 'value',
  },
  {
    id: 'error/ctcLoss-blank',
    inputs: () => [zeros([4, 2, 3]), tensor([[1], [2]], { dtype: 'int32' })],
    run: (x, t) => F.ctcLoss(x, t, [4, 4], [1, 1], { blank: 3 }),
    throws: /ctcLoss: blank must be a class in \[0, 3\), got 3/,
    kind: 'index',
  },
  {
    id: 'error/ctcLoss-concatenated-lengths',
    inputs: () => [zeros([4, 2, 3]), tensor([1, 2, 1], { dtype: 'int32' })],
    run: (x, t) => F.ctcLoss(x, t, [4, 4], [1, 1]),
    throws: /ctcLoss: targetLengths sum to 2, but the 1-D targets hold 3/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
