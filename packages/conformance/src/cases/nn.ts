import { functional as F, manualSeed, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import {
  g,
  adaptiveAvgPool2dRef,
  attentionRef,
  avgPool2dRef,
  conv1dRef,
  conv2dRef,
  maxPool2dIndicesRef,
  maxPool2dRef,
  standardize,
  values,
  type T1,
  type T2,
  type T3,
  type T4,
} from './nn-reference.js';

/**
 * Convolution, pooling, normalisation, embedding, attention and cosine similarity: expected
 * values from the plain loops of nn-reference.ts, gradients from finite differences (inputs kept
 * small: each input element costs two forward passes).
 */

const X1 = values([2, 2, 5, 5], 1) as T4;
const X2 = values([1, 4, 4, 5], 2) as T4;
const W22 = values([3, 2, 2, 2], 3) as T4;
const W23 = values([3, 2, 2, 3], 4) as T4;
const W33 = values([2, 2, 3, 3], 5) as T4;
const WG = values([4, 2, 2, 2], 6) as T4; // groups 2 over 4 channels
const WDW = values([4, 1, 3, 3], 7) as T4; // depthwise over 4 channels
const BIAS3 = [0.5, -0.25, 1];
const BIAS4 = [0.1, -0.2, 0.3, -0.4];
const L1 = values([2, 3, 7], 8) as T3;
const WL = values([2, 3, 3], 9) as T3;
const WLG = values([4, 1, 2], 10) as T3;
const P = values([1, 2, 5, 6], 11) as T4;
const P7 = values([1, 1, 5, 7], 12) as T4;

const convCases = [
  {
    id: 'conv2d/basic-bias',
    inputs: [g(X1), g(W22), g(BIAS3)],
    run: (x, w, b) => F.conv2d(x, w, b),
    expected: conv2dRef(X1, W22, BIAS3),
  },
  {
    id: 'conv2d/stride-padding',
    inputs: [g(X1), g(W33)],
    run: (x, w) => F.conv2d(x, w, null, { stride: 2, padding: 1 }),
    expected: conv2dRef(X1, W33, null, { stride: [2, 2], pad: [1, 1, 1, 1] }),
  },
  {
    id: 'conv2d/asymmetric-stride-padding',
    inputs: [g(X1), g(W23), g(BIAS3)],
    run: (x, w, b) => F.conv2d(x, w, b, { stride: [2, 1], padding: [0, 2] }),
    expected: conv2dRef(X1, W23, BIAS3, { stride: [2, 1], pad: [0, 0, 2, 2] }),
  },
  {
    id: 'conv2d/dilation',
    inputs: [g(X1), g(W22)],
    run: (x, w) => F.conv2d(x, w, null, { dilation: 2, padding: 1 }),
    expected: conv2dRef(X1, W22, null, { dilation: [2, 2], pad: [1, 1, 1, 1] }),
  },
  {
    id: 'conv2d/dilation-stride-tuple',
    inputs: [g(X1), g(W22)],
    run: (x, w) => F.conv2d(x, w, null, { dilation: [1, 3], stride: [1, 2] }),
    expected: conv2dRef(X1, W22, null, { dilation: [1, 3], stride: [1, 2] }),
  },
  {
    id: 'conv2d/groups',
    inputs: [g(X2), g(WG), g(BIAS4)],
    run: (x, w, b) => F.conv2d(x, w, b, { groups: 2, padding: 1 }),
    expected: conv2dRef(X2, WG, BIAS4, { groups: 2, pad: [1, 1, 1, 1] }),
  },
  {
    id: 'conv2d/depthwise',
    inputs: [g(X2), g(WDW)],
    run: (x, w) => F.conv2d(x, w, null, { groups: 4, padding: 'same' }),
    expected: conv2dRef(X2, WDW, null, { groups: 4, pad: [1, 1, 1, 1] }),
  },
  {
    id: 'conv2d/same-even-kernel',
    inputs: [g(X1), g(W23)],
    run: (x, w) => F.conv2d(x, w, null, { padding: 'same' }),
    // total padding k - 1: 1 (0 before, 1 after) in height, 2 (1, 1) in width.
    expected: conv2dRef(X1, W23, null, { pad: [0, 1, 1, 1] }),
  },
  {
    id: 'conv2d/valid-unbatched',
    inputs: [g(X1[0]), g(W22)],
    run: (x, w) => F.conv2d(x, w, null, { padding: 'valid' }),
    expected: conv2dRef([X1[0]!], W22, null)[0]!,
  },
  {
    id: 'conv1d/stride-padding-bias',
    inputs: [g(L1), g(WL), g([0.5, -1])],
    run: (x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 1 }),
    expected: conv1dRef(L1, WL, [0.5, -1], 2, [1, 1]),
  },
  {
    id: 'conv1d/same-dilation',
    inputs: [g(L1), g(WL)],
    run: (x, w) => F.conv1d(x, w, null, { padding: 'same', dilation: 2 }),
    expected: conv1dRef(L1, WL, null, 1, [2, 2], 2),
  },
  {
    id: 'conv1d/groups-unbatched',
    inputs: [g(values([4, 6], 13)), g(WLG)],
    run: (x, w) => F.conv1d(x, w, null, { groups: 4 }),
    expected: conv1dRef([values([4, 6], 13) as T2], WLG, null, 1, [0, 0], 1, 4)[0]!,
  },
] as const satisfies readonly OpCase[];

