import type { Tensor } from '@ag/core';
import {
  arange,
  bernoulli,
  data,
  getBackend,
  functional as F,
  Generator,
  manualSeed,
  multinomial,
  nn,
  normal,
  ones,
  rand,
  randint,
  randLike,
  randn,
  randnLike,
  randperm,
  tensor,
  zeros,
} from '@ag/core';
import type { ErrorCase, ScriptCase } from '../case.js';

/**
 * Random numbers as PyTorch's CPU generator makes them: after `manualSeed(s)` the same calls
 * print what PyTorch prints. The printed forms below are PyTorch's own output, quoted from
 * where it was published (the source is named at each case); a learner copying those lines
 * gets these numbers. The generator runs on the host, so every backend gives the same values.
 */

/** The values rounded to 4 decimals, as PyTorch prints them. */
async function fourDecimals(t: Tensor): Promise<string[]> {
  return Array.from(await t.toTypedArray(), (v) => v.toFixed(4));
}

const f4 = (values: readonly number[]): string[] => values.map((v) => v.toFixed(4));

/**
 * `n` doubles as PyTorch draws them: the low 53 bits of two 32-bit draws (high word first)
 * over 2^53, rebuilt from randint(-2^31, 2^31), which shows each raw draw as draw - 2^31.
 * Needs no float64, so it runs on every device.
 */
async function doublesFromDraws(n: number): Promise<number[]> {
  const bits = Array.from(await randint(-(2 ** 31), 2 ** 31, [2 * n]).toTypedArray(), (v) => v + 2 ** 31);
  return Array.from({ length: n }, (_, i) => ((bits[2 * i]! % 2 ** 21) * 2 ** 32 + bits[2 * i + 1]!) / 2 ** 53);
}

