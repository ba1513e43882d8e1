import type { Tensor } from '@ag/core';
import { optim, tensor } from '@ag/core';
import type { ErrorCase, ScriptCase } from '../case.js';

/**
 * NAdam, RAdam, Adamax, Adadelta and ASGD against their documented algorithms (torch.optim's
 * pseudo-code), run on plain numbers for the loss sum(p^2), whose gradient is 2p; parameter
 * groups as PyTorch exposes them; an async closure.
 */

function quadraticSteps(opt: optim.Optimizer<object>, p: Tensor, steps: number): void {
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    p.pow(2).sum().backward();
    opt.step();
  }
}

const P0 = [1, -2, 0.5];
const [B1, B2, EPS] = [0.9, 0.999, 1e-8];

/** NAdam on one coordinate: mu_t = b1 (1 - 0.96^(t psi) / 2), the Nesterov mix of g and m. */
function nadamRef(p0: number, steps: number, lr: number, psi = 4e-3): number {
  let [p, m, v, prod] = [p0, 0, 0, 1];
  for (let t = 1; t <= steps; t++) {
    const g = 2 * p;
    m = B1 * m + (1 - B1) * g;
    v = B2 * v + (1 - B2) * g * g;
    const mu = B1 * (1 - 0.5 * 0.96 ** (t * psi));
    const muNext = B1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi));
    prod *= mu;
    const denom = Math.sqrt(v / (1 - B2 ** t)) + EPS;
    p -= (lr * (1 - mu) * g) / (1 - prod) / denom + (lr * muNext * m) / (1 - prod * muNext) / denom;
  }
  return p;
}

/** RAdam on one coordinate: momentum only while rho_t <= 5, then the rectified adaptive step. */
function radamRef(p0: number, steps: number, lr: number): number {
  let [p, m, v] = [p0, 0, 0];
  const rhoInf = 2 / (1 - B2) - 1;
  for (let t = 1; t <= steps; t++) {
    const g = 2 * p;
    m = B1 * m + (1 - B1) * g;
    v = B2 * v + (1 - B2) * g * g;
    const mHat = m / (1 - B1 ** t);
    const rho = rhoInf - (2 * t * B2 ** t) / (1 - B2 ** t);
    if (rho > 5) {
      const r = Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho));
      p -= (lr * mHat * r * Math.sqrt(1 - B2 ** t)) / (Math.sqrt(v) + EPS);
    } else p -= lr * mHat;
  }
  return p;
}