const poolCases = [
  {
    id: 'maxPool2d/basic',
    inputs: [g(P)],
    run: (x) => F.maxPool2d(x, 2),
    expected: maxPool2dRef(P, { kernel: [2, 2] }),
  },
  {
    id: 'maxPool2d/stride-padding',
    inputs: [g(P)],
    run: (x) => F.maxPool2d(x, 3, { stride: 2, padding: 1 }),
    expected: maxPool2dRef(P, { kernel: [3, 3], stride: [2, 2], pad: [1, 1] }),
  },
  {
    id: 'maxPool2d/dilation',
    inputs: [g(P)],
    run: (x) => F.maxPool2d(x, [2, 3], { stride: 1, dilation: [2, 1] }),
    expected: maxPool2dRef(P, { kernel: [2, 3], stride: [1, 1], dilation: [2, 1] }),
  },
  {
    id: 'maxPool2d/ceil-mode',
    inputs: [g(P7)],
    run: (x) => F.maxPool2d(x, 2, { ceilMode: true }),
    expected: maxPool2dRef(P7, { kernel: [2, 2], ceil: true }),
  },
  {
    id: 'maxPool2d/tie-gradient-to-first',
    inputs: [
      g([
        [
          [
            [1, 1],
            [0, 1],
          ],
        ],
      ]),
    ],
    run: (x) => F.maxPool2d(x, 2),
    expected: [[[[1]]]],
    grads: [
      [
        [
          [
            [1, 0],
            [0, 0],
          ],
        ],
      ],
    ],
    noGradcheck: true,
  },
  {
    id: 'maxPool2d/indices',
    inputs: [{ values: P }],
    run: (x) => F.maxPool2d(x, 3, { stride: 2, padding: 1, returnIndices: true })[1],
    expected: maxPool2dIndicesRef(P, { kernel: [3, 3], stride: [2, 2], pad: [1, 1] }),
    dtype: 'int32',
  },
  {
    id: 'avgPool2d/basic',
    inputs: [g(P)],
    run: (x) => F.avgPool2d(x, 2),
    expected: avgPool2dRef(P, { kernel: [2, 2] }),
  },
  {
    id: 'avgPool2d/padding-count-include-pad',
    inputs: [g(P)],
    run: (x) => F.avgPool2d(x, 3, { stride: 2, padding: 1 }),
    expected: avgPool2dRef(P, { kernel: [3, 3], stride: [2, 2], pad: [1, 1] }),
  },
  {
    id: 'avgPool2d/padding-exclude-pad',
    inputs: [g(P)],
    run: (x) => F.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false }),
    expected: avgPool2dRef(P, { kernel: [3, 3], stride: [2, 2], pad: [1, 1] }, false),
  },
  {
    id: 'avgPool2d/ceil-mode',
    inputs: [g(P7)],
    run: (x) => F.avgPool2d(x, 2, { ceilMode: true, padding: 1, stride: 3 }),
    expected: avgPool2dRef(P7, { kernel: [2, 2], stride: [3, 3], pad: [1, 1], ceil: true }),
  },
  {
    id: 'avgPool2d/divisor-override',
    inputs: [g(P)],
    run: (x) => F.avgPool2d(x, [2, 3], { divisorOverride: 2 }),
    expected: avgPool2dRef(P, { kernel: [2, 3] }, true, 2),
  },
  {
    id: 'adaptiveAvgPool2d/uneven',
    inputs: [g(P7)],
    run: (x) => F.adaptiveAvgPool2d(x, [2, 3]),
    expected: adaptiveAvgPool2dRef(P7, 2, 3),
  },
  {
    id: 'adaptiveAvgPool2d/global-unbatched',
    inputs: [g(P[0])],
    run: (x) => F.adaptiveAvgPool2d(x, 1),
    expected: adaptiveAvgPool2dRef(P, 1, 1)[0]!,
  },
  {
    id: 'adaptiveAvgPool2d/keep-height',
    inputs: [g(P)],
    run: (x) => F.adaptiveAvgPool2d(x, [null, 4]),
    expected: adaptiveAvgPool2dRef(P, 5, 4),
  },
] as const satisfies readonly OpCase[];

