import type { NestedArray, Tensor } from '@ag/core';
import { arange, cat, functional as F, getBackend, gradgradcheck, manualSeed, nn, ones, tensor, zeros } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { values, type T1, type T2, type T3 } from './nn-reference.js';

/**
 * EmbeddingBag, Bilinear and nn.utils' parameter tools (parametersToVector, vectorToParameters,
 * weightNorm, spectralNorm), each worked out by hand on a few numbers.
 */

const g = (v: unknown) => ({ values: v as NestedArray, requiresGrad: true });
const idx = (v: unknown) => ({ values: v as NestedArray, dtype: 'int32' as const });

// Bags of rows of W: offsets [0, 2, 2] over [0, 2, 1, 3, 3, 1] give bags {0, 2}, {}, {1, 3, 3, 1}.
const W = [
  [1, 2],
  [3, -4],
  [5, 6],
  [-7, 8],
];
const I = [0, 2, 1, 3, 3, 1];
const offsets = () => tensor([0, 2, 2], { dtype: 'int32' });

const X1 = values([2, 2], 400) as T2;
const X2 = values([2, 3], 401) as T2;
const BW = values([2, 2, 3], 402) as T3;
const BB = [0.25, -0.5];
// y[n][o] = sum over i, j of x1[n][i] W[o][i][j] x2[n][j] + b[o]
const bilinearRef = (x1: T2, x2: T2, w: T3, b: T1) =>
  x1.map((a, n) =>
    w.map((wo, o) => wo.reduce((s, row, i) => s + row.reduce((t, wij, j) => t + a[i]! * wij * x2[n]![j]!, 0), b[o]!)),
  );