export const optimVariantCases = [
  {
    id: 'optim/nadam-first-step-closed-form',
    run: async (check) => {
      // Step 1: denom = |g| (+ eps), m = 0.1 g, so p -= lr sign(g) (1 + 0.1 mu2 / (1 - mu1 mu2)).
      const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004);
      const mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
      const p = tensor(P0, { requiresGrad: true });
      quadraticSteps(new optim.NAdam([p], { lr: 0.1 }), p, 1);
      await check.close(
        p,
        P0.map((v) => v - 0.1 * Math.sign(v) * (1 + (0.1 * mu2) / (1 - mu1 * mu2))),
      );
    },
  },
  {
    id: 'optim/nadam-four-steps-and-decoupled-decay',
    run: async (check) => {
      const p = tensor(P0, { requiresGrad: true });
      quadraticSteps(new optim.NAdam([p], { lr: 0.05 }), p, 4);
      await check.close(
        p,
        P0.map((v) => nadamRef(v, 4, 0.05)),
      );
      // Decoupled decay shrinks p by (1 - lr wd) first; the gradient is still 2p of the old p.
      const q = tensor([1], { requiresGrad: true });
      quadraticSteps(new optim.NAdam([q], { lr: 0.1, weightDecay: 0.5, decoupledWeightDecay: true }), q, 1);
      const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004);
      const mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
      await check.close(q, [0.95 - 0.1 * (1 + (0.1 * mu2) / (1 - mu1 * mu2))]);
    },
  },
  {
    id: 'optim/radam-momentum-then-rectified',
    run: async (check) => {
      // Step 1: rho_1 = 1 <= 5, so p -= lr m_hat = lr g.
      const p = tensor(P0, { requiresGrad: true });
      quadraticSteps(new optim.RAdam([p], { lr: 0.1 }), p, 1);
      await check.close(
        p,
        P0.map((v) => v - 0.1 * 2 * v),
      );
      // Seven steps: the rectified branch starts at step 6 (rho_6 > 5).
      const q = tensor(P0, { requiresGrad: true });
      quadraticSteps(new optim.RAdam([q], { lr: 0.01 }), q, 7);
      await check.close(
        q,
        P0.map((v) => radamRef(v, 7, 0.01)),
      );
    },
  },
  {
    id: 'optim/adamax-two-steps',
    run: async (check) => {
      // Step 1: u = |g| + eps, p -= lr / 0.1 * 0.1 g / u. Step 2: u = max(0.999 u1, |g2| + eps).
      const p = tensor([1, -2], { requiresGrad: true });
      quadraticSteps(new optim.Adamax([p], { lr: 0.1 }), p, 2);
      const ref = [1, -2].map((p0) => {
        const g1 = 2 * p0;
        const p1 = p0 - (0.1 * g1) / (Math.abs(g1) + EPS);
        const g2 = 2 * p1;
        const m = 0.9 * 0.1 * g1 + 0.1 * g2;
        const u = Math.max(0.999 * (Math.abs(g1) + EPS), Math.abs(g2) + EPS);
        return p1 - ((0.1 / (1 - 0.81)) * m) / u;
      });
      await check.close(p, ref);
    },
  },
  {
    id: 'optim/adadelta-first-step',
    run: async (check) => {
      // v = 0.1 g^2, delta = sqrt(eps) / sqrt(v + eps) g.
      const p = tensor([1, -2], { requiresGrad: true });
      quadraticSteps(new optim.Adadelta([p]), p, 1);
      await check.close(
        p,
        [1, -2].map((v) => v - (Math.sqrt(1e-6) / Math.sqrt(0.1 * 4 * v * v + 1e-6)) * 2 * v),
      );
    },
  },
  {
    id: 'optim/asgd-steps-and-average',
    run: async (check) => {
      // t0 = 0: mu_t = 1 / t after step t, so step 3 averages ax = ax + (p3 - ax) / 2.
      const [lr, lambd, alpha] = [0.1, 0.01, 0.75];
      const p = tensor([1], { requiresGrad: true });
      const opt = new optim.ASGD([p], { lr, lambd, alpha, t0: 0 });
      quadraticSteps(opt, p, 3);
      let [x, eta, mu, ax] = [1, lr, 1, 0];
      for (let t = 1; t <= 3; t++) {
        x = x * (1 - lambd * eta) - eta * 2 * x;
        ax = mu === 1 ? x : ax + (x - ax) * mu;
        eta = lr / (1 + lambd * lr * t) ** alpha;
        mu = 1 / Math.max(1, t);
      }
      await check.close(p, [x]);
      await check.close(opt.state.get(p)!.ax as Tensor, [ax], 'averaged parameter');
    },
  },
  {
    id: 'optim/param-groups-lr-and-add-group',
    run: async (check) => {
      const a = tensor([1], { requiresGrad: true });
      const b = tensor([2], { requiresGrad: true });
      const opt = new optim.SGD([a], { lr: 0.1, momentum: 0.5 });
      check.equal(opt.paramGroups[0]!.lr, 0.1, 'lr read from the group');
      opt.paramGroups[0]!.lr = 0.25;
      opt.addParamGroup({ params: [b], lr: 0.05 });
      check.equal(opt.paramGroups[1]!.momentum, 0.5, 'added group takes the defaults');
      a.pow(2).sum().add(b.pow(2).sum()).backward();
      opt.step();
      await check.close(a, [0.5]); // 1 - 0.25 * 2
      await check.close(b, [1.8]); // 2 - 0.05 * 4
      check.throws(
        () => {
          opt.addParamGroup({ params: [a] });
        },
        /^SGD: some parameters appear in more than one parameter group$/,
        'value',
      );
    },
  },
  {
    id: 'optim/async-closure',
    run: async (check) => {
      const p = tensor([1, 2], { requiresGrad: true });
      const opt = new optim.Adam([p], { lr: 0.1 });
      const loss = await opt.step(async () => {
        opt.zeroGrad();
        const l = p.pow(2).sum();
        l.backward();
        await l.item();
        return l;
      });
      await check.close(loss, 5, 'the closure loss');
      await check.close(p, [0.9, 1.9]); // Adam's first step is lr sign(g)
    },
  },
] as const satisfies readonly ScriptCase[];

export const optimVariantErrors = [
  {
    id: 'error/nadam-learning-rate',
    inputs: () => [tensor([1], { requiresGrad: true })],
    run: (p): unknown => new optim.NAdam([p], { lr: -0.1 }),
    throws: /NAdam: invalid learning rate -0.1, expected a number >= 0/,
    kind: 'value',
  },
  {
    id: 'error/radam-betas',
    inputs: () => [tensor([1], { requiresGrad: true })],
    run: (p): unknown => new optim.RAdam([p], { betas: [0.9, 1] }),
    throws: /RAdam: invalid beta parameter at index 1: 1, expected one in \[0, 1\)/,
    kind: 'value',
  },
  {
    id: 'error/adadelta-rho',
    inputs: () => [tensor([1], { requiresGrad: true })],
    run: (p): unknown => new optim.Adadelta([p], { rho: 1.5 }),
    throws: /Adadelta: invalid rho value 1.5, expected one in \[0, 1\]/,
    kind: 'value',
  },
  {
    id: 'error/asgd-weight-decay',
    inputs: () => [tensor([1], { requiresGrad: true })],
    run: (p): unknown => new optim.ASGD([p], { weightDecay: -1 }),
    throws: /ASGD: invalid weightDecay value -1, expected >= 0/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
