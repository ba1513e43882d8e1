import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import {
  ArgumentError,
  ValueError,
  optim,
  registerBackend,
  setDefaultDevice,
  tensor,
  unregisterBackend,
} from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

/**
 * Bad optimizer and scheduler arguments: a value of the wrong type is an ArgumentError, one out of
 * range a ValueError, each naming the class, the argument and what it got; and the optimizer a
 * scheduler was given keeps its rates (and the base a later scheduler reads), as PyTorch's do.
 */
beforeAll(() => {
  registerBackend(fakeBackend('optim-arguments-test'));
  setDefaultDevice('optim-arguments-test');
});
afterAll(() => {
  unregisterBackend('optim-arguments-test');
});

const leaf = (): Tensor => tensor([1, 2], { requiresGrad: true });
type Kind = typeof ArgumentError | typeof ValueError;

describe('optimizer constructors', () => {
  const cases: [string, () => unknown, Kind, RegExp][] = [
    [
      'SGD lr -1',
      () => new optim.SGD([leaf()], { lr: -1 }),
      ValueError,
      /^SGD: invalid learning rate -1, expected a number >= 0/,
    ],
    ['SGD lr NaN', () => new optim.SGD([leaf()], { lr: NaN }), ValueError, /^SGD: invalid learning rate NaN/],
    [
      'SGD lr a string',
      () => new optim.SGD([leaf()], { lr: '0.1' as unknown as number }),
      ArgumentError,
      /'lr' got "0\.1"; it expects a number/,
    ],
    [
      'SGD momentum -0.5',
      () => new optim.SGD([leaf()], { lr: 0.1, momentum: -0.5 }),
      ValueError,
      /^SGD: invalid momentum value -0.5, expected >= 0/,
    ],
    [
      'SGD nesterov without momentum',
      () => new optim.SGD([leaf()], { lr: 0.1, nesterov: true }),
      ValueError,
      /^SGD: nesterov momentum requires a momentum and zero dampening, got momentum 0 and dampening 0/,
    ],
    [
      'Adam betas [1, 0.9]',
      () => new optim.Adam([leaf()], { betas: [1, 0.9] }),
      ValueError,
      /^Adam: invalid beta parameter at index 0: 1, expected one in \[0, 1\)/,
    ],
    [
      'Adam betas of one number',
      () => new optim.Adam([leaf()], { betas: [0.9] as unknown as [number, number] }),
      ArgumentError,
      /^Adam: expected betas to be two numbers, got \[0.9\]/,
    ],
    [
      'AdamW eps -1',
      () => new optim.AdamW([leaf()], { eps: -1 }),
      ValueError,
      /^AdamW: invalid epsilon value -1, expected >= 0/,
    ],
    [
      'RMSprop alpha -1',
      () => new optim.RMSprop([leaf()], { alpha: -1 }),
      ValueError,
      /^RMSprop: invalid alpha value -1/,
    ],
    [
      'Adagrad lrDecay -1',
      () => new optim.Adagrad([leaf()], { lrDecay: -1 }),
      ValueError,
      /^Adagrad: invalid lrDecay value -1/,
    ],
    [
      'NAdam momentumDecay -1',
      () => new optim.NAdam([leaf()], { momentumDecay: -1 }),
      ValueError,
      /^NAdam: invalid momentumDecay value -1/,
    ],
    [
      'a group whose lr is -1',
      () => new optim.SGD([{ params: [leaf()] }, { params: [leaf()], lr: -1 }], { lr: 0.1 }),
      ValueError,
      /^SGD: invalid learning rate -1/,
    ],
    ['no parameters', () => new optim.SGD([], { lr: 0.1 }), ValueError, /^SGD: optimizer got an empty parameter list/],
    [
      'a parameter that is not a tensor',
      () => new optim.SGD([1 as unknown as Tensor], { lr: 0.1 }),
      ArgumentError,
      /optimizer params must be tensors, got number/,
    ],
    [
      'a tensor that needs no grad',
      () => new optim.SGD([tensor([1])], { lr: 0.1 }),
      ValueError,
      /optimizer can only optimize Tensors that require grad/,
    ],
  ];

  it.each(cases)('refuses %s', (_, make, kind, message) => {
    expect(make).toThrow(kind);
    expect(make).toThrow(message);
  });

  it('addParamGroup refuses a bad group and leaves the groups as they were', () => {
    const opt = new optim.SGD([leaf()], { lr: 0.1 });
    expect(() => {
      opt.addParamGroup({ params: [leaf()], lr: -2 });
    }).toThrow(ValueError);
    expect(() => {
      opt.addParamGroup({ params: [opt.paramGroups[0]!.params[0]!] });
    }).toThrow(/^SGD: some parameters appear in more than one parameter group/);
    expect(opt.paramGroups.length).toBe(1);
    opt.addParamGroup({ params: [leaf()], lr: 0.5 });
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.5]);
  });
});