const N3 = values([2, 3, 4], 14) as T3;
const LW = (values([4], 15) as T1).map((v) => v + 1.5);
const LB = values([4], 16) as T1;
const BN = values([3, 2, 2], 17) as T3;
const GN = values([2, 4, 3], 18) as T3;

/** Per channel c of [N, C, L]: the values across the batch and positions. */
const channel = (x: T3, c: number): number[] => x.flatMap((xn) => xn[c]!);

/** Normalises x [N, C, L] per channel with (mean, variance) from `stats`. */
function normalizeChannels(x: T3, stats: (c: number) => { m: number; v: number }, w?: T1, b?: T1): T3 {
  return x.map((xn) =>
    xn.map((row, c) =>
      row.map((e) => ((e - stats(c).m) / Math.sqrt(stats(c).v + 1e-5)) * (w?.[c] ?? 1) + (b?.[c] ?? 0)),
    ),
  );
}

function moments(v: readonly number[]): { m: number; v: number } {
  const m = v.reduce((s, e) => s + e, 0) / v.length;
  return { m, v: v.reduce((s, e) => s + (e - m) ** 2, 0) / v.length };
}

const normCases = [
  {
    id: 'layerNorm/affine',
    inputs: [g(N3), g(LW), g(LB)],
    run: (x, w, b) => F.layerNorm(x, [4], { weight: w, bias: b }),
    expected: N3.map((xn) => xn.map((row) => standardize(row).map((e, i) => e * LW[i]! + LB[i]!))),
  },
  {
    id: 'layerNorm/two-dims-no-affine',
    inputs: [g(N3)],
    run: (x) => F.layerNorm(x, [3, 4], { eps: 1e-3 }),
    expected: N3.map((xn) => {
      const s = standardize(xn.flat(), 1e-3);
      return xn.map((row, i) => row.map((_, j) => s[i * 4 + j]!));
    }),
  },
  {
    id: 'batchNorm/training',
    inputs: [g(BN), g([1.5, 0.5]), g([0.1, -0.2])],
    run: (x, w, b) => F.batchNorm(x, null, null, { weight: w, bias: b, training: true }),
    expected: normalizeChannels(BN, (c) => moments(channel(BN, c)), [1.5, 0.5], [0.1, -0.2]),
  },
  {
    id: 'batchNorm/eval-running-stats',
    inputs: [g(BN), { values: [0.2, -0.1] }, { values: [0.5, 2] }],
    run: (x, m, v) => F.batchNorm(x, m, v, { training: false }),
    expected: normalizeChannels(BN, (c) => ({ m: [0.2, -0.1][c]!, v: [0.5, 2][c]! })),
  },
  {
    id: 'batchNorm/training-2d',
    inputs: [g(BN.map((xn) => xn.map((row) => row[0]!)))],
    run: (x) => F.batchNorm(x, null, null, { training: true }),
    expected: (() => {
      const x2 = BN.map((xn) => xn.map((row) => [row[0]!]));
      return normalizeChannels(x2, (c) => moments(channel(x2, c))).map((xn) => xn.map((row) => row[0]!));
    })(),
  },
  {
    id: 'groupNorm/affine',
    inputs: [g(GN), g([1, 2, 0.5, -1]), g(BIAS4)],
    run: (x, w, b) => F.groupNorm(x, 2, { weight: w, bias: b }),
    expected: GN.map((xn) => {
      const out: number[][] = [];
      for (let grp = 0; grp < 2; grp++) {
        const s = standardize(xn.slice(grp * 2, grp * 2 + 2).flat());
        for (let c = 0; c < 2; c++)
          out.push(s.slice(c * 3, c * 3 + 3).map((e) => e * [1, 2, 0.5, -1][grp * 2 + c]! + BIAS4[grp * 2 + c]!));
      }
      return out;
    }),
  },
] as const satisfies readonly OpCase[];

