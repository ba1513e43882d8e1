import type { Tensor } from '@ag/core';
import { optim, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

/**
 * Optimizers against their documented update rules, evaluated on plain numbers here (the loss
 * sum(p^2) has gradient 2p, so every step is a closed form).
 */
function quadraticSteps(opt: optim.Optimizer<object>, p: Tensor, steps: number): void {
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    p.pow(2).sum().backward();
    opt.step();
  }
}

/** PyTorch's Adam(W) update on numbers, for one coordinate over `steps` steps of sum(p^2). */
function adamReference(p0: number, steps: number, lr: number, wd: number, decoupled: boolean): number {
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  let [p, m, v] = [p0, 0, 0];
  for (let t = 1; t <= steps; t++) {
    let g = 2 * p;
    if (decoupled) p *= 1 - lr * wd;
    else g += wd * p;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    p -= ((lr / (1 - b1 ** t)) * m) / (Math.sqrt(v) / Math.sqrt(1 - b2 ** t) + eps);
  }
  return p;
}

export const optimCases = [
  {
    id: 'optim/sgd-plain-and-weight-decay',
    run: async (check) => {
      const p = tensor([1, 2], { requiresGrad: true });
      quadraticSteps(new optim.SGD([p], { lr: 0.1 }), p, 1);
      await check.close(p, [0.8, 1.6]);
      const q = tensor([1, 2], { requiresGrad: true });
      quadraticSteps(new optim.SGD([q], { lr: 0.1, weightDecay: 0.1 }), q, 1);
      await check.close(q, [0.79, 1.58]);
    },
  },
  {
    id: 'optim/sgd-momentum-and-nesterov',
    run: async (check) => {
      const p = tensor([1, 2], { requiresGrad: true });
      quadraticSteps(new optim.SGD([p], { lr: 0.1, momentum: 0.9 }), p, 2);
      await check.close(p, [0.46, 0.92]); // buf = 2p0, then 0.9 buf + 2p1
      const q = tensor([1, 2], { requiresGrad: true });
      quadraticSteps(new optim.SGD([q], { lr: 0.1, momentum: 0.9, nesterov: true }), q, 1);
      await check.close(q, [0.62, 1.24]); // g + 0.9 g
    },
  },
  {
    id: 'optim/adam-three-steps',
    run: async (check) => {
      const p = tensor([1, -2, 0.5], { requiresGrad: true });
      quadraticSteps(new optim.Adam([p], { lr: 0.1 }), p, 3);
      await check.close(
        p,
        [1, -2, 0.5].map((v) => adamReference(v, 3, 0.1, 0, false)),
      );
    },
  },
  {
    id: 'optim/adam-l2-vs-adamw-decoupled',
    run: async (check) => {
      const p = tensor([1, -2], { requiresGrad: true });
      quadraticSteps(new optim.Adam([p], { lr: 0.05, weightDecay: 0.1 }), p, 2);
      await check.close(
        p,
        [1, -2].map((v) => adamReference(v, 2, 0.05, 0.1, false)),
      );
      const q = tensor([1, -2], { requiresGrad: true });
      quadraticSteps(new optim.AdamW([q], { lr: 0.05, weightDecay: 0.1 }), q, 2);
      await check.close(
        q,
        [1, -2].map((v) => adamReference(v, 2, 0.05, 0.1, true)),
      );
    },
  },
  {
    id: 'optim/rmsprop-and-adagrad-first-step',
    run: async (check) => {
      // RMSprop: v = 0.01 g^2, step lr g / (sqrt(v) + eps) = lr / 0.1 * sign(g)
      const p = tensor([1, -2], { requiresGrad: true });
      quadraticSteps(new optim.RMSprop([p], { lr: 0.01 }), p, 1);
      await check.close(p, [1 - 0.1 * (2 / (2 + 1e-7)), -2 + 0.1 * (4 / (4 + 1e-7))]);
      // Adagrad: sum = g^2, step lr g / (|g| + eps)
      const q = tensor([1, -2], { requiresGrad: true });
      quadraticSteps(new optim.Adagrad([q], { lr: 0.5 }), q, 1);
      await check.close(q, [0.5, -1.5]);
    },
  },
  {
    id: 'optim/param-groups-and-state-dict',
    run: async (check) => {
      const a = tensor([1], { requiresGrad: true });
      const b = tensor([1], { requiresGrad: true });
      const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
      a.pow(2).sum().add(b.pow(2).sum()).backward();
      opt.step();
      await check.close(a, [0.8]);
      await check.close(b, [0]);
      const saved = opt.stateDict();
      check.equal(
        saved.paramGroups.map((g) => g.params),
        [[0], [1]],
        'params by index',
      );
      check.equal(saved.paramGroups[1]!.lr, 0.5, 'group lr');
      const again = new optim.SGD([{ params: [a] }, { params: [b] }], { lr: 0.1, momentum: 0.9 });
      again.loadStateDict(saved);
      check.equal(again.paramGroups[1]!.lr, 0.5, 'loaded lr');
      await check.close(again.state.get(a)!.momentumBuffer as Tensor, [2], 'loaded momentum buffer');
    },
  },
  {
    id: 'optim/refuses-non-leaf-and-no-grad',
    run: (check) => {
      const x = tensor([1], { requiresGrad: true });
      check.throws(
        () => new optim.SGD([x.mul(2)], { lr: 0.1 }),
        /^SGD: can't optimize a non-leaf Tensor \(made by MulBackward0\)/,
        'value',
      );
      check.throws(
        () => new optim.Adam([tensor([1])]),
        /^Adam: optimizer can only optimize Tensors that require grad; this float32 tensor of shape \[1\] does not$/,
        'value',
      );
      return Promise.resolve();
    },
  },
  {
    id: 'optim/lr-schedulers',
    run: (check) => {
      const opt = () => new optim.SGD([tensor([1], { requiresGrad: true })], { lr: 1 });
      const lrs = (s: optim.LRScheduler, n: number) =>
        Array.from({ length: n }, () => {
          const lr = s.getLastLr()[0]!;
          s.step();
          return Number(lr.toPrecision(12));
        });
      check.equal(lrs(new optim.StepLR(opt(), 2, 0.5), 5), [1, 1, 0.5, 0.5, 0.25], 'StepLR');
      check.equal(lrs(new optim.MultiStepLR(opt(), [1, 3], 0.1), 4), [1, 0.1, 0.1, 0.01], 'MultiStepLR');
      check.equal(lrs(new optim.ExponentialLR(opt(), 0.5), 3), [1, 0.5, 0.25], 'ExponentialLR');
      check.equal(lrs(new optim.CosineAnnealingLR(opt(), 2), 3), [1, 0.5, 0], 'CosineAnnealingLR');
      check.equal(lrs(new optim.LinearLR(opt(), 0.5, 1, 2), 4), [0.5, 0.75, 1, 1], 'LinearLR');
      // OneCycle over 10 steps: up from 1/25 to 1 in steps 0..2, then cosine down to 1/25/1e4 at step 9
      const one = lrs(new optim.OneCycleLR(opt(), 1, 10), 10);
      check.equal([one[0], one[2], one[9]], [0.04, 1, Number((0.04 / 1e4).toPrecision(12))], 'OneCycleLR ends');
      return Promise.resolve();
    },
  },
] as const satisfies readonly ScriptCase[];