describe('scheduler constructors', () => {
  const sgd = () => new optim.SGD([{ params: [leaf()] }, { params: [leaf()], lr: 2 }], { lr: 1, momentum: 0.9 });
  type Opt = ReturnType<typeof sgd>;
  const cases: [string, (o: Opt) => unknown, Kind, RegExp][] = [
    [
      'StepLR stepSize 0',
      (o) => new optim.StepLR(o, 0),
      ValueError,
      /^StepLR: expected stepSize to be a positive integer, got 0/,
    ],
    ['StepLR stepSize 1.5', (o) => new optim.StepLR(o, 1.5), ValueError, /got 1.5/],
    [
      'StepLR gamma NaN',
      (o) => new optim.StepLR(o, 2, NaN),
      ValueError,
      /^StepLR: expected gamma to be a finite number >= 0, got NaN/,
    ],
    [
      'MultiStepLR milestones [2, -1]',
      (o) => new optim.MultiStepLR(o, [2, -1]),
      ValueError,
      /^MultiStepLR: expected milestones\[1\] to be a non-negative integer, got -1/,
    ],
    ['ExponentialLR gamma -0.5', (o) => new optim.ExponentialLR(o, -0.5), ValueError, /^ExponentialLR: expected gamma/],
    [
      'LinearLR startFactor 0',
      (o) => new optim.LinearLR(o, 0),
      ValueError,
      /^LinearLR: startFactor must be in \(0, 1\], got 0/,
    ],
    [
      'LinearLR totalIters 0',
      (o) => new optim.LinearLR(o, 0.5, 1, 0),
      ValueError,
      /^LinearLR: expected totalIters to be a positive integer, got 0/,
    ],
    [
      'ConstantLR factor 2',
      (o) => new optim.ConstantLR(o, 2),
      ValueError,
      /^ConstantLR: factor must be in \[0, 1\], got 2/,
    ],
    [
      'PolynomialLR totalIters 0',
      (o) => new optim.PolynomialLR(o, 0),
      ValueError,
      /^PolynomialLR: expected totalIters/,
    ],
    [
      'CosineAnnealingLR TMax 0',
      (o) => new optim.CosineAnnealingLR(o, 0),
      ValueError,
      /^CosineAnnealingLR: expected TMax to be a positive integer, got 0/,
    ],
    [
      'CosineAnnealingWarmRestarts etaMin -1',
      (o) => new optim.CosineAnnealingWarmRestarts(o, 5, 1, -1),
      ValueError,
      /etaMin to be a finite number >= 0, got -1/,
    ],
    [
      'LambdaLR with 3 lambdas for 2 groups',
      (o) => new optim.LambdaLR(o, [() => 1, () => 1, () => 1]),
      ValueError,
      /^LambdaLR: expected 2 lrLambdas \(one per group\), got 3/,
    ],
    [
      'LambdaLR with a number',
      (o) => new optim.LambdaLR(o, 0.5 as unknown as () => number),
      ArgumentError,
      /^LambdaLR: expected lrLambda to be a function or a list of them, got number/,
    ],
    [
      'CyclicLR stepSizeUp 0',
      (o) => new optim.CyclicLR(o, 0.1, 1, { stepSizeUp: 0 }),
      ValueError,
      /^CyclicLR: expected stepSizeUp to be a positive integer, got 0/,
    ],
    [
      'CyclicLR maxLr for 3 groups',
      (o) => new optim.CyclicLR(o, 0.1, [1, 1, 1]),
      ValueError,
      /^CyclicLR: expected 2 values of maxLr \(one per group\), got 3/,
    ],
    [
      'CyclicLR baseMomentum -1',
      (o) => new optim.CyclicLR(o, 0.1, 1, { baseMomentum: -1 }),
      ValueError,
      /baseMomentum\[0\] to be a finite number >= 0, got -1/,
    ],
    [
      'OneCycleLR totalSteps 0',
      (o) => new optim.OneCycleLR(o, 1, 0),
      ValueError,
      /^OneCycleLR: expected totalSteps to be a positive integer, got 0/,
    ],
    [
      'OneCycleLR pctStart 2',
      (o) => new optim.OneCycleLR(o, 1, 10, { pctStart: 2 }),
      ValueError,
      /pctStart to be a number in \[0, 1\], got 2/,
    ],
    [
      'ReduceLROnPlateau factor 1',
      (o) => new optim.ReduceLROnPlateau(o, { factor: 1 }),
      ValueError,
      /^ReduceLROnPlateau: factor should be < 1.0, got 1/,
    ],
    [
      'ReduceLROnPlateau patience -1',
      (o) => new optim.ReduceLROnPlateau(o, { patience: -1 }),
      ValueError,
      /patience to be a non-negative integer, got -1/,
    ],
    [
      'SequentialLR without milestones',
      (o) => new optim.SequentialLR(o, [new optim.StepLR(o, 1)], [1]),
      ValueError,
      /^SequentialLR: expected 0 milestones/,
    ],
    [
      'ChainedScheduler of nothing',
      () => new optim.ChainedScheduler([]),
      ValueError,
      /^ChainedScheduler: expected at least one scheduler/,
    ],
    [
      'a scheduler of no optimizer',
      () => new optim.StepLR(new Map() as unknown as Opt, 1),
      ArgumentError,
      /^StepLR: expected an Optimizer, got object/,
    ],
  ];

  it.each(cases)('refuses %s and leaves the rates as they were', (_, make, kind, message) => {
    const o = sgd();
    expect(() => make(o)).toThrow(kind);
    expect(() => make(o)).toThrow(message);
    expect(o.paramGroups.map((g) => g.lr)).toEqual([1, 2]);
    expect(o.paramGroups.map((g) => g.momentum)).toEqual([0.9, 0.9]);
    // A good scheduler made afterwards starts from those rates: StepLR's epoch 1 is base * 0.5.
    const s = new optim.StepLR(o, 1, 0.5);
    s.step();
    expect(s.getLastLr()).toEqual([0.5, 1]);
  });

  it('CyclicLR on an optimizer without momentum refuses before setting any rate', () => {
    const o = new optim.Adagrad([leaf()], { lr: 1 });
    expect(() => new optim.CyclicLR(o, 0.1, 1)).toThrow(ValueError);
    expect(() => new optim.CyclicLR(o, 0.1, 1)).toThrow(/^CyclicLR: optimizer must support momentum or beta1/);
    expect(o.paramGroups[0]!.lr).toBe(1);
    // Without cycling momentum it takes the optimizer, starting at baseLr.
    expect(new optim.CyclicLR(o, 0.1, 1, { cycleMomentum: false }).getLastLr()).toEqual([0.1]);
  });

  it('a schedule that throws for one group changes no group', () => {
    const o = sgd();
    const boom = (): number => {
      throw new Error('lambda failed');
    };
    expect(() => new optim.LambdaLR(o, [() => 0.5, boom])).toThrow('lambda failed');
    expect(o.paramGroups.map((g) => g.lr)).toEqual([1, 2]);
  });
});