export const nnExtraCases = [
  {
    id: 'embeddingBag/sum-offsets-empty-bag',
    inputs: [idx(I), g(W)],
    run: (i, w) => F.embeddingBag(i, w, offsets(), { mode: 'sum' }),
    expected: [
      [1 + 5, 2 + 6],
      [0, 0],
      [3 - 7 - 7 + 3, -4 + 8 + 8 - 4],
    ],
    grads: [
      null,
      [
        [1, 1],
        [2, 2],
        [1, 1],
        [2, 2],
      ],
    ],
    gradFn: 'EmbeddingBagBackward0',
  },
  {
    id: 'embeddingBag/mean',
    inputs: [idx(I), g(W)],
    run: (i, w) => F.embeddingBag(i, w, offsets()),
    expected: [
      [3, 4],
      [0, 0],
      [-2, 2],
    ],
    // each index gets 1 / (its bag's size), once per time it appears
    grads: [
      null,
      [
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    ],
  },
  {
    id: 'embeddingBag/max-gradient-to-the-maximum',
    inputs: [idx(I), g(W)],
    run: (i, w) => F.embeddingBag(i, w, offsets(), { mode: 'max' }),
    expected: [
      [5, 6],
      [0, 0],
      [3, 8],
    ],
    grads: [
      null,
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ],
    ],
  },
  {
    id: 'embeddingBag/2d-padding-idx-mean',
    // bags [0, 1] and [2, 3] with index 1 left out: [1, 2] / 1 and ([5, 6] + [-7, 8]) / 2
    inputs: [
      idx([
        [0, 1],
        [2, 3],
      ]),
      g(W),
    ],
    run: (i, w) => F.embeddingBag(i, w, null, { paddingIdx: 1 }),
    expected: [
      [1, 2],
      [-1, 7],
    ],
    grads: [
      null,
      [
        [1, 1],
        [0, 0],
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    ],
  },
  {
    id: 'embeddingBag/per-sample-weights-include-last-offset',
    inputs: [idx(I), g(W), g([1, 2, 0.5, 1, 1, 1])],
    run: (i, w, p) =>
      F.embeddingBag(i, w, tensor([0, 2, 2, 6], { dtype: 'int32' }), {
        mode: 'sum',
        perSampleWeights: p,
        includeLastOffset: true,
      }),
    expected: [
      [1 + 2 * 5, 2 + 2 * 6],
      [0, 0],
      [0.5 * 3 - 7 - 7 + 3, 0.5 * -4 + 8 + 8 - 4],
    ],
    // d/d(weight of index k) = the sum of its row
    grads: [
      null,
      [
        [1, 1],
        [1.5, 1.5],
        [2, 2],
        [2, 2],
      ],
      [3, 11, -1, 1, 1, -1],
    ],
  },
  {
    id: 'bilinear/closed-form',
    inputs: [g(X1), g(X2), g(BW), g(BB)],
    run: (a, b, w, bias) => F.bilinear(a, b, w, bias),
    expected: bilinearRef(X1, X2, BW, BB),
  },
] as const satisfies readonly OpCase[];

export const nnExtraScripts = [
  {
    id: 'nn/weight-norm-g-and-v',
    run: async (check) => {
      const lin = new nn.Linear(3, 2);
      lin.loadStateDict({
        weight: tensor([
          [3, 4, 0],
          [0, 0, 2],
        ]),
        bias: zeros([2]),
      });
      nn.utils.weightNorm(lin);
      check.equal(Object.keys(lin.stateDict()), ['bias', 'weight_g', 'weight_v'], 'PyTorch names and order');
      await check.close(lin.getParameter('weight_g'), [[5], [2]], 'row norms');
      // g = 1: the weight is v with unit rows, so y = [0.6 + 0.8, 1] at x = 1s
      lin.loadStateDict({
        weight_g: ones([2, 1]),
        weight_v: tensor([
          [3, 4, 0],
          [0, 0, 2],
        ]),
        bias: zeros([2]),
      });
      const y = lin(ones([1, 3]));
      await check.close(y, [[1.4, 1]]);
      y.sum().backward();
      await check.close(lin.getParameter('weight_g').grad, [[1.4], [1]], 'dy/dg = v / |v| . x');
      nn.utils.removeWeightNorm(lin);
      check.equal(Object.keys(lin.stateDict()), ['bias', 'weight']);
      await check.close(lin.weight, [
        [0.6, 0.8, 0],
        [0, 0, 1],
      ]);
      const whole = nn.utils.weightNorm(new nn.Linear(3, 2), 'weight', null);
      check.equal(whole.getParameter('weight_g').shape, [], 'dim null: one norm');
    },
  },
  {
    id: 'nn/spectral-norm-divides-by-the-top-singular-value',
    run: async (check) => {
      manualSeed(0);
      const lin = nn.utils.spectralNorm(new nn.Linear(2, 2, { bias: false }), 'weight', { nPowerIterations: 30 });
      check.equal(Object.keys(lin.stateDict()), ['weight_orig', 'weight_u', 'weight_v']);
      lin.loadStateDict({
        weight_orig: tensor([
          [3, 0],
          [0, 1],
        ]),
        weight_u: tensor([0.6, 0.8]),
        weight_v: tensor([0.8, 0.6]),
      });
      // singular values 3 and 1: power iteration turns u and v to the first axis, sigma = 3
      await check.close(lin(tensor([[1, 1]])), [[1, 1 / 3]]);
      await check.close(lin.getBuffer('weight_u')!.abs(), [1, 0]);
      lin.eval();
      lin.loadStateDict({
        weight_orig: tensor([
          [3, 0],
          [0, 1],
        ]),
        weight_u: tensor([0, 1]),
        weight_v: tensor([0, 1]),
      });
      // eval: no iteration, sigma = u^T W v with the stored vectors = 1
      await check.close(lin(tensor([[1, 1]])), [[3, 1]]);
      nn.utils.removeSpectralNorm(lin);
      check.equal(Object.keys(lin.stateDict()), ['weight']);
    },
  },
  {
    id: 'nn/parameters-to-vector-and-back',
    run: async (check) => {
      const lin = new nn.Linear(2, 2);
      nn.utils.vectorToParameters(arange(6), lin.parameters());
      await check.close(
        lin.weight,
        [
          [0, 1],
          [2, 3],
        ],
        'weight first, row by row',
      );
      await check.close(lin.bias, [4, 5]);
      const v = nn.utils.parametersToVector(lin.parameters());
      await check.close(v, [0, 1, 2, 3, 4, 5]);
      v.mul(tensor([1, 2, 3, 4, 5, 6]))
        .sum()
        .backward();
      await check.close(
        lin.weight.grad,
        [
          [1, 2],
          [3, 4],
        ],
        'gradients flow back',
      );
    },
  },
  {
    id: 'nn/double-backward-embedding-bag-bilinear-lstm-cell',
    run: async (check) => {
      // Each backward is written with public ops: its gradient is checked against finite differences.
      const f64 = getBackend().dtypes.includes('float64');
      const dtype = f64 ? 'float64' : 'float32';
      const tol = f64 ? { eps: 1e-6, atol: 1e-5, rtol: 1e-3 } : { eps: 1e-2, atol: 2e-2, rtol: 5e-2 };
      const leaf = (v: unknown) => tensor(v as NestedArray, { dtype, requiresGrad: true });
      const i = tensor(I, { dtype: 'int32' });
      for (const mode of ['sum', 'mean', 'max'] as const) {
        const fn = (w: Tensor) => F.embeddingBag(i, w, offsets(), { mode }).pow(2);
        check.equal(await gradgradcheck(fn, [leaf(W)], tol), true, `embeddingBag ${mode}`);
      }
      const weighted = (w: Tensor, p: Tensor) =>
        F.embeddingBag(i, w, offsets(), { mode: 'sum', perSampleWeights: p }).pow(2);
      check.equal(await gradgradcheck(weighted, [leaf(W), leaf([1, 2, 0.5, 1, 1, 1])], tol), true, 'perSampleWeights');
      const bil = (a: Tensor, b: Tensor) => F.bilinear(a, b, tensor(BW, { dtype })).pow(2);
      check.equal(await gradgradcheck(bil, [leaf(X1), leaf(X2)], tol), true, 'bilinear');
      const cell = new nn.LSTMCell(2, 2, { dtype });
      const step = (x: Tensor, h: Tensor, c: Tensor) => cat(cell(x, [h, c]), -1);
      check.equal(
        await gradgradcheck(step, [leaf(X1), leaf(X2.map((r) => r.slice(0, 2))), leaf(X1)], tol),
        true,
        'LSTMCell',
      );
    },
  },
  {
    id: 'nn/embedding-bag-and-bilinear-modules',
    run: (check) => {
      const bag = new nn.EmbeddingBag(10, 3, { mode: 'max' });
      check.equal(String(bag), 'EmbeddingBag(10, 3, mode=max)');
      check.equal(
        bag(
          tensor(
            [
              [1, 2],
              [3, 4],
            ],
            { dtype: 'int32' },
          ),
        ).shape,
        [2, 3],
      );
      const bl = new nn.Bilinear(2, 3, 4);
      check.equal(String(bl), 'Bilinear(in1_features=2, in2_features=3, out_features=4, bias=True)');
      check.equal(
        [bl.weight.shape, bl(ones([5, 2]), ones([5, 3])).shape],
        [
          [4, 2, 3],
          [5, 4],
        ],
      );
      return Promise.resolve();
    },
  },
] as const satisfies readonly ScriptCase[];

export const nnExtraErrors = [
  {
    id: 'error/embeddingBag-2d-with-offsets',
    inputs: () => [tensor([[0, 1]], { dtype: 'int32' }), ones([3, 2])],
    run: (i, w) => F.embeddingBag(i, w, tensor([0], { dtype: 'int32' })),
    throws: /embeddingBag: if input is 2D, then offsets has to be None/,
    kind: 'value',
  },
  {
    id: 'error/embeddingBag-per-sample-weights-mode',
    inputs: () => [tensor([0, 1], { dtype: 'int32' }), ones([3, 2]), ones([2])],
    run: (i, w, p) => F.embeddingBag(i, w, tensor([0], { dtype: 'int32' }), { perSampleWeights: p }),
    throws: /embeddingBag: per_sample_weights is only supported for mode='sum' \(got mode='mean'\)/,
    kind: 'value',
  },
  {
    id: 'error/bilinear-input-size',
    inputs: () => [ones([2, 3]), ones([2, 3]), ones([4, 2, 3])],
    run: (a, b, w) => F.bilinear(a, b, w),
    throws:
      /bilinear: expected input1 \[\.\.\., 2\] and input2 \[\.\.\., 3\] to match weight \[4, 2, 3\], got \[2, 3\] and \[2, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/vectorToParameters-size',
    inputs: () => [ones([5])],
    run: (v) => {
      nn.utils.vectorToParameters(v, new nn.Linear(2, 2).parameters());
    },
    throws: /vectorToParameters: expected vec of shape \[6\] \(the parameters' 6 elements\), got \[5\]/,
    kind: 'shape',
  },
  {
    id: 'error/weightNorm-no-parameter',
    inputs: () => [],
    run: () => nn.utils.weightNorm(new nn.Linear(2, 2), 'kernel').training,
    throws: /weightNorm: Linear has no parameter named 'kernel'/,
    kind: 'value',
  },
  {
    id: 'error/spectralNorm-iterations',
    inputs: () => [],
    run: () => nn.utils.spectralNorm(new nn.Linear(2, 2), 'weight', { nPowerIterations: 0 }).training,
    throws: /spectralNorm: Expected n_power_iterations to be positive, but got n_power_iterations=0/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
