import type { Tensor } from '@ag/core';
import { autograd, tensor, vmap } from '@ag/core';
import type { ScriptCase } from '../case.js';

/**
 * torch.vmap and torch.autograd.forward_ad on the backend under test: per-slice results written
 * out by hand, and closed-form derivatives.
 */
export const vmapForwardAdCases = [
  {
    id: 'vmap/row-products-and-their-gradient',
    run: async (check) => {
      const x = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { requiresGrad: true },
      );
      const [s, p] = vmap((r: Tensor) => [r.sum(), r.prod()])(x);
      await check.close(s!, [3, 7]);
      await check.close(p!, [2, 12]);
      p!.sum().backward(); // d(ab)/da = b
      await check.close(x.grad, [
        [2, 1],
        [4, 3],
      ]);
    },
  },
  {
    id: 'vmap/in-dims-none-broadcasts-an-argument',
    run: async (check) => {
      const w = tensor([1, -1]);
      const out = vmap((r: Tensor, v: Tensor) => r.mul(v).sum(), { inDims: [1, null] })(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        w,
      );
      await check.close(out, [-3, -3, -3]); // column j: x[0, j] - x[1, j]
    },
  },
  {
    id: 'forward-ad/tangent-of-x2-sin-x',
    run: async (check) => {
      const { dualLevel, makeDual, unpackDual } = autograd.forwardAd;
      const xs = [0.5, 1.5];
      const ts = [1, -2];
      const tangent = dualLevel(
        () => unpackDual(makeDual(tensor(xs), tensor(ts)).pow(2).mul(tensor(xs).sin())).tangent,
      );
      // only the first factor carries the tangent: d(x^2) sin(c) = 2x t sin(c)
      await check.close(
        tangent,
        xs.map((v, i) => 2 * v * ts[i]! * Math.sin(v)),
      );
      const both = dualLevel(() => {
        const x = makeDual(tensor(xs), tensor(ts));
        return unpackDual(x.pow(2).mul(x.sin())).tangent;
      });
      await check.close(
        both,
        xs.map((v, i) => (2 * v * Math.sin(v) + v * v * Math.cos(v)) * ts[i]!),
      );
    },
  },
] as const satisfies readonly ScriptCase[];
