import { aminmax, nanmean, nansum, ones, stdMean, tensor, varMean, zeros } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';

/**
 * Two-result reductions (varMean, stdMean, aminmax: one node for both results, as PyTorch) and
 * the NaN-skipping nansum/nanmean. Worked by hand: rows [1, 2, 3, 4] and [2, 4, 6, 8] have means
 * 2.5 and 5 and squared deviations 5 and 20; [2, 4, 4, 4, 5, 5, 7, 9] has mean 5 and population
 * std 2. Gradients: 2 (x - mean) / (N - correction) for var, 1/N for mean, (x - mean) / (N std)
 * for std (correction 0); min and max share theirs among ties.
 */
const rows = [
  [1, 2, 3, 4],
  [2, 4, 6, 8],
];
const varGrad = (x: number, m: number) => (2 * (x - m)) / 3;
const classic = [2, 4, 4, 4, 5, 5, 7, 9];

export const reducePairCases = [
  {
    id: 'varMean',
    inputs: [{ values: rows, requiresGrad: true }],
    run: (a) => {
      const [v, m] = varMean(a, 1);
      return v.add(m.mul(10));
    },
    expected: [5 / 3 + 25, 20 / 3 + 50],
    grads: [[rows[0]!.map((x) => varGrad(x, 2.5) + 2.5), rows[1]!.map((x) => varGrad(x, 5) + 2.5)]],
  },
  {
    id: 'varMean/var-only',
    inputs: [{ values: rows, requiresGrad: true }],
    // mean's gradient is absent: the node takes it as zeros
    run: (a) => varMean(a, 1)[0],
    expected: [5 / 3, 20 / 3],
    grads: [[rows[0]!.map((x) => varGrad(x, 2.5)), rows[1]!.map((x) => varGrad(x, 5))]],
    gradFn: 'VarMeanBackward0',
  },
  {
    id: 'varMean/mean-only-all',
    inputs: [{ values: rows, requiresGrad: true }],
    run: (a) => varMean(a)[1],
    expected: 3.75,
    grads: [rows.map((r) => r.map(() => 1 / 8))],
    gradFn: 'VarMeanBackward0',
  },
  {
    id: 'varMean/correction-keepdim',
    inputs: [{ values: rows }],
    run: (a) => {
      const [v, m] = varMean(a, 1, { correction: 0, keepdim: true });
      return v.sub(m);
    },
    expected: [[5 / 4 - 2.5], [20 / 4 - 5]],
  },
  {
    id: 'stdMean',
    inputs: [{ values: classic, requiresGrad: true }],
    run: (a) => {
      const [s, m] = stdMean(a, undefined, { correction: 0 });
      return s.add(m.mul(10));
    },
    expected: 52,
    grads: [classic.map((x) => (x - 5) / (8 * 2) + 10 / 8)],
  },
  {
    id: 'stdMean/std-only',
    inputs: [{ values: classic, requiresGrad: true }],
    run: (a) => stdMean(a, 0, { correction: 0 })[0],
    expected: 2,
    grads: [classic.map((x) => (x - 5) / 16)],
    gradFn: 'StdMeanBackward0',
  },
  {
    id: 'aminmax',
    inputs: [
      {
        values: [
          [3, 1, 4],
          [1, 5, 9],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => {
      const { min, max } = a.aminmax();
      return min.add(max.mul(10));
    },
    expected: 91,
    // the two 1s share min's gradient
    grads: [
      [
        [0, 0.5, 0],
        [0.5, 0, 10],
      ],
    ],
    noGradcheck: true,
  },
  {
    id: 'aminmax/dim-keepdim',
    inputs: [
      {
        values: [
          [3, 1, 4],
          [1, 5, 9],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => {
      const { min, max } = aminmax(a, { dim: 1, keepdim: true });
      return min.add(max.mul(10));
    },
    expected: [[41], [91]],
    grads: [
      [
        [0, 1, 10],
        [1, 0, 10],
      ],
    ],
  },
  {
    id: 'aminmax/max-only',
    inputs: [{ values: [2, -1, 0.5], requiresGrad: true }],
    run: (a) => aminmax(a, { dim: 0 }).max,
    expected: 2,
    grads: [[1, 0, 0]],
    gradFn: 'AminmaxBackward0',
  },
  {
    id: 'aminmax/int',
    inputs: [
      {
        values: [
          [3, -1],
          [7, 2],
        ],
        dtype: 'int32',
      },
    ],
    run: (a) => {
      const { min, max } = aminmax(a, { dim: 0 });
      return min.mul(100).add(max);
    },
    expected: [307, -98],
    dtype: 'int32',
  },
  {
    id: 'nansum',
    inputs: [{ values: [1, NaN, 2, NaN], requiresGrad: true }],
    run: (a) => a.nansum(),
    expected: 3,
    grads: [[1, 0, 1, 0]],
    gradFn: 'NansumBackward0',
  },
  {
    id: 'nansum/dim-and-int',
    inputs: [
      {
        values: [
          [1, NaN],
          [NaN, NaN],
        ],
      },
      { values: [1, 2], dtype: 'int32' },
    ],
    run: (a, b) => nansum(a, 1).add(nansum(b)),
    expected: [4, 3],
  },
  {
    id: 'nanmean',
    inputs: [{ values: [1, NaN, 3], requiresGrad: true }],
    run: (a) => a.nanmean(),
    expected: 2,
    grads: [[0.5, 0, 0.5]],
    gradFn: 'DivBackward0',
  },
  {
    id: 'nanmean/all-nan-row',
    inputs: [
      {
        values: [
          [NaN, NaN],
          [1, 2],
        ],
      },
    ],
    run: (a) => nanmean(a, 1),
    expected: [NaN, 1.5],
  },
] as const satisfies readonly OpCase[];

export const reducePairScripts = [
  {
    id: 'varMean/one-node-for-both',
    run: async (check) => {
      const x = tensor(rows, { requiresGrad: true });
      const [v, m] = varMean(x, 1);
      check.equal(v.gradFn?.name, 'VarMeanBackward0', 'var grad_fn');
      check.equal(m.gradFn === v.gradFn, true, 'mean shares the node');
      const [s, sm] = stdMean(x);
      check.equal(sm.gradFn === s.gradFn && s.gradFn?.name === 'StdMeanBackward0', true, 'stdMean one node');
      const { min, max } = aminmax(x);
      check.equal(min.gradFn === max.gradFn && max.gradFn?.name === 'AminmaxBackward0', true, 'aminmax one node');
      await check.close(zeros([1]).add(await m.sum().item()), [7.5], 'mean values');
    },
  },
] as const satisfies readonly ScriptCase[];

export const reducePairErrors = [
  {
    id: 'error/aminmax-empty',
    inputs: () => [zeros([0])],
    run: (a) => aminmax(a),
    throws: /aminmax: cannot compute aminmax over an empty dimension/,
    kind: 'shape',
  },
  {
    id: 'error/nanmean-int',
    inputs: () => [ones([2], { dtype: 'int32' })],
    run: (a) => a.nanmean(),
    throws: /nanmean: expected a floating point input, got dtype int32/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
