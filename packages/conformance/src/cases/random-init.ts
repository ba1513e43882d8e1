import type { Tensor } from '@ag/core';
import { Generator, manualSeed, nn, rand, zeros } from '@ag/core';
import type { ScriptCase } from '../case.js';

/**
 * Layers' initial weights after `manualSeed`: nn.init's draws in PyTorch's order, printed as
 * PyTorch prints them (sources named at each case).
 */
export const randomInitScripts = [
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
] as const satisfies readonly ScriptCase[];
