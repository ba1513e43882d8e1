import type { Tensor } from '@ag/core';
import { keep, optim, tensor, tidy } from '@ag/core';
import type { ScriptCase } from '../case.js';

/** tidy and dispose: what is released at once and what survives a scope. */
export const memoryCases = [
  {
    id: 'memory/tidy-disposes-intermediates-keeps-results',
    run: async (check) => {
      const x = tensor([1, 2, 3]);
      let inner: Tensor | null = null;
      let kept: Tensor | null = null;
      const { y } = tidy(() => {
        inner = x.mul(2);
        kept = keep(inner.add(1));
        return { y: inner.sum() };
      });
      check.equal(inner!.isDisposed, true, 'intermediate disposed');
      check.equal(kept!.isDisposed, false, 'kept tensor survives');
      check.equal(x.isDisposed, false, 'tensors from outside survive');
      await check.close(y, 12);
      check.throws(() => void inner!.toArray(), /disposed/, 'value');
    },
  },
  {
    id: 'memory/training-step-in-tidy-keeps-grads-and-state',
    run: async (check) => {
      const w = tensor([1, -1], { requiresGrad: true });
      const opt = new optim.SGD([w], { lr: 0.1, momentum: 0.9 });
      const step = () => {
        tidy(() => {
          opt.zeroGrad();
          w.pow(2).sum().backward();
          opt.step();
        });
      };
      step();
      step();
      // SGD with momentum, gradient 2w: w1 = 0.8 w0, buf1 = 2 w0; buf2 = 0.9 buf1 + 2 w1, w2 = w1 - 0.1 buf2
      check.equal(w.grad?.isDisposed, false, '.grad survives the scope');
      await check.close(w.grad, [1.6, -1.6], 'grad of the last step, 2 w1');
      await check.close(w, [0.8 - 0.1 * (1.8 + 1.6), -0.8 + 0.1 * (1.8 + 1.6)], 'momentum buffer survived');
    },
  },
] as const satisfies readonly ScriptCase[];