const EMB = values([5, 3], 19) as T2;
const Q = values([2, 3, 4], 20) as T3;
const K = values([2, 4, 4], 21) as T3;
const V = values([2, 4, 2], 22) as T3;
const MASK = [
  [true, false, true, true],
  [false, true, true, false],
  [true, true, true, true],
];

const otherCases = [
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

export const nnCases = [...convCases, ...poolCases, ...normCases, ...otherCases] as const;

/** Behaviours that take a few steps: running statistics, dropout's randomness. */
export const nnScripts = [
  {
    id: 'batchNorm/running-stats-update',
    run: async (check) => {
      const x = tensor([
        [1, 2],
        [3, 6],
        [5, 4],
      ]); // per channel: mean 3 and 4, unbiased var 4 and 4
      const mean = zeros([2]);
      const variance = ones([2]);
      F.batchNorm(x, mean, variance, { training: true, momentum: 0.5 });
      await check.close(mean, [1.5, 2], 'running mean');
      await check.close(variance, [2.5, 2.5], 'running var');
      F.batchNorm(x, mean, variance, { training: false, momentum: 0.5 });
      await check.close(mean, [1.5, 2], 'running mean unchanged in eval');
    },
  },
  {
    id: 'dropout/seeded-scaled-mask',
    run: async (check) => {
      const x = ones([4000]);
      manualSeed(7);
      const a = Array.from(await F.dropout(x, 0.25).toTypedArray());
      manualSeed(7);
      const b = Array.from(await F.dropout(x, 0.25).toTypedArray());
      check.equal(a, b, 'same seed, same mask');
      check.equal(
        a.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6),
        true,
        'kept values scaled by 1/(1-p)',
      );
      const dropped = a.filter((v) => v === 0).length / a.length;
      check.equal(Math.abs(dropped - 0.25) < 0.04, true, `about p dropped (got ${dropped})`);
      await check.close(F.dropout(tensor([1, 2]), 0.9, false), [1, 2], 'identity in eval');
      await check.close(F.dropout(tensor([1, 2]), 1), [0, 0], 'p = 1 drops everything');
    },
  },
  {
    id: 'dropout/gradient-follows-mask',
    run: async (check) => {
      const x = ones([50], { requiresGrad: true });
      manualSeed(3);
      const y = F.dropout(x, 0.5);
      y.sum().backward();
      await check.close(x.grad, Array.from(await y.toTypedArray()), 'grad equals the scaled mask');
    },
  },
] as const satisfies readonly ScriptCase[];

