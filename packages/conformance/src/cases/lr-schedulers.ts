import { optim, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

/**
 * Learning-rate schedules against their closed forms (torch.optim.lr_scheduler's documented
 * formulas), the rate read before each `step`, rounded to 12 digits.
 */

const param = () => tensor([1], { requiresGrad: true });
const sgd = (lr = 1) => new optim.SGD([param()], { lr });
const round = (v: number) => Number(v.toPrecision(12));
const rates = (s: { getLastLr(): number[]; step(): void }, n: number, group = 0) =>
  Array.from({ length: n }, () => {
    const lr = s.getLastLr()[group]!;
    s.step();
    return round(lr);
  });
const cosine = (x: number) => round((1 + Math.cos(Math.PI * x)) / 2);

export const lrSchedulerCases = [
  {
    id: 'optim/lr-constant-polynomial-lambda-multiplicative',
    run: (check) => {
      check.equal(rates(new optim.ConstantLR(sgd(), 0.5, 2), 4), [0.5, 0.5, 1, 1], 'ConstantLR');
      // (1 - t / 4)^2, then 0 from totalIters on
      check.equal(rates(new optim.PolynomialLR(sgd(), 4, 2), 6), [1, 0.5625, 0.25, 0.0625, 0, 0], 'PolynomialLR');
      check.equal(rates(new optim.LambdaLR(sgd(2), (t) => 1 / (t + 1)), 3), [2, 1, round(2 / 3)], 'LambdaLR');
      check.equal(rates(new optim.MultiplicativeLR(sgd(), () => 0.9), 4), [1, 0.9, 0.81, 0.729], 'MultiplicativeLR');
      // One lambda per group, each from its own initial rate.
      const two = new optim.SGD([{ params: [param()] }, { params: [param()], lr: 4 }], { lr: 1 });
      const lambda = new optim.LambdaLR(two, [(t) => t + 1, (t) => 0.5 ** t]);
      lambda.step();
      check.equal(lambda.getLastLr(), [2, 2], 'LambdaLR per group');
      check.throws(
        () => new optim.LambdaLR(two, [(t) => t]),
        /^LambdaLR: expected 2 lrLambdas \(one per group\), got 1$/,
        'value',
      );
      return Promise.resolve();
    },
  },
  {
    id: 'optim/lr-cosine-warm-restarts',
    run: (check) => {
      // T0 = 2, TMult = 2: periods of 2, 4, 8 epochs starting at 0, 2, 6.
      check.equal(
        rates(new optim.CosineAnnealingWarmRestarts(sgd(), 2, 2), 7),
        [1, cosine(1 / 2), 1, cosine(1 / 4), cosine(2 / 4), cosine(3 / 4), 1],
        'TMult 2',
      );
      const eta = 0.1;
      check.equal(
        rates(new optim.CosineAnnealingWarmRestarts(sgd(), 3, 1, eta), 4),
        [1, round(eta + 0.9 * cosine(1 / 3)), round(eta + 0.9 * cosine(2 / 3)), 1],
        'TMult 1 with etaMin',
      );
      check.throws(
        () => new optim.CosineAnnealingWarmRestarts(sgd(), 0),
        /^CosineAnnealingWarmRestarts: expected a positive integer T0, got 0$/,
        'value',
      );
      return Promise.resolve();
    },
  },
  {
    id: 'optim/lr-cyclic',
    run: (check) => {
      // Up from 0.1 to 1 in 2 steps, down in 2: a triangle of height 0.9.
      const tri = new optim.CyclicLR(sgd(), 0.1, 1, { stepSizeUp: 2, cycleMomentum: false });
      check.equal(rates(tri, 6), [0.1, 0.55, 1, 0.55, 0.1, 0.55], 'triangular');
      const half = new optim.CyclicLR(sgd(), 0.1, 1, {
        stepSizeUp: 1,
        stepSizeDown: 3,
        mode: 'triangular2',
        cycleMomentum: false,
      });
      check.equal(rates(half, 6), [0.1, 1, 0.7, 0.4, 0.1, 0.55], 'triangular2, asymmetric');
      const exp = new optim.CyclicLR(sgd(), 0, 1, {
        stepSizeUp: 1,
        mode: 'exp_range',
        gamma: 0.5,
        cycleMomentum: false,
      });
      check.equal(rates(exp, 4), [0, 0.5, 0, 0.125], 'exp_range scales by gamma^step');
      // Momentum goes the other way, between 0.8 and 0.9; Adam's beta1 likewise.
      const opt = new optim.SGD([param()], { lr: 1, momentum: 0.5 });
      const withMomentum = new optim.CyclicLR(opt, 0.1, 1, { stepSizeUp: 2 });
      const momenta = Array.from({ length: 3 }, () => {
        const m = opt.paramGroups[0]!.momentum;
        withMomentum.step();
        return round(m);
      });
      check.equal(momenta, [0.9, 0.85, 0.8], 'momentum');
      const adam = new optim.Adam([param()]);
      new optim.CyclicLR(adam, 0.1, 1, { stepSizeUp: 2 }).step();
      check.equal(adam.paramGroups[0]!.betas.map(round), [0.85, 0.999], 'beta1');
      check.throws(
        () => new optim.CyclicLR(new optim.Adagrad([param()]), 0.1, 1),
        /^CyclicLR: optimizer must support momentum or beta1 with the cycleMomentum option on/,
        'value',
      );
      return Promise.resolve();
    },
  },
  {
    id: 'optim/lr-sequential-and-chained',
    run: (check) => {
      // Constant 0.1 for two epochs, then ExponentialLR restarted at its epoch 0 (the base rate).
      const a = sgd();
      const seq = new optim.SequentialLR(a, [new optim.ConstantLR(a, 0.1, 2), new optim.ExponentialLR(a, 0.9)], [2]);
      check.equal(rates(seq, 5), [0.1, 0.1, 1, 0.9, 0.81], 'SequentialLR');
      // Warm-up then cosine, as commonly composed: LinearLR 0.5 -> 1 over 2 epochs, then cosine over 2.
      const b = sgd();
      const warm = new optim.SequentialLR(
        b,
        [new optim.LinearLR(b, 0.5, 1, 2), new optim.CosineAnnealingLR(b, 2)],
        [2],
      );
      check.equal(rates(warm, 5), [0.5, 0.75, 1, 0.5, 0], 'warm-up then cosine');
      // Chained: the product of the factors, 0.1 until epoch 2 times 0.9^t.
      const c = sgd();
      const chain = new optim.ChainedScheduler([new optim.ConstantLR(c, 0.1, 2), new optim.ExponentialLR(c, 0.9)]);
      check.equal(rates(chain, 5), [0.1, 0.09, 0.81, 0.729, 0.6561], 'ChainedScheduler');
      check.throws(
        () => new optim.SequentialLR(c, [new optim.StepLR(c, 2)], [1]),
        /^SequentialLR: expected 0 milestones \(one fewer than the schedulers\), got 1$/,
        'value',
      );
      check.throws(
        () => new optim.ChainedScheduler([new optim.StepLR(c, 2), new optim.StepLR(sgd(), 2)]),
        /^ChainedScheduler: expects all schedulers to belong to the same optimizer, but the one at index 1 does not$/,
        'value',
      );
      return Promise.resolve();
    },
  },
  {
    id: 'optim/lr-reduce-on-plateau',
    run: (check) => {
      const run = (s: optim.ReduceLROnPlateau, metrics: number[]) =>
        metrics.map((m) => {
          s.step(m);
          return round(s.getLastLr()[0]!);
        });
      // Patience 2: the third epoch without improvement (relative threshold 1e-4) halves the rate.
      const metrics = [10, 9, 9, 9, 9, 8, 8, 8, 8];
      check.equal(
        run(new optim.ReduceLROnPlateau(sgd(), { patience: 2, factor: 0.5 }), metrics),
        [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25],
        'min mode',
      );
      check.equal(
        run(new optim.ReduceLROnPlateau(sgd(), { patience: 2, factor: 0.5, minLr: 0.3, cooldown: 1 }), metrics),
        [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.3],
        'cooldown and minLr',
      );
      // Max mode, absolute threshold 0.5: 1.4 is not better than 1 + 0.5, 1.6 is.
      check.equal(
        run(
          new optim.ReduceLROnPlateau(sgd(), { mode: 'max', threshold: 0.5, thresholdMode: 'abs', patience: 0 }),
          [1, 1.4, 1.6, 1.7],
        ),
        [1, 0.1, 0.1, 0.01],
        'max mode, absolute threshold',
      );
      check.throws(
        () => new optim.ReduceLROnPlateau(sgd(), { factor: 1 }),
        /^ReduceLROnPlateau: factor should be < 1\.0, got 1$/,
        'value',
      );
      return Promise.resolve();
    },
  },
] as const satisfies readonly ScriptCase[];
