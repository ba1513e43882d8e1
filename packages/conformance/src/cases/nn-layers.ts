import type { Tensor } from '@ag/core';
import { functional as F, manualSeed, nn, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { secondOrder } from './double-backward.js';
import { g } from './nn-reference.js';

/**
 * Padding layers, pixel shuffle, PReLU, Softmax2d, Unflatten and channel-wise and alpha dropout:
 * values worked out by hand on tiny inputs, gradients of the sum from counting copies.
 */

const ROW = [[[1, 2, 3]]];
const SQUARE = [
  [
    [1, 2],
    [3, 4],
  ],
];

const paddingLayerCases = [
  {
    id: 'nn.ZeroPad1d/asymmetric',
    inputs: [g(ROW)],
    run: (x) => new nn.ZeroPad1d([1, 2]).forward(x),
    expected: [[[0, 1, 2, 3, 0, 0]]],
    grads: [[[[1, 1, 1]]]],
  },
  {
    id: 'nn.ConstantPad1d/value',
    inputs: [g(ROW)],
    run: (x) => new nn.ConstantPad1d(1, 3.5).forward(x),
    expected: [[[3.5, 1, 2, 3, 3.5]]],
  },
  {
    id: 'nn.ReflectionPad1d/edge-not-repeated',
    inputs: [g(ROW)],
    run: (x) => new nn.ReflectionPad1d(2).forward(x),
    expected: [[[3, 2, 1, 2, 3, 2, 1]]],
    // 1 and 3 appear twice, 2 three times.
    grads: [[[[2, 3, 2]]]],
  },
  {
    id: 'nn.ReplicationPad1d/edges-repeated',
    inputs: [g(ROW)],
    run: (x) => new nn.ReplicationPad1d([2, 1]).forward(x),
    expected: [[[1, 1, 1, 2, 3, 3]]],
    grads: [[[[3, 1, 2]]]],
  },
  {
    id: 'nn.CircularPad1d/wraps',
    inputs: [g(ROW)],
    run: (x) => new nn.CircularPad1d(1).forward(x),
    expected: [[[3, 1, 2, 3, 1]]],
    grads: [[[[2, 1, 2]]]],
  },
  {
    id: 'nn.ZeroPad2d/left-bottom',
    inputs: [g(SQUARE)],
    run: (x) => new nn.ZeroPad2d([1, 0, 0, 1]).forward(x),
    expected: [
      [
        [0, 1, 2],
        [0, 3, 4],
        [0, 0, 0],
      ],
    ],
  },
  {
    id: 'nn.ConstantPad2d/sides',
    inputs: [g(SQUARE)],
    run: (x) => new nn.ConstantPad2d([1, 1, 0, 0], -1).forward(x),
    expected: [
      [
        [-1, 1, 2, -1],
        [-1, 3, 4, -1],
      ],
    ],
  },
  {
    id: 'nn.ReflectionPad2d/one',
    inputs: [g(SQUARE)],
    run: (x) => new nn.ReflectionPad2d(1).forward(x),
    expected: [
      [
        [4, 3, 4, 3],
        [2, 1, 2, 1],
        [4, 3, 4, 3],
        [2, 1, 2, 1],
      ],
    ],
    grads: [
      [
        [
          [4, 4],
          [4, 4],
        ],
      ],
    ],
  },
  {
    id: 'nn.ReplicationPad2d/one',
    inputs: [g(SQUARE)],
    run: (x) => new nn.ReplicationPad2d(1).forward(x),
    expected: [
      [
        [1, 1, 2, 2],
        [1, 1, 2, 2],
        [3, 3, 4, 4],
        [3, 3, 4, 4],
      ],
    ],
    grads: [
      [
        [
          [4, 4],
          [4, 4],
        ],
      ],
    ],
  },
  {
    id: 'nn.CircularPad2d/right-top',
    inputs: [g(SQUARE)],
    run: (x) => new nn.CircularPad2d([0, 1, 1, 0]).forward(x),
    expected: [
      [
        [3, 4, 3],
        [1, 2, 1],
        [3, 4, 3],
      ],
    ],
    grads: [
      [
        [
          [2, 1],
          [4, 2],
        ],
      ],
    ],
  },
] as const satisfies readonly OpCase[];

// x[0][c][0][w] = 10 c + w, four channels of 1 x 2.
const SHUFFLE_IN = [[[[0, 1]], [[10, 11]], [[20, 21]], [[30, 31]]]];
const SHUFFLE_OUT = [
  [
    [
      [0, 10, 1, 11],
      [20, 30, 21, 31],
    ],
  ],
];

const channelLayerCases = [
  {
    id: 'pixelShuffle/factor-2',
    inputs: [g(SHUFFLE_IN)],
    // out[c][h r + i][w r + j] = x[c r^2 + i r + j][h][w]
    run: (x) => F.pixelShuffle(x, 2),
    expected: SHUFFLE_OUT,
    gradFn: 'PixelShuffleBackward0',
  },
  {
    id: 'pixelUnshuffle/factor-2',
    inputs: [g(SHUFFLE_OUT)],
    run: (x) => F.pixelUnshuffle(x, 2),
    expected: SHUFFLE_IN,
    gradFn: 'PixelUnshuffleBackward0',
  },
  {
    id: 'nn.PixelShuffle/unbatched',
    inputs: [g(SHUFFLE_IN[0])],
    run: (x) => new nn.PixelShuffle(2).forward(x),
    expected: SHUFFLE_OUT[0]!,
  },
  {
    id: 'prelu/per-channel',
    inputs: [
      g([
        [-2, 3],
        [1, -0.5],
      ]),
      g([0.25, 0.5]),
    ],
    run: (x, w) => F.prelu(x, w),
    expected: [
      [-0.5, 3],
      [1, -0.25],
    ],
    // d/dx: 1 where x > 0, else the channel's weight; d/dw: the sum of the channel's x <= 0.
    grads: [
      [
        [0.25, 1],
        [1, 0.5],
      ],
      [-2, -0.5],
    ],
    gradFn: 'PreluKernelBackward0',
  },
  {
    id: 'prelu/shared-weight',
    inputs: [
      g([
        [
          [-1, 2],
          [3, -4],
        ],
      ]),
      g([0.1]),
    ],
    run: (x, w) => F.prelu(x, w),
    expected: [
      [
        [-0.1, 2],
        [3, -0.4],
      ],
    ],
    grads: [
      [
        [
          [0.1, 1],
          [1, 0.1],
        ],
      ],
      [-5],
    ],
  },
  {
    id: 'nn.Softmax2d/over-channels',
    inputs: [g([[[[0]], [[Math.log(3)]]]])],
    run: (x) => new nn.Softmax2d().forward(x),
    expected: [[[[0.25]], [[0.75]]]],
    grads: [[[[[0]], [[0]]]]],
    gradFn: 'SoftmaxBackward0',
  },
  {
    id: 'nn.Unflatten/dim-1',
    inputs: [g([[1, 2, 3, 4, 5, 6]])],
    run: (x) => new nn.Unflatten(1, [2, 3]).forward(x),
    expected: [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
  },
] as const satisfies readonly OpCase[];

export const nnLayerCases = [...paddingLayerCases, ...channelLayerCases] as const;

const sat = 1.7580993408473766;

export const nnLayerScripts = [
  {
    id: 'double-backward/prelu-pixelShuffle',
    run: async (check) => {
      const f = (x: Tensor) =>
        F.pixelShuffle(F.prelu(x.reshape(1, 4, 1, 2), x.narrow(0, 0, 4)), 2).mul(x.reshape(1, 1, 2, 4));
      check.equal(await secondOrder(f, [0.3, -0.8, 1.1, 0.5, -0.2, 0.9, -1.3, 0.7]), null, 'second-order gradient');
    },
  },
  {
    id: 'dropout2d/whole-channels-seeded-as-dropout',
    run: async (check) => {
      // PyTorch draws one bernoulli per (sample, channel), in order: the mask dropout gives
      // a tensor of N * C elements under the same seed.
      manualSeed(5);
      const y = await F.dropout2d(ones([4, 6, 2, 3]), 0.5).toTypedArray();
      manualSeed(5);
      const flat = await F.dropout(ones([24]), 0.5).toTypedArray();
      const perChannel: number[] = [];
      for (let i = 0; i < 24; i++) {
        const plane = Array.from(y.slice(i * 6, i * 6 + 6));
        check.equal(new Set(plane).size, 1, `channel ${i} dropped or kept whole`);
        perChannel.push(plane[0]!);
      }
      check.equal(perChannel, Array.from(flat), 'same draws as dropout on N * C values');
      check.equal(perChannel.filter((v) => v === 2).length > 0 && perChannel.includes(0), true, 'some of each');
      await check.close(F.dropout2d(tensor([[[[1, 2]]]]), 0.5, false), [[[[1, 2]]]], 'identity in eval');
    },
  },
  {
    id: 'dropout1d/unbatched-channels',
    run: async (check) => {
      manualSeed(2);
      const y = await F.dropout1d(ones([40, 5]), 0.25).toTypedArray();
      manualSeed(2);
      const flat = await F.dropout(ones([40]), 0.25).toTypedArray();
      for (let c = 0; c < 40; c++) {
        check.equal(new Set(Array.from(y.slice(c * 5, c * 5 + 5))).size, 1, `channel ${c} whole`);
        check.equal(Math.abs(y[c * 5]! - flat[c]!) < 1e-6, true, `channel ${c} as dropout's draw`);
      }
      const layer = new nn.Dropout1d(0.25);
      layer.eval();
      await check.close(layer.forward(tensor([[1, 2]])), [[1, 2]], 'identity in eval');
    },
  },
  {
    id: 'alphaDropout/affine-values-and-gradient',
    run: async (check) => {
      // a = ((1 - p)(1 + p sat^2))^(-1/2); kept: a x + sat a p; dropped: -sat a (1 - p).
      const p = 0.5;
      const a = 1 / Math.sqrt((sat * sat * p + 1) * (1 - p));
      const x = ones([400], { requiresGrad: true });
      manualSeed(9);
      const y = F.alphaDropout(x, p, true);
      manualSeed(9);
      const kept = Array.from(await F.dropout(ones([400]), p).toTypedArray()).map((v) => v !== 0);
      const expected = kept.map((k) => (k ? a + sat * a * p : -sat * a * (1 - p)));
      await check.close(y, expected, 'kept and dropped values');
      y.sum().backward();
      await check.close(
        x.grad,
        kept.map((k) => (k ? a : 0)),
        'gradient a where kept',
      );
      check.equal(y.gradFn?.name, 'AddBackward0', 'grad_fn');
      await check.close(F.alphaDropout(tensor([1, 2]), 0.5), [1, 2], 'functional default: not training');
      await check.close(new nn.AlphaDropout(0.2).eval().forward(tensor([3])), [3], 'identity in eval');
    },
  },
] as const satisfies readonly ScriptCase[];

export const nnLayerErrors = [
  {
    id: 'error/pixelShuffle-channels',
    inputs: () => [ones([1, 6, 2, 2])],
    run: (x) => F.pixelShuffle(x, 2),
    throws:
      /pixelShuffle: expected the input's channel dim \(size 6, of \[1, 6, 2, 2\]\) to be divisible by upscaleFactor squared \(4\)/,
    kind: 'shape',
  },
  {
    id: 'error/pixelUnshuffle-size',
    inputs: () => [ones([1, 1, 3, 4])],
    run: (x) => F.pixelUnshuffle(x, 2),
    throws:
      /pixelUnshuffle: expected the input's height and width \(3 and 4, .*\) to be divisible by downscaleFactor \(2\)/,
    kind: 'shape',
  },
  {
    id: 'error/prelu-weight-count',
    inputs: () => [ones([2, 3, 4]), ones([2])],
    run: (x, w) => F.prelu(x, w),
    throws: /prelu: expected weight of 1 value or one per channel \(3 for input \[2, 3, 4\]\), got \[2\]/,
    kind: 'shape',
  },
  {
    id: 'error/dropout1d-dims',
    inputs: () => [ones([2, 3, 4, 5])],
    run: (x) => F.dropout1d(x, 0.5),
    throws: /dropout1d: expected input with 3 dims \[N, C, L\] \(or 2 unbatched\), got \[2, 3, 4, 5\]/,
    kind: 'shape',
  },
  {
    id: 'error/ReflectionPad2d-dims',
    inputs: () => [ones([4, 4])],
    run: (x) => new nn.ReflectionPad2d(1).forward(x),
    throws: /ReflectionPad2d: expected input with 4 dims \(or 3 unbatched\), got \[4, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/Softmax2d-dims',
    inputs: () => [ones([2, 3])],
    run: (x) => new nn.Softmax2d().forward(x),
    throws: /Softmax2d: expected input with 4 dims \[N, C, H, W\] \(or 3 unbatched\), got \[2, 3\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