/** Bad input to the nn functions: each names the function, the shapes and what was expected. */
export const nnErrors = [
  {
    id: 'error/conv2d-input-dims',
    inputs: () => [ones([32, 32]), ones([4, 3, 3, 3])],
    run: (x, w) => F.conv2d(x, w),
    throws: /conv2d: expected input with 4 dims \[N, C, H, W\] \(or 3 unbatched\), got \[32, 32\]/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-channels',
    inputs: () => [ones([1, 4, 8, 8]), ones([8, 3, 3, 3])],
    run: (x, w) => F.conv2d(x, w),
    throws:
      /conv2d: given groups=1, weight of size \[8, 3, 3, 3\], expected input \[1, 4, 8, 8\] to have 3 channels, but got 4 channels instead/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-groups-out-channels',
    inputs: () => [ones([1, 4, 8, 8]), ones([5, 2, 3, 3])],
    run: (x, w) => F.conv2d(x, w, null, { groups: 2 }),
    throws: /conv2d: expected the weight's 5 output channels to be divisible by groups \(2\)/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-same-strided',
    inputs: () => [ones([1, 3, 8, 8]), ones([2, 3, 3, 3])],
    run: (x, w) => F.conv2d(x, w, null, { padding: 'same', stride: 2 }),
    throws: /conv2d: padding='same' is not supported for strided convolutions \(stride \[2, 2\]\)/,
    kind: 'value',
  },
  {
    id: 'error/conv2d-kernel-too-large',
    inputs: () => [ones([1, 1, 2, 2]), ones([1, 1, 3, 3])],
    run: (x, w) => F.conv2d(x, w),
    throws: /conv2d: the output size would be 0x0 for input \[1, 1, 2, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-bias-shape',
    inputs: () => [ones([1, 3, 4, 4]), ones([2, 3, 3, 3]), ones([3])],
    run: (x, w, b) => F.conv2d(x, w, b),
    throws: /conv2d: expected bias of shape \[2\] \(one per output channel\), got \[3\]/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-int-input',
    inputs: () => [ones([1, 1, 4, 4], { dtype: 'int32' }), ones([1, 1, 2, 2])],
    run: (x, w) => F.conv2d(x, w),
    throws: /conv2d: expected input of a floating point dtype .* got int32/,
    kind: 'dtype',
  },
  {
    id: 'error/conv1d-weight-dims',
    inputs: () => [ones([1, 3, 8]), ones([2, 3, 3, 3])],
    run: (x, w) => F.conv1d(x, w),
    throws: /conv1d: expected weight with 3 dims \[outC, inC\/groups, k\], got \[2, 3, 3, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/maxPool2d-padding-too-large',
    inputs: () => [ones([1, 1, 6, 6])],
    run: (x) => F.maxPool2d(x, 2, { padding: 2 }),
    throws: /maxPool2d: pad should be at most half of effective kernel size, but got pad=2 and kernel size 2/,
    kind: 'value',
  },
  {
    id: 'error/avgPool2d-input-dims',
    inputs: () => [ones([6, 6])],
    run: (x) => F.avgPool2d(x, 2),
    throws: /avgPool2d: expected input with 4 dims \[N, C, H, W\] \(or 3 unbatched\), got \[6, 6\]/,
    kind: 'shape',
  },
  {
    id: 'error/layerNorm-shape',
    inputs: () => [zeros([2, 5])],
    run: (x) => F.layerNorm(x, [3]),
    throws: /layerNorm: given normalizedShape \[3\], expected input with shape \[\*, 3\], got \[2, 5\]/,
    kind: 'shape',
  },
  {
    id: 'error/groupNorm-groups',
    inputs: () => [zeros([2, 6, 4])],
    run: (x) => F.groupNorm(x, 4),
    throws: /groupNorm: expected the number of channels \(6\) of input \[2, 6, 4\] to be divisible by numGroups \(4\)/,
    kind: 'shape',
  },
  {
    id: 'error/batchNorm-one-value-per-channel',
    inputs: () => [zeros([1, 3]), zeros([3]), ones([3])],
    run: (x, m, v) => F.batchNorm(x, m, v, { training: true }),
    throws: /batchNorm: expected more than 1 value per channel when training, got input of shape \[1, 3\]/,
    kind: 'value',
  },
  {
    id: 'error/batchNorm-eval-without-stats',
    inputs: () => [zeros([4, 3])],
    run: (x) => F.batchNorm(x, null, null),
    throws: /batchNorm: runningMean and runningVar are required when training is false/,
    kind: 'argument',
  },
  {
    id: 'error/batchNorm-stats-shape',
    inputs: () => [zeros([4, 3]), zeros([2]), ones([2])],
    run: (x, m, v) => F.batchNorm(x, m, v),
    throws: /batchNorm: expected runningMean of shape \[3\], got \[2\]/,
    kind: 'shape',
  },
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
    id: 'error/dropout-probability',
    inputs: () => [ones([3])],
    run: (x) => F.dropout(x, 1.5),
    throws: /dropout: probability has to be between 0 and 1, but got 1.5/,
    kind: 'value',
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
