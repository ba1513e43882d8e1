import { functional as F, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { g, standardize, values, type T1, type T3 } from './nn-reference.js';

/**
 * Layer, batch and group normalisation: expected values from per-channel (or per-group) means
 * and biased variances written out below, gradients from finite differences.
 */

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

const BIAS4 = [0.1, -0.2, 0.3, -0.4];

export const nnNormCases = [
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

/** A batch norm's running statistics over a few calls. */
export const nnNormScripts = [
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
] as const satisfies readonly ScriptCase[];

/** Bad input to the normalisations: each names the function, the shapes and what was expected. */
export const nnNormErrors = [
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
] as const satisfies readonly ErrorCase[];
