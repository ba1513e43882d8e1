import type { Tensor } from '@ag/core';
import { autograd, functional, manualSeed, ones, tensor, utils } from '@ag/core';
import type { ScriptCase } from '../case.js';

/**
 * torch.autograd.backward over several outputs, functional.hvp / vhp,
 * register_post_accumulate_grad_hook and torch.utils.checkpoint, on the backend under test.
 * Every value is a closed-form derivative.
 */
export const autogradExtraCases = [
  {
    id: 'autograd-extras/backward-of-several-outputs-sums-into-the-leaves',
    run: async (check) => {
      const x = tensor([1, 2, 3], { requiresGrad: true });
      autograd.backward([x.pow(2).sum(), x.mul(x)], [null, tensor([1, 0, 2])]); // 2x + 2x v
      await check.close(x.grad, [4, 4, 18]);
    },
  },
  {
    id: 'autograd-extras/hvp-and-vhp-of-sum-x2-y',
    run: async (check) => {
      // f = sum(x^2 y): H v = [2y vx + 2x vy, 2x vx]; symmetric, so v^T H is the same.
      const f = (x: Tensor, y: Tensor) => x.pow(2).mul(y).sum();
      const inputs = [tensor([1, 2]), tensor([3, -1])];
      const v = [tensor([1, 0.5]), tensor([2, -1])];
      for (const product of [autograd.hvp, autograd.vhp]) {
        const [out, [hx, hy]] = product(f, inputs, v);
        await check.close(out, -1);
        await check.close(hx!, [10, -5]);
        await check.close(hy!, [2, 2]);
      }
    },
  },
  {
    id: 'autograd-extras/post-accumulate-grad-hook-sees-the-whole-gradient',
    run: async (check) => {
      const w = tensor([1, 2], { requiresGrad: true });
      const seen: Tensor[] = [];
      w.registerPostAccumulateGradHook((t) => {
        seen.push(t.grad!.clone());
      });
      // Two paths reach w: the hook runs once, after both have accumulated (3 + 2w).
      w.mul(3).add(w.pow(2)).sum().backward();
      check.equal(seen.length, 1, 'hook calls');
      await check.close(seen[0]!, [5, 7]);
    },
  },
  {
    id: 'autograd-extras/checkpoint-matches-the-plain-gradients',
    run: async (check) => {
      const w = tensor([2, -1], { requiresGrad: true });
      const x = tensor([0.5, 1.5], { requiresGrad: true });
      const y = utils.checkpoint((t: Tensor) => t.mul(w).tanh(), x);
      check.equal(y.gradFn?.name, 'CheckpointFunctionBackward', 'grad_fn');
      y.sum().backward(); // d tanh(xw) = (1 - tanh^2) * w (for x), * x (for w)
      const s = [Math.tanh(1), Math.tanh(-1.5)].map((t) => 1 - t * t);
      await check.close(x.grad, [s[0]! * 2, s[1]! * -1]);
      await check.close(w.grad, [s[0]! * 0.5, s[1]! * 1.5]);
    },
  },
  {
    id: 'autograd-extras/checkpoint-replays-dropout-mask',
    run: async (check) => {
      manualSeed(3);
      const x = ones([32], { requiresGrad: true });
      const y = utils.checkpoint((t: Tensor) => functional.dropout(t, 0.5, true), x);
      y.sum().backward(); // the recomputation draws the forward's mask: grad = y (ones scaled by 2, or 0)
      await check.close(x.grad, await y.detach().toArray());
    },
  },
] as const satisfies readonly ScriptCase[];