export const randomScripts = [
  {
    id: 'random/rand-seed-42',
    run: async (check) => {
      // A PyTorch 2.0 notebook (being-aerys/Deep_Learning_Marathon_with_PyTorch), and
      // deeplearninguniversity.com's torch.rand page for the 2 x 3 calls that follow the seed.
      manualSeed(42);
      await check.prints(rand([1, 5]), 'tensor([[0.8823, 0.9150, 0.3829, 0.9593, 0.3904]])', 'rand(1, 5)');
      manualSeed(42);
      await check.prints(
        rand([2, 3]),
        'tensor([[0.8823, 0.9150, 0.3829],\n        [0.9593, 0.3904, 0.6009]])',
        'rand(2, 3)',
      );
      await check.prints(
        rand([2, 3]),
        'tensor([[0.2566, 0.7936, 0.9408],\n        [0.1332, 0.9346, 0.5936]])',
        'next rand(2, 3)',
      );
      // ... and torch.randint(-10, 10, (4, 5)) right after: its first two rows.
      check.equal(
        await randint(-10, 10, [2, 5]).toArray(),
        [
          [0, 4, 1, 2, 5],
          [5, -3, -4, -1, 6],
        ],
        'randint(-10, 10)',
      );
    },
  },
  {
    id: 'random/randn-below-16-box-muller',
    run: async (check) => {
      // sprintchase.com's torch.manual_seed and torch.randn pages.
      manualSeed(21);
      await check.prints(randn([3]), 'tensor([ 0.1081, -0.4376, -0.7697])', 'randn(3), seed 21');
      manualSeed(42);
      await check.prints(
        randn([2, 3]),
        'tensor([[ 0.3367,  0.1288,  0.2345],\n        [ 0.2303, -1.1229, -0.1863]])',
        'randn(2, 3), seed 42',
      );
      // Each pair's second sample is cached: randn(1) three times is randn(3).
      manualSeed(21);
      const one = [
        ...(await randn([1]).toTypedArray()),
        ...(await randn([1]).toTypedArray()),
        ...(await randn([1]).toTypedArray()),
      ];
      check.equal(f4(one), ['0.1081', '-0.4376', '-0.7697'], 'randn(1) x 3 uses the cached sample');
    },
  },
  {
    id: 'random/randn-from-16-normal-fill',
    run: async (check) => {
      // kornia's CenterCrop docstring: torch.manual_seed(0); torch.randn(1, 1, 4, 4).
      manualSeed(0);
      await check.prints(
        randn([1, 1, 4, 4]),
        'tensor([[[[-1.1258, -1.1524, -0.2506, -0.4339],\n          [ 0.8487,  0.6920, -0.3160, -2.1152],\n          [ 0.3223, -1.2633,  0.3500,  0.3081],\n          [ 0.1198,  1.2377,  1.1168, -0.2473]]]])',
        'randn(1, 1, 4, 4), seed 0',
      );
      // A generated test's args (torch.manual_seed(0), two randn(4, 4) in a row): the stream goes on.
      await check.prints(
        randn([4, 4]),
        'tensor([[-1.3527, -1.6959,  0.5667,  0.7935],\n        [ 0.5988, -1.5551, -0.3414,  1.8530],\n        [ 0.7502, -0.5855, -0.1734,  0.1835],\n        [ 1.3894,  1.5863,  0.9463, -0.8437]])',
        'the next randn(4, 4)',
      );
    },
  },
  {
    id: 'random/randn-tail-recomputed',
    run: async (check) => {
      // Sizes that are no multiple of 16: the last 16 are drawn afresh. karpathy/llm.c's
      // doc: torch.manual_seed(42); torch.randn(2, 3, 4).
      manualSeed(42);
      await check.prints(
        randn([2, 3, 4]),
        'tensor([[[ 1.9269,  1.4873,  0.9007, -2.1055],\n         [ 0.6784, -1.2345, -0.0431, -1.6047],\n         [ 0.3559, -0.6866, -0.4934,  0.2415]],\n\n        [[-1.1109,  0.0915, -2.3169, -0.2168],\n         [-0.3097, -0.3957,  0.8034, -0.6216],\n         [-0.5920, -0.0631, -0.8286,  0.3309]]])',
        'randn(2, 3, 4), seed 42',
      );
      // flashinfer's sampling docstrings: torch.manual_seed(42); torch.randn(4, 5).
      manualSeed(42);
      await check.prints(
        randn([4, 5]),
        'tensor([[ 1.9269,  1.4873,  0.9007, -2.1055, -0.7581],\n        [ 1.0783,  0.8008,  1.6806,  0.3559, -0.6866],\n        [-0.4934,  0.2415, -0.2316,  0.0418, -0.2516],\n        [ 0.8599, -0.3097, -0.3957,  0.8034, -0.6216]])',
        'randn(4, 5), seed 42',
      );
      // A group-quantization walkthrough: torch.manual_seed(42); torch.randn(2, 16) (two blocks).
      manualSeed(42);
      check.equal(
        await fourDecimals(randn([2, 16])),
        f4([
          1.9269, 1.4873, 0.9007, -2.1055, 0.6784, -1.2345, -0.0431, -1.6047, -0.7521, 1.6487, -0.3925, -1.4036,
          -0.7279, -0.5594, -0.7688, 0.7624, 1.6423, -0.1596, -0.4974, 0.4396, -0.7581, 1.0783, 0.8008, 1.6806, 1.2791,
          1.2964, 0.6105, 1.3347, -0.2316, 0.0418, -0.2516, 0.8599,
        ]),
        'randn(2, 16), seed 42',
      );
    },
  },
  {
    id: 'random/rand-float64',
    run: async (check) => {
      // A double takes the low 53 bits of two 32-bit draws, high word first. kornia's generator
      // tests (test_random_gen of the solarize and sharpness generators: torch.manual_seed(42),
      // eight uniforms, dtype float64) expect 0.0582, 0.0629, 0.1236, 0.0526, 0.5262, 0.4768,
      // 0.9552, 0.9288. Rebuilt here from the raw draws (randint(-2^31, 2^31) shows each as
      // draw - 2^31) on every device, and drawn by rand itself where float64 exists.
      const expected = f4([0.0582, 0.0629, 0.1236, 0.0526, 0.5262, 0.4768, 0.9552, 0.9288]);
      manualSeed(42);
      const rebuilt = await doublesFromDraws(8);
      check.equal(f4(rebuilt), expected, 'doubles from the raw draws');
      if (!getBackend().dtypes.includes('float64')) return;
      manualSeed(42);
      check.equal(await fourDecimals(rand([8], { dtype: 'float64' })), expected, 'rand(8, dtype=float64)');
    },
  },
  {
    id: 'random/linear-init',
    run: async (check) => {
      // sprintchase.com's torch.manual_seed page: torch.manual_seed(123); nn.Linear(4, 2).weight.
      manualSeed(123);
      const layer = new nn.Linear(4, 2);
      await check.prints(
        layer.weight.detach(),
        'tensor([[-0.2039,  0.0166, -0.2483,  0.1886],\n        [-0.4260,  0.3665, -0.3634, -0.3975]])',
        'Linear(4, 2).weight',
      );
      // nn.Embedding's weight is normal_ of its shape: torch.manual_seed(0); nn.Embedding(4, 4)
      // holds the randn(4, 4) that kornia's docstring prints (16 elements: the normal_fill path).
      manualSeed(0);
      await check.prints(
        new nn.Embedding(4, 4).weight.detach(),
        'tensor([[-1.1258, -1.1524, -0.2506, -0.4339],\n        [ 0.8487,  0.6920, -0.3160, -2.1152],\n        [ 0.3223, -1.2633,  0.3500,  0.3081],\n        [ 0.1198,  1.2377,  1.1168, -0.2473]])',
        'Embedding(4, 4).weight',
      );
      // nn.init with a generator of its own (PyTorch's generator=) draws the same numbers.
      const w = nn.init.kaimingUniform_(zeros([2, 4]), { a: Math.sqrt(5), generator: new Generator().manualSeed(123) });
      await check.prints(
        w,
        'tensor([[-0.2039,  0.0166, -0.2483,  0.1886],\n        [-0.4260,  0.3665, -0.3634, -0.3975]])',
        'kaimingUniform_ with a generator',
      );
      // The bias is drawn next, uniform in +-1/sqrt(in_features): the same stream as rand
      // scaled to [-0.5, 0.5) after the weight's 8 draws.
      manualSeed(123);
      rand([8]);
      const u = await rand([2]).toTypedArray();
      await check.close(
        layer.bias,
        Array.from(u, (v) => v - 0.5),
        'bias',
      );
    },
  },
  {
    id: 'random/linear-init-float32-exact',
    run: async (check) => {
      // torch.manual_seed(0); nn.Linear(3, 4): its weight and bias as NumPy printed them (the
      // shortest decimal naming the float32, at most 8 decimals), from a C port's test of that
      // layer; the first two rows appear again, for nn.Linear(3, 2), in a spherical-expansion
      // test. They tell PyTorch's Linux/macOS builds (x * (to - from) + from fused, rounded
      // once) from a build that rounds the product first: that prints -0.00432253, 0.30971587.
      manualSeed(0);
      const layer = new nn.Linear(3, 4);
      const prints8 = (v: number, e: number): boolean => Math.fround(e) === v || v.toFixed(8) === e.toFixed(8);
      const exact = async (t: Tensor, printed: number[], what: string): Promise<void> => {
        const got = Array.from(await t.toTypedArray());
        check.equal(
          got.map((v, i) => prints8(v, printed[i]!)),
          printed.map(() => true),
          `${what}: ${got.join(', ')}`,
        );
      };
      await exact(
        layer.weight,
        [
          -0.00432252, 0.30971584, -0.47518533, -0.4248946, -0.22236897, 0.15482073, -0.01143914, 0.45777494,
          -0.0512364, 0.15277413, -0.1744828, -0.11348708,
        ],
        'weight',
      );
      await exact(layer.bias!, [-0.5515707, -0.38236874, -0.23799711, 0.02138712], 'bias');
    },
  },
  {
    id: 'random/multihead-attention-init-order',
    run: async (check) => {
      // PyTorch's MultiheadAttention builds out_proj (a Linear: Kaiming weight, uniform bias)
      // before _reset_parameters draws in_proj_weight (Xavier-uniform) and zeroes the biases.
      manualSeed(0);
      const mha = new nn.MultiheadAttention(4, 2);
      manualSeed(0);
      const out = new nn.Linear(4, 4);
      const inProj = nn.init.xavierUniform_(zeros([12, 4]));
      await check.close(mha.out_proj.weight, await out.weight.toArray(), 'out_proj.weight');
      await check.close(mha.in_proj_weight, await inProj.toArray(), 'in_proj_weight');
      await check.close(mha.out_proj.bias, [0, 0, 0, 0], 'out_proj.bias');
    },
  },
  {
    id: 'random/generator-objects',
    run: async (check) => {
      // A generator of its own repeats its stream and leaves the default one alone.
      manualSeed(42);
      const g = new Generator().manualSeed(0);
      await check.prints(
        randn([1, 1, 4, 4], { generator: g }).view([16]).narrow(0, 0, 4),
        'tensor([-1.1258, -1.1524, -0.2506, -0.4339])',
        'randn with a generator',
      );
      await check.prints(
        rand([1, 5]),
        'tensor([[0.8823, 0.9150, 0.3829, 0.9593, 0.3904]])',
        'the default stream unmoved',
      );
      // getRngState / setRngState and the state of a Generator restore the stream.
      const state = g.getState();
      const a = await rand([5], { generator: g }).toArray();
      g.setState(state);
      check.equal(await rand([5], { generator: g }).toArray(), a, 'setState replays');
      // randLike / randnLike take the tensor's shape, dtype and device.
      manualSeed(42);
      const like = randLike(zeros([1, 5]));
      await check.prints(like, 'tensor([[0.8823, 0.9150, 0.3829, 0.9593, 0.3904]])', 'randLike');
      manualSeed(21);
      await check.prints(randnLike(zeros([3])), 'tensor([ 0.1081, -0.4376, -0.7697])', 'randnLike');
    },
  },
  {
    id: 'random/multinomial',
    run: async (check) => {
      // Karpathy's makemore (building makemore, part 1), the tutorial most learners copy:
      // g = torch.Generator().manual_seed(2147483647); p = torch.rand(3, generator=g)
      // prints tensor([0.7081, 0.3542, 0.1054]); p / p.sum() tensor([0.6064, 0.3033, 0.0903]);
      // torch.multinomial(p, num_samples=20, replacement=True, generator=g) the indices below.
      const g = new Generator().manualSeed(2147483647);
      const p = rand([3], { generator: g });
      await check.prints(p, 'tensor([0.7081, 0.3542, 0.1054])', 'rand(3, generator=g)');
      const probs = p.div(p.sum());
      await check.prints(probs, 'tensor([0.6064, 0.3033, 0.0903])', 'p / p.sum()');
      check.equal(
        await multinomial(probs, 20, true, { generator: g }).toArray(),
        [1, 1, 2, 0, 0, 2, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1],
        'multinomial(p, 20, replacement=True)',
      );
      // Rows sample independently, each from its own draws in turn; a 1-D input gives 1-D indices.
      const again = new Generator().manualSeed(2147483647);
      rand([3], { generator: again });
      const rows = await probs.unsqueeze(0).expand([2, 3]).multinomial(10, true, { generator: again }).toArray();
      check.equal(
        rows,
        [
          [1, 1, 2, 0, 0, 2, 1, 1, 0, 0],
          [0, 1, 1, 0, 0, 1, 1, 0, 0, 1],
        ],
        'two rows',
      );
      // Without replacement (and for one sample) PyTorch takes the largest p / q, q ~ Exp(1):
      // all of the categories, each once.
      const perm = (await multinomial(tensor([0.2, 0.3, 0.5]), 3, false, { generator: g }).toArray()) as number[];
      check.equal([...perm].sort(), [0, 1, 2], 'no replacement: each once');
      check.equal(await multinomial(tensor([0, 0, 1]), 1).toArray(), [2], 'one sample of a certain category');
      // exponential_ (PyTorch's default CPU kernel): -log(1 - u) / lambd of a double uniform.
      manualSeed(42);
      const u = await doublesFromDraws(4);
      manualSeed(42);
      await check.close(
        zeros([4]).exponential_(2),
        u.map((v) => -Math.log1p(-v) / 2),
        'exponential_(2)',
      );
    },
  },
  {
    id: 'random/randperm',
    run: async (check) => {
      // PyTorch's randperm_cpu below 2^32 / 20: element i swaps with i + random() % (n - i).
      // The 32-bit draws of seed 0 are NumPy's MT19937 (legacy seeding) outputs, put through
      // that loop: [4, 1, 7, 5, 3, 9, 0, 8, 6, 2].
      manualSeed(0);
      check.equal(await randperm(10).toArray(), [4, 1, 7, 5, 3, 9, 0, 8, 6, 2], 'randperm(10), seed 0');
      check.equal(randperm(10).dtype, 'int32', 'dtype');
      check.equal(await randperm(0).toArray(), [], 'randperm(0)');
      check.equal(await randperm(1).toArray(), [0], 'randperm(1)');
    },
  },
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

/** Bad arguments to the random ops: each names the op, what it got and what it takes. */
export const randomErrors = [
  {
    id: 'error/rand-int-dtype',
    inputs: () => [],
    run: () => rand([2], { dtype: 'int32' }),
    throws: /rand: expected a floating point dtype \(float32 or float64\), got int32/,
  },
  {
    id: 'error/randint-empty-range',
    inputs: () => [],
    run: () => randint(3, 3, [2]),
    throws: /randint: expects 'from' to be less than 'to', but got from=3 >= to=3/,
  },
  {
    id: 'error/randint-int32-range',
    inputs: () => [],
    run: () => randint(0, 2 ** 32, [2]),
    throws: /randint: the range \[0, 4294967296\) does not fit dtype int32/,
  },
  {
    id: 'error/uniform-from-above-to',
    inputs: () => [zeros([3])],
    run: (x) => x.uniform_(2, 1),
    throws: /uniform_: expects to return a \[from, to\) range, but found from=2 > to=1/,
  },
  {
    id: 'error/normal-negative-std',
    inputs: () => [zeros([3])],
    run: (x) => x.normal_(0, -1),
    throws: /normal_: normal expects std >= 0.0, but found std -1/,
  },
  {
    id: 'error/bernoulli-p-range',
    inputs: () => [zeros([3])],
    run: (x) => x.bernoulli_(1.5),
    throws: /bernoulli_: expects p to be in \[0, 1\], but got p=1.5/,
  },
  {
    id: 'error/bernoulli-int-probabilities',
    inputs: () => [zeros([3], { dtype: 'int32' })],
    run: (x) => bernoulli(x),
    throws: /bernoulli: expected a floating point dtype \(float32 or float64\), got int32/,
  },
  {
    id: 'error/random-generator-option',
    inputs: () => [],
    run: () => randn([2], { generator: JSON.parse('{}') as Generator }),
    throws: /randn: expected generator to be a Generator \(new Generator\(\)\), got \[object Object\]/,
  },
  {
    id: 'error/normal-shape-with-tensor',
    inputs: () => [zeros([3])],
    run: (m) => normal(m, 1, [3]),
    throws: /normal: a shape is taken only with a number mean and std/,
  },
  {
    id: 'error/multinomial-too-many-without-replacement',
    inputs: () => [tensor([0.5, 0.5])],
    run: (p) => multinomial(p, 3),
    throws: /multinomial: cannot sample n_sample > prob_dist.size\(-1\) samples without replacement \(3 > 2\)/,
  },
  {
    id: 'error/exponential-rate',
    inputs: () => [zeros([2])],
    run: (x) => x.exponential_(0),
    throws: /exponential_: exponential_ expects lambda > 0.0, but found lambda=0/,
  },
  {
    id: 'error/randperm-negative',
    inputs: () => [],
    run: () => randperm(-1),
    throws: /randperm: n must be a non-negative integer, got -1/,
  },
] as const satisfies readonly ErrorCase[];
