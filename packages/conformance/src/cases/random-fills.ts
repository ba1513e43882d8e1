import type { Tensor } from '@ag/core';
import {
  arange,
  bernoulli,
  data,
  functional as F,
  Generator,
  manualSeed,
  nn,
  normal,
  ones,
  rand,
  randint,
  randn,
  randperm,
  tensor,
  zeros,
} from '@ag/core';
import type { ScriptCase } from '../case.js';
import { fourDecimals, doublesFromDraws } from './random-inputs.js';

/**
 * The in-place samplers (uniform_, normal_, random_, bernoulli_, exponential_), their nodes in a
 * graph, randint, bernoulli and dropout masks, and DataLoader's shuffle: values from PyTorch's
 * prints or from the uniforms PyTorch compares, rebuilt from raw draws.
 */
export const randomFillScripts = [
  {
    id: 'random/uniform-normal-in-place',
    run: async (check) => {
      // uniform_(a, b) is a * ... of the same 24-bit draws as rand: x * (b - a) + a.
      manualSeed(42);
      const u = await rand([5]).toTypedArray();
      manualSeed(42);
      await check.close(
        zeros([5]).uniform_(-2, 2),
        Array.from(u, (v) => v * 4 - 2),
        'uniform_(-2, 2)',
      );
      // normal_(mean, std) and torch.normal: unit normals (seed 21's printed above) scaled and shifted.
      manualSeed(21);
      const z = Array.from(await randn([3]).toTypedArray());
      manualSeed(21);
      await check.close(
        zeros([3]).normal_(1, 2),
        z.map((v) => 1 + 2 * v),
        'normal_(1, 2)',
      );
      manualSeed(21);
      await check.close(
        normal(tensor([10, 20, 30]), 1),
        z.map((v, i) => 10 * (i + 1) + v),
        'normal(mean tensor, 1)',
      );
      manualSeed(21);
      await check.close(
        normal(0, tensor([1, 2, 3])),
        z.map((v, i) => (i + 1) * v),
        'normal(0, std tensor)',
      );
      manualSeed(21);
      check.equal(await fourDecimals(normal(0, 1, [3])), ['0.1081', '-0.4376', '-0.7697'], 'normal(0, 1, [3])');
    },
  },
  {
    id: 'random/fills-in-memory-order',
    run: async (check) => {
      // PyTorch's kernels fill a view in memory order: through a transposed view, draw k lands
      // at memory position k, so the base holds the draws row by row.
      manualSeed(42);
      const base = zeros([3, 2]);
      base.t().uniform_();
      await check.prints(
        base,
        'tensor([[0.8823, 0.9150],\n        [0.3829, 0.9593],\n        [0.3904, 0.6009]])',
        'uniform_ through .t()',
      );
      // normal_ into a tensor that is not contiguous takes the scalar path even from 16 up:
      // the same numbers as two randn(8) (below 16, pairs complete).
      manualSeed(0);
      const scalar = [...(await randn([8]).toTypedArray()), ...(await randn([8]).toTypedArray())];
      manualSeed(0);
      const square = zeros([4, 4]);
      square.t().normal_();
      await check.close(
        square,
        [0, 1, 2, 3].map((r) => scalar.slice(4 * r, 4 * r + 4)),
        'normal_ through .t()',
      );
    },
  },
  {
    id: 'random/sampler-gradients',
    run: async (check) => {
      // PyTorch's samplers are in the graph with a zero gradient (derivatives.yaml: normal's
      // mean and std, bernoulli's probabilities get zeros).
      const mean = tensor([1, 2, 3], { requiresGrad: true });
      const std = tensor([1, 2, 3], { requiresGrad: true });
      const p = tensor([0.2, 0.5, 0.9], { requiresGrad: true });
      const a = normal(mean, 1);
      const b = normal(0, std);
      const c = normal(mean, std);
      const d = bernoulli(p);
      check.equal(
        [a, b, c, d].map((t) => t.gradFn?.name),
        ['NormalBackward1', 'NormalBackward2', 'NormalBackward3', 'BernoulliBackward0'],
        'gradFn',
      );
      a.add(b).add(c).add(d).sum().backward();
      await check.close(mean.grad, [0, 0, 0], 'mean grad');
      await check.close(std.grad, [0, 0, 0], 'std grad');
      await check.close(p.grad, [0, 0, 0], 'p grad');
      // In-place fills of a tensor in the graph stay in it, as PyTorch's nodes with zero gradient.
      const leaf = tensor([1, 2, 3], { requiresGrad: true });
      const fills: [string, (t: Tensor) => Tensor][] = [
        ['UniformBackward0', (t) => t.uniform_()],
        ['NormalBackward0', (t) => t.normal_()],
        ['ExponentialBackward0', (t) => t.exponential_()],
        ['RandomBackward1', (t) => t.random_(5)],
        ['RandomBackward0', (t) => t.random_(1, 5)],
        ['RandomBackward2', (t) => t.random_()],
        ['BernoulliBackward2', (t) => t.bernoulli_(0.5)],
        ['BernoulliBackward1', (t) => t.bernoulli_(tensor([0.1, 0.5, 0.9]))],
      ];
      for (const [name, fill] of fills) {
        const y = fill(leaf.mul(2));
        check.equal(y.gradFn?.name, name, `gradFn of ${name}`);
        y.sum().backward();
      }
      await check.close(leaf.grad, [0, 0, 0], 'leaf grad through the fills');
      // bernoulli(x, p) fills a new tensor: no graph.
      check.equal(bernoulli(p, 0.5).requiresGrad, false, 'bernoulli(x, p) requiresGrad');
    },
  },
  {
    id: 'random/random-and-randint',
    run: async (check) => {
      // randint and random_(from, to) are (32 random bits % (to - from)) + from; random_()
      // alone is bits % 2^31 for int32 and bits % (2^24 + 1) for float32. The draws of seed 42
      // are NumPy's MT19937 (legacy seeding) outputs: 1608637542, 3421126067, 4083286876, ...
      manualSeed(42);
      check.equal(await randint(10, [6]).toArray(), [2, 7, 6, 4, 6, 5], 'randint(10, [6])');
      manualSeed(42);
      check.equal(await zeros([6], { dtype: 'int32' }).random_(10).toArray(), [2, 7, 6, 4, 6, 5], 'random_(10)');
      manualSeed(42);
      check.equal(
        await zeros([6], { dtype: 'int32' }).random_(undefined, 10).toArray(),
        [2, 7, 6, 4, 6, 5],
        'random_(from=0, 10)',
      );
      manualSeed(42);
      check.equal(await zeros([3], { dtype: 'int32' }).random_(-10, 10).toArray(), [-8, -3, 6], 'random_(-10, 10)');
      manualSeed(42);
      check.equal(
        await zeros([3], { dtype: 'int32' }).random_().toArray(),
        [1608637542, 1273642419, 1935803228],
        'random_() int32',
      );
      manualSeed(42);
      check.equal(await zeros([3]).random_().toArray(), [14801927, 15351016, 6423145], 'random_() float32');
      check.equal(randint(3, [2]).dtype, 'int32', 'randint is int32 (PyTorch: int64)');
      check.equal(randint(0, 3, [2], { dtype: 'float32' }).dtype, 'float32', 'randint with a dtype');
    },
  },
  {
    id: 'random/bernoulli-and-dropout',
    run: async (check) => {
      // bernoulli with a float32 tensor of probabilities: 1 where a 24-bit uniform (rand's
      // draw) is below p. Seed 42's uniforms: 0.8823, 0.9150, 0.3829, 0.9593, 0.3904.
      const p = tensor([0.9, 0.9, 0.3, 1, 0.5]);
      manualSeed(42);
      check.equal(await bernoulli(p).toArray(), [1, 0, 0, 1, 1], 'bernoulli(p)');
      manualSeed(42);
      check.equal(await p.bernoulli().toArray(), [1, 0, 0, 1, 1], 'p.bernoulli()');
      // With one probability (bernoulli_(p), dropout's mask) each uniform is a double.
      manualSeed(7);
      const u = await doublesFromDraws(2000);
      manualSeed(7);
      check.equal(
        Array.from(await zeros([2000]).bernoulli_(0.3).toTypedArray()),
        u.map((v) => (v < 0.3 ? 1 : 0)),
        'bernoulli_(0.3)',
      );
      manualSeed(7);
      check.equal(
        Array.from(await bernoulli(zeros([2000]), 0.3).toTypedArray()),
        u.map((v) => (v < 0.3 ? 1 : 0)),
        'bernoulli(x, 0.3)',
      );
      // dropout(x, p): noise.bernoulli_(1 - p), divided by 1 - p, times x.
      manualSeed(7);
      const kept = Array.from(await F.dropout(ones([2000]), 0.75).toTypedArray());
      check.equal(
        kept,
        u.map((v) => (v < 0.25 ? 4 : 0)),
        'dropout(0.75) mask',
      );
      const layer = new nn.Dropout(0.75);
      manualSeed(7);
      check.equal(Array.from(await layer.forward(ones([2000])).toTypedArray()), kept, 'nn.Dropout');
    },
  },
  {
    id: 'random/dataloader-shuffle-order',
    run: async (check) => {
      // PyTorch's DataLoader draws an int64 base seed per iteration; RandomSampler then seeds a
      // fresh Generator from one more int64 draw and takes randperm(n) from it. With seed 0
      // NumPy's MT19937 gives the draws 2357136044, 2546248239 (base seed), 3071714933,
      // 3626093760 (the sampler's seed, whose low word 3626093760 seeds the twister); its
      // randperm(10) is below, and the next epoch's from the next four draws.
      const loader = new data.DataLoader(new data.TensorDataset(arange(10)), { batchSize: 10, shuffle: true });
      manualSeed(0);
      const epochs: number[][] = [];
      for (let e = 0; e < 2; e++) for (const [x] of loader) epochs.push((await x!.toArray()) as number[]);
      check.equal(
        epochs,
        [
          [6, 7, 1, 4, 2, 0, 9, 8, 3, 5],
          [2, 4, 7, 0, 8, 9, 5, 3, 6, 1],
        ],
        'two epochs',
      );
      // With a generator of its own the loader shuffles from it alone, after its base seed.
      const g = new Generator().manualSeed(0);
      const own = new data.DataLoader(new data.TensorDataset(arange(10)), {
        batchSize: 10,
        shuffle: true,
        generator: g,
      });
      const ref = new Generator().manualSeed(0);
      randint(2, [2], { generator: ref }); // two 32-bit draws, as the base seed takes
      const batch = [...own][0]![0]!;
      check.equal(await batch.toArray(), await randperm(10, { generator: ref }).toArray(), 'generator option');
    },
  },
] as const satisfies readonly ScriptCase[];
