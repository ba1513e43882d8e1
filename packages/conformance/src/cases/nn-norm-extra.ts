import { functional as F, nn, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { g } from './nn-reference.js';

/**
 * Instance, RMS and local response normalisation on tiny inputs worked out by hand: instance
 * norm standardises each (sample, channel) row by its own mean and biased variance.
 */

const std = (row: number[]): number[] => {
  const m = row.reduce((a, b) => a + b, 0) / row.length;
  const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / row.length;
  return row.map((x) => (x - m) / Math.sqrt(v));
};
const IN = [
  [
    [0, 1, 5],
    [2, 6, 4],
  ],
  [
    [1, -1, 3],
    [7, 7.5, 9],
  ],
];
const r12 = Math.sqrt(12.5);

export const nnNormExtraCases = [
  {
    id: 'instanceNorm/per-sample-per-channel',
    inputs: [g(IN)],
    run: (x) => F.instanceNorm(x, null, null, { eps: 0 }),
    expected: IN.map((s) => s.map(std)),
    gradFn: 'ViewBackward0',
  },
  {
    id: 'instanceNorm/affine',
    inputs: [g(IN), g([2, 3]), g([0.5, -1])],
    run: (x, w, b) => F.instanceNorm(x, null, null, { weight: w, bias: b, eps: 0 }),
    expected: IN.map((s) => s.map((row, c) => std(row).map((v) => v * [2, 3][c]! + [0.5, -1][c]!))),
    // d/dbias: N L = 6 each; d/dweight: the sum of standardised values, 0.
    grads: [IN.map((s) => s.map((r) => r.map(() => 0))), [0, 0], [6, 6]],
  },
  {
    id: 'nn.InstanceNorm1d/unbatched',
    inputs: [g(IN[0])],
    run: (x) => new nn.InstanceNorm1d(2, { eps: 0 }).forward(x),
    expected: IN[0]!.map(std),
  },
  {
    id: 'rmsNorm/weight',
    inputs: [g([[3, 4]]), g([2, 0.5])],
    // rms = sqrt((9 + 16) / 2)
    run: (x, w) => F.rmsNorm(x, 2, w, 0),
    expected: [[6 / r12, 2 / r12]],
    gradFn: 'MulBackward0',
  },
  {
    id: 'rmsNorm/default-eps-float32',
    inputs: [g([[1e-4, 1e-4]])],
    // eps = torch.finfo(float32).eps = 2^-23 when not given.
    run: (x) => F.rmsNorm(x, [2]),
    expected: [[1e-4 / Math.sqrt(1e-8 + 2 ** -23), 1e-4 / Math.sqrt(1e-8 + 2 ** -23)]],
    // float64's eps is 2^-52: finite differences of a step 1e-6 at 1e-4 are too coarse there.
    noGradcheck: true,
  },
  {
    id: 'nn.RMSNorm/two-dims',
    inputs: [
      g([
        [
          [1, 2],
          [3, 4],
        ],
      ]),
    ],
    run: (x) => new nn.RMSNorm([2, 2], { eps: 0 }).forward(x),
    // rms over all four: sqrt(30 / 4)
    expected: [
      [
        [1, 2],
        [3, 4],
      ].map((r) => r.map((v) => v / Math.sqrt(7.5))),
    ],
  },
  {
    id: 'localResponseNorm/3d-size-2',
    inputs: [g([[[1], [2], [3]]])],
    // squares 1, 4, 9 padded by one channel before: window sums 1, 5, 13; (sum / 2 + 1)^1.
    run: (x) => F.localResponseNorm(x, 2, 1, 1, 1),
    expected: [[[1 / 1.5], [2 / 3.5], [3 / 7.5]]],
    gradFn: 'DivBackward0',
  },
  {
    id: 'localResponseNorm/4d-size-3',
    inputs: [g([[[[1, 2]], [[3, 4]], [[5, 6]]]])],
    // window sums of squares per column: 10, 35, 34 and 20, 56, 52; (3 sum / 3 + 2)^0.5.
    run: (x) => new nn.LocalResponseNorm(3, 3, 0.5, 2).forward(x),
    expected: [
      [
        [[1 / Math.sqrt(12), 2 / Math.sqrt(22)]],
        [[3 / Math.sqrt(37), 4 / Math.sqrt(58)]],
        [[5 / 6, 6 / Math.sqrt(54)]],
      ],
    ],
  },
] as const satisfies readonly OpCase[];

export const nnNormExtraScripts = [
  {
    id: 'instanceNorm/running-stats-mean-over-samples',
    run: async (check) => {
      // Per sample (1, 3) and (5, 9): means 2 and 7, unbiased variances 2 and 8; each running
      // statistic moves halfway (momentum 0.5) per sample, then the samples' values are averaged.
      const x = tensor([[[1, 3]], [[5, 9]]]);
      const mean = zeros([1]);
      const variance = ones([1]);
      F.instanceNorm(x, mean, variance, { momentum: 0.5 });
      await check.close(mean, [2.25], 'running mean');
      await check.close(variance, [3], 'running var');
      // In eval with tracked statistics, they normalise: (x - 2.25) / sqrt(3 + eps).
      const layer = new nn.InstanceNorm1d(1, { trackRunningStats: true, momentum: 0.5, eps: 0 });
      layer.forward(x);
      layer.eval();
      await check.close(layer.forward(tensor([[[2.25, 5.25]]])), [[[0, Math.sqrt(3)]]], 'eval uses running stats');
    },
  },
] as const satisfies readonly ScriptCase[];

export const nnNormExtraErrors = [
  {
    id: 'error/instanceNorm-one-spatial-element',
    inputs: () => [ones([2, 3, 1])],
    run: (x) => F.instanceNorm(x),
    throws: /instanceNorm: expected more than 1 spatial element when training, got input of shape \[2, 3, 1\]/,
    kind: 'value',
  },
  {
    id: 'error/InstanceNorm2d-affine-channels',
    inputs: () => [ones([1, 3, 2, 2])],
    run: (x) => new nn.InstanceNorm2d(4, { affine: true }).forward(x),
    throws: /InstanceNorm2d: expected the input's size at dim 1 to match numFeatures \(4\), got \[1, 3, 2, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/rmsNorm-shape',
    inputs: () => [ones([2, 3])],
    run: (x) => F.rmsNorm(x, [2]),
    throws: /rmsNorm: given normalizedShape \[2\], expected input with shape \[\*, 2\], got \[2, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/localResponseNorm-dims',
    inputs: () => [ones([2, 3])],
    run: (x) => F.localResponseNorm(x, 2),
    throws: /localResponseNorm: expected input of shape \[N, C, \*\] \(at least 3 dims\), got \[2, 3\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
