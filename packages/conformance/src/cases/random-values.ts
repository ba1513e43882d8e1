import {
  getBackend,
  Generator,
  manualSeed,
  multinomial,
  rand,
  randint,
  randLike,
  randn,
  randnLike,
  randperm,
  tensor,
  zeros,
} from '@ag/core';
import type { ScriptCase } from '../case.js';
import { fourDecimals, f4, doublesFromDraws } from './random-inputs.js';

/**
 * rand, randn (below and from 16 elements), float64, Generator objects, multinomial, randperm.
 * Random numbers as PyTorch's CPU generator makes them: after `manualSeed(s)` the same calls
 * print what PyTorch prints. The printed forms below are PyTorch's own output, quoted from
 * where it was published (the source is named at each case); a learner copying those lines
 * gets these numbers. The generator runs on the host, so every backend gives the same values.
 */
export const randomValueScripts = [
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
] as const satisfies readonly ScriptCase[];
