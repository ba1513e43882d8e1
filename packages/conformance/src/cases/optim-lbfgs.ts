import type { Tensor } from '@ag/core';
import { optim, tensor } from '@ag/core';
import type { ErrorCase, ScriptCase } from '../case.js';

/**
 * L-BFGS: its first iterations worked out by hand on sum(x^2) (Hessian 2I, so the second
 * quasi-Newton step is exact), and convergence to the known minimum of a quadratic and of
 * Rosenbrock's function, with fixed steps and with the strong-Wolfe line search.
 */

/** PyTorch's closure: clear the gradients, compute the loss, backward, return the loss. */
function closureOf(opt: optim.LBFGS, x: Tensor, f: (x: Tensor) => Tensor): () => Tensor {
  return () => {
    opt.zeroGrad();
    const loss = f(x);
    loss.backward();
    return loss;
  };
}

const squares = (x: Tensor) => x.pow(2).sum();
/** 0.5 x'Ax - b'x with A = [[3, 1], [1, 2]], b = [1, 1]: minimum at A^-1 b = [0.2, 0.4]. */
const quadratic = (x: Tensor) => {
  const [a, b] = [x.select(0, 0), x.select(0, 1)];
  return a.pow(2).mul(1.5).add(a.mul(b)).add(b.pow(2)).sub(a).sub(b);
};
/** Rosenbrock's (1 - a)^2 + 100 (b - a^2)^2: minimum 0 at [1, 1]. */
const rosenbrock = (x: Tensor) => {
  const [a, b] = [x.select(0, 0), x.select(0, 1)];
  return a
    .neg()
    .add(1)
    .pow(2)
    .add(b.sub(a.pow(2)).pow(2).mul(100));
};

export const lbfgsCases = [
  {
    id: 'optim/lbfgs-first-iterations-by-hand',
    run: async (check) => {
      // Iteration 1: d = -g = [-2, 4], t = min(1, 1 / |g|_1) = 1/6: x = [2/3, -4/3].
      const x = tensor([1, -2], { requiresGrad: true });
      const one = new optim.LBFGS([x], { maxIter: 1 });
      const loss = await one.step(closureOf(one, x, squares));
      await check.close(loss, 5, 'step returns the first loss');
      await check.close(x, [2 / 3, -4 / 3]);
      // Iteration 2: y = 2 s, so H = s.y / y.y = 1/2 and d = -g / 2 = -x: the minimum at t = 1.
      // (maxEval's default, floor(2 * 5 / 4) = 2, would stop after the first iteration's evaluation.)
      const y = tensor([1, -2], { requiresGrad: true });
      const two = new optim.LBFGS([y], { maxIter: 2, maxEval: 3 });
      await two.step(closureOf(two, y, squares));
      await check.close(y, [0, 0]);
      check.equal(two.state.get(y)!.nIter, 2, 'iterations counted');
      check.equal(two.state.get(y)!.funcEvals, 2, 'evaluations counted (the last iteration skips its own)');
    },
  },
  {
    id: 'optim/lbfgs-quadratic-fixed-step',
    run: async (check) => {
      const x = tensor([2, -1], { requiresGrad: true });
      const opt = new optim.LBFGS([x], { lr: 1, maxIter: 50 });
      await opt.step(closureOf(opt, x, quadratic));
      await check.close(x, [0.2, 0.4]);
    },
  },
  {
    id: 'optim/lbfgs-quadratic-strong-wolfe',
    run: async (check) => {
      const x = tensor([2, -1], { requiresGrad: true });
      const opt = new optim.LBFGS([x], { lineSearchFn: 'strong_wolfe' });
      await opt.step(closureOf(opt, x, quadratic));
      await check.close(x, [0.2, 0.4]);
      check.equal((opt.state.get(x)!.nIter as number) < 10, true, 'a 2-D quadratic takes a few iterations');
    },
  },
  {
    id: 'optim/lbfgs-rosenbrock-strong-wolfe-async-closure',
    run: async (check) => {
      const x = tensor([-1.5, 2], { requiresGrad: true });
      const opt = new optim.LBFGS([x], { lineSearchFn: 'strong_wolfe', maxIter: 200, toleranceChange: 1e-12 });
      const closure = async () => {
        opt.zeroGrad();
        const loss = rosenbrock(x);
        loss.backward();
        await loss.item();
        return loss;
      };
      for (let i = 0; i < 3; i++) await opt.step(closure);
      await check.close(x, [1, 1]);
    },
  },
  {
    id: 'optim/lbfgs-needs-a-closure',
    run: (check) => {
      const x = tensor([1], { requiresGrad: true });
      const opt = new optim.LBFGS([x]);
      check.throws(
        () => opt.step(),
        /^LBFGS\.step: expected a closure that computes the loss and its gradients, got undefined$/,
        'argument',
      );
      const y = tensor([1], { requiresGrad: true });
      check.throws(
        () => new optim.LBFGS([{ params: [x] }, { params: [y] }]),
        /^LBFGS: doesn't support per-parameter options \(parameter groups\)/,
        'value',
      );
      return Promise.resolve();
    },
  },
] as const satisfies readonly ScriptCase[];

export const lbfgsErrors = [
  {
    id: 'error/lbfgs-learning-rate',
    inputs: () => [tensor([1], { requiresGrad: true })],
    run: (p): unknown => new optim.LBFGS([p], { lr: -1 }),
    throws: /LBFGS: invalid learning rate -1, expected a number >= 0/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
