import { inferenceMode, isInferenceModeEnabled, manualSeed, noGrad, tensor, zeros } from '@ag/core';
import type { ScriptCase } from '../case.js';

/** In-place ops (add_, mul_, ...), version counters and inference mode, as PyTorch. */
export const inplaceCases = [
  {
    id: 'inplace/arithmetic-writes-the-same-tensor',
    run: async (check) => {
      const x = tensor([1, 2, 3]);
      const r = x
        .add_(1)
        .mul_(2)
        .sub_(tensor([1, 1, 1]))
        .div_(2);
      check.equal(r === x, true, 'returns the tensor itself');
      await check.close(x, [1.5, 2.5, 3.5]);
      x.pow_(2).neg_().abs_().sqrt_();
      await check.close(x, [1.5, 2.5, 3.5]);
      x.fill_(4).log_().exp_();
      await check.close(x, [4, 4, 4]);
      x.zero_();
      await check.close(x, [0, 0, 0]);
      const y = tensor([-2, 0.5, 3]);
      y.clamp_(-1, 1);
      await check.close(y, [-1, 0.5, 1]);
      y.relu_();
      await check.close(y, [0, 0.5, 1]);
      y.tanh_();
      await check.close(y, [0, Math.tanh(0.5), Math.tanh(1)]);
      y.zero_().sigmoid_();
      await check.close(y, [0.5, 0.5, 0.5]);
      y.maskedFill_(tensor([true, false, true]), 7);
      await check.close(y, [7, 0.5, 7]);
      y.copy_(tensor([1, 2, 3]));
      await check.close(y, [1, 2, 3]);
    },
  },
  {
    id: 'inplace/version-counter-bumps',
    run: async (check) => {
      const x = tensor([1, 2]);
      const before = x.version;
      x.add_(1);
      x.mul_(3);
      check.equal(x.version - before, 2);
      await check.close(x, [6, 9]);
    },
  },
  {
    id: 'inplace/on-a-view-writes-through-to-the-base',
    run: async (check) => {
      const base = tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      base.select(1, 1).mul_(10);
      await check.close(base, [
        [1, 20, 3],
        [4, 50, 6],
      ]);
      base.t().select(0, 0).fill_(0);
      await check.close(base, [
        [0, 20, 3],
        [0, 50, 6],
      ]);
    },
  },
  {
    id: 'inplace/broadcast-other-and-copy-broadcast',
    run: async (check) => {
      const x = zeros([2, 2]);
      x.add_(tensor([1, 2]));
      await check.close(x, [
        [1, 2],
        [1, 2],
      ]);
      x.copy_(tensor([5]));
      await check.close(x, [
        [5, 5],
        [5, 5],
      ]);
      check.throws(
        () => tensor([1, 2]).add_(zeros([2, 2])),
        /add_: output with shape \[2\] doesn't match the broadcast shape \[2, 2\]/,
        'shape',
      );
    },
  },
  {
    id: 'inplace/on-leaf-requiring-grad-throws',
    run: async (check) => {
      const w = tensor([1, 2], { requiresGrad: true });
      check.throws(
        () => w.add_(1),
        /a leaf Variable that requires grad is being used in an in-place operation/,
        'autograd',
      );
      await check.close(w, [1, 2], 'w unchanged');
      check.equal(w.version, 0, 'version unchanged');
      check.equal(w.isLeaf, true);
    },
  },
  {
    id: 'inplace/on-leaf-under-no-grad-updates-weights',
    run: async (check) => {
      const w = tensor([1, 2], { requiresGrad: true });
      w.mul(w).sum().backward();
      noGrad(() => w.sub_(w.grad!.mul(0.5)));
      await check.close(w, [0, 0]);
      check.equal(w.isLeaf && w.requiresGrad, true, 'still a leaf requiring grad');
      w.grad!.zero_();
      await check.close(w.grad, [0, 0]);
    },
  },
  {
    id: 'inplace/rebases-history-on-non-leaf',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = x.mul(2);
      y.mul_(y.detach().add(1)); // y <- y * (y + 1) with the factor a constant
      check.equal(y.gradFn?.name, 'MulBackward0');
      y.exp_();
      check.equal(y.gradFn?.name, 'ExpBackward0');
      y.sum().backward();
      // y = exp(2x * c), c = [3, 5]: dy/dx = exp(2 x c) * 2c
      await check.close(
        x.grad,
        [Math.exp(6) * 6, Math.exp(20) * 10].map((v) => v),
        'x.grad',
      );
    },
  },
  {
    id: 'inplace/self-in-formula-uses-original-values',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const w = tensor([3, 4], { requiresGrad: true });
      const y = x.mul(1);
      y.mul_(w); // d/dw (y0 * w) = y0, the values before the write
      y.mul_(y.detach().clone()); // a detached alias would be saved, then modified: clone it
      y.sum().backward();
      // y = x w c with c = x w held constant: dy/dx = w c, dy/dw = x c
      await check.close(x.grad, [9, 32]);
      await check.close(w.grad, [3, 16]);
    },
  },
  {
    id: 'inplace/copy-into-non-leaf-routes-gradient-to-source',
    run: async (check) => {
      const x = tensor([1, 2], { requiresGrad: true });
      const s = tensor([5, 6], { requiresGrad: true });
      const y = x.mul(3);
      y.copy_(s.mul(2));
      y.sum().backward();
      await check.close(s.grad, [2, 2]);
      // CopyBackwards sends zeros to y's old history, as PyTorch's: x gets zeros, not None.
      await check.close(x.grad, [0, 0]);
    },
  },
  {
    id: 'inplace/modified-saved-tensor-throws',
    run: async (check) => {
      const x = tensor([1, 2, 3], { requiresGrad: true });
      const y = x.exp();
      const out = y.sum().mul(y.sum());
      y.add_(1);
      check.throws(
        () => {
          y.exp().sum().backward();
          out.backward();
        },
        /one of the variables needed for gradient computation has been modified by an inplace operation: \[float32 \[3\]\], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead/,
        'autograd',
      );
      check.equal(x.grad, null, 'x.grad unchanged by the failed backward');
      await Promise.resolve();
    },
  },
  {
    id: 'inplace/int-tensor-refuses-float-result',
    run: async (check) => {
      const i = tensor([1, 2], { dtype: 'int32' });
      check.throws(() => i.mul_(0.5), /result type float32 can't be cast to the desired output type int32/, 'dtype');
      await check.close(i, [1, 2]);
      i.add_(3);
      await check.close(i, [4, 5]);
    },
  },
  {
    id: 'inplace/uniform-and-normal-are-seeded',
    run: async (check) => {
      manualSeed(7);
      const a = zeros([64]).uniform_(-2, 2);
      manualSeed(7);
      const b = zeros([64]).uniform_(-2, 2);
      await check.close(a, await b.toArray());
      const values = Array.from(await a.toTypedArray());
      check.equal(
        values.every((v) => v >= -2 && v < 2),
        true,
        'uniform_ in [from, to)',
      );
      const n = zeros([2000]).normal_(3, 0.5);
      const mean = await n.mean().item();
      check.equal(Math.abs(mean - 3) < 0.1, true, `normal_ mean near 3 (got ${mean})`);
    },
  },
  {
    id: 'inplace/inference-mode',
    run: async (check) => {
      const w = tensor([1, 2], { requiresGrad: true });
      const t = inferenceMode(() => {
        check.equal(isInferenceModeEnabled(), true);
        const r = w.mul(2);
        check.equal(r.requiresGrad, false, 'no graph inside inference mode');
        return r;
      });
      check.equal(isInferenceModeEnabled(), false);
      check.equal(t.isInference(), true);
      await check.close(t, [2, 4]);
      check.throws(
        () => w.mul(t),
        /Inference tensors cannot be saved for backward. To work around you can make a clone/,
        'autograd',
      );
      check.throws(
        () => t.add_(1),
        /Inplace update to inference tensor outside InferenceMode is not allowed/,
        'autograd',
      );
      await check.close(t, [2, 4], 't unchanged');
      const c = t.clone();
      check.equal(c.isInference(), false, 'a clone outside is a normal tensor');
      w.mul(c).sum().backward();
      await check.close(w.grad, [2, 4]);
    },
  },
] as const satisfies readonly ScriptCase[];
