import { Optimizer } from './optimizer.js';
import { ArgumentError, ValueError } from '../errors.js';
import { checkNumber, describe, isFiniteNonNegative, isNonNegativeInteger, isPositiveInteger } from './check.js';

/** What a scheduler needs of an optimizer's groups: a learning rate it reads and writes. */
export interface HasLr {
  lr: number;
}

/** A closed form: the rate of group `i`, whose initial rate is `base`, at epoch `t`. */
export type Schedule = (base: number, t: number, i: number) => number;

/** A chainable form: the rate at epoch `t` from the group's current rate `lr` (PyTorch's get_lr). */
export type Chain = (lr: number, base: number, t: number, i: number) => number;

/**
 * Each group's rate when the first scheduler on it was made (PyTorch's group['initial_lr']): the
 * base of every later scheduler too, so schedulers made one after another share it.
 */
const initialLrs = new WeakMap<object, number>();

/**
 * Learning-rate schedules (torch.optim.lr_scheduler): `step()` advances the epoch count
 * `lastEpoch` and writes every group's `lr`. Construction sets the rate for epoch 0, as PyTorch's
 * schedulers do. A scheduler with a chainable form steps by it, as PyTorch does, so schedulers on
 * one optimizer compose (ChainedScheduler): the multiplicative ones scale the current rate by the
 * ratio of their factors at t and t - 1. `new LRScheduler(opt, (base, t) => ...)` is a closed form.
 */
export class LRScheduler {
  lastEpoch = 0;
  /** Each group's initial rate. */
  readonly baseLrs: number[];
  protected lastLr: number[] = [];

  constructor(
    readonly optimizer: Optimizer<HasLr>,
    private readonly schedule: Schedule | null,
    private readonly chain: Chain | null = null,
  ) {
    checkOptimizer(new.target.name, optimizer);
    this.baseLrs = optimizer.paramGroups.map((g) => initialLrs.get(g) ?? g.lr);
    this.apply(false);
    optimizer.paramGroups.forEach((g, i) => {
      if (!initialLrs.has(g)) initialLrs.set(g, this.baseLrs[i]!);
    });
  }

  step(): void {
    this.lastEpoch++;
    this.apply(false);
  }

  /** The rate of each group as this scheduler last set it. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /**
   * @internal Back to epoch 0, by the closed form where there is one: how SequentialLR starts a
   * scheduler at its milestone (PyTorch's step(0)).
   */
  restart(): void {
    this.lastEpoch = 0;
    this.apply(true);
  }

  /** Every group's new rate, computed before any is written: a schedule that throws changes none. */
  private apply(closed: boolean): void {
    const t = this.lastEpoch;
    const groups = this.optimizer.paramGroups;
    const useClosed = this.schedule !== null && (closed || this.chain === null);
    const next = groups.map((g, i) =>
      useClosed ? this.schedule(this.baseLrs[i]!, t, i) : this.chain!(g.lr, this.baseLrs[i]!, t, i),
    );
    groups.forEach((g, i) => (g.lr = next[i]!));
    this.lastLr = next;
  }
}

/** The check every scheduler makes first: `optimizer` is one (an ArgumentError if not). */
export function checkOptimizer(name: string, optimizer: unknown): void {
  if (!(optimizer instanceof Optimizer))
    throw new ArgumentError(`${name}: expected an Optimizer, got ${describe(optimizer)}`);
}

const checkGamma = (name: string, gamma: unknown): void => {
  checkNumber(name, 'gamma', gamma, isFiniteNonNegative, 'a finite number >= 0');
};

/**
 * The chainable form of a multiplicative schedule base * f(t): the current rate times
 * f(t) / f(t - 1) (times f(0) at epoch 0), as PyTorch writes each; kept where f(t - 1) is 0.
 */
function ratio(f: (t: number) => number): Chain {
  return (lr, _base, t) => {
    if (t === 0) return lr * f(0);
    const prev = f(t - 1);
    return prev === 0 ? lr : (lr * f(t)) / prev;
  };
}

/** A scheduler whose rate is base * f(t). */
class Multiplicative extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, f: (t: number) => number) {
    super(optimizer, (base, t) => base * f(t), ratio(f));
  }
}

/** lr * gamma^floor(t / stepSize). */
export class StepLR extends Multiplicative {
  constructor(optimizer: Optimizer<HasLr>, stepSize: number, gamma = 0.1) {
    checkNumber('StepLR', 'stepSize', stepSize, isPositiveInteger, 'a positive integer');
    checkGamma('StepLR', gamma);
    super(optimizer, (t) => gamma ** Math.floor(t / stepSize));
  }
}

/** lr * gamma^(number of milestones reached). */
export class MultiStepLR extends Multiplicative {
  constructor(optimizer: Optimizer<HasLr>, milestones: readonly number[], gamma = 0.1) {
    if (!Array.isArray(milestones))
      throw new ArgumentError(`MultiStepLR: expected milestones to be a list of epochs, got ${describe(milestones)}`);
    milestones.forEach((m: unknown, i) => {
      checkNumber('MultiStepLR', `milestones[${i}]`, m, isNonNegativeInteger, 'a non-negative integer');
    });
    checkGamma('MultiStepLR', gamma);
    super(optimizer, (t) => gamma ** milestones.filter((m) => m <= t).length);
  }
}

/** lr * gamma^t. */
export class ExponentialLR extends Multiplicative {
  constructor(optimizer: Optimizer<HasLr>, gamma: number) {
    checkGamma('ExponentialLR', gamma);
    super(optimizer, (t) => gamma ** t);
  }
}

function checkFactor(name: string, what: string, v: number, openAtZero: boolean): void {
  if (typeof v !== 'number') throw new ArgumentError(`${name}: expected ${what} to be a number, got ${describe(v)}`);
  if (!(v <= 1 && (openAtZero ? v > 0 : v >= 0)))
    throw new ValueError(`${name}: ${what} must be in ${openAtZero ? '(0, 1]' : '[0, 1]'}, got ${v}`);
}

/** The factor ramps linearly from startFactor to endFactor over totalIters epochs (warm-up). */
export class LinearLR extends Multiplicative {
  constructor(optimizer: Optimizer<HasLr>, startFactor = 1 / 3, endFactor = 1, totalIters = 5) {
    checkFactor('LinearLR', 'startFactor', startFactor, true);
    checkFactor('LinearLR', 'endFactor', endFactor, false);
    checkNumber('LinearLR', 'totalIters', totalIters, isPositiveInteger, 'a positive integer');
    super(optimizer, (t) => startFactor + ((endFactor - startFactor) * Math.min(t, totalIters)) / totalIters);
  }
}

/** lr * factor until epoch totalIters, then lr. */
export class ConstantLR extends Multiplicative {
  constructor(optimizer: Optimizer<HasLr>, factor = 1 / 3, totalIters = 5) {
    checkFactor('ConstantLR', 'factor', factor, false);
    checkNumber('ConstantLR', 'totalIters', totalIters, isNonNegativeInteger, 'a non-negative integer');
    super(optimizer, (t) => (t < totalIters ? factor : 1));
  }
}

/** lr * (1 - min(t, totalIters) / totalIters)^power: down to 0 at totalIters. */
export class PolynomialLR extends Multiplicative {
  constructor(optimizer: Optimizer<HasLr>, totalIters = 5, power = 1) {
    checkNumber('PolynomialLR', 'totalIters', totalIters, isPositiveInteger, 'a positive integer');
    checkNumber('PolynomialLR', 'power', power, Number.isFinite, 'a finite number');
    super(optimizer, (t) => (1 - Math.min(t, totalIters) / totalIters) ** power);
  }
}

/**
 * etaMin + (lr - etaMin) (1 + cos(pi t / TMax)) / 2, stepped by PyTorch's recursive form
 * (which is the closed form when it alone sets the rate).
 */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, TMax: number, etaMin = 0) {
    checkNumber('CosineAnnealingLR', 'TMax', TMax, isPositiveInteger, 'a positive integer');
    checkNumber('CosineAnnealingLR', 'etaMin', etaMin, isFiniteNonNegative, 'a finite number >= 0');
    const cos = (t: number) => 1 + Math.cos((Math.PI * t) / TMax);
    super(
      optimizer,
      (base, t) => etaMin + ((base - etaMin) * cos(t)) / 2,
      (lr, base, t) => {
        if (t === 0) return lr;
        // Past a trough the ratio is 0/0: PyTorch climbs back by the first step's size.
        if ((t - 1 - TMax) % (2 * TMax) === 0) return lr + ((base - etaMin) * (1 - Math.cos(Math.PI / TMax))) / 2;
        return etaMin + ((lr - etaMin) * cos(t)) / cos(t - 1);
      },
    );
  }
}

/** One function of the epoch per group, or one for all. */
type Lambdas = ((t: number) => number) | readonly ((t: number) => number)[];

function perGroup(name: string, optimizer: Optimizer<HasLr>, fns: Lambdas): readonly ((t: number) => number)[] {
  checkOptimizer(name, optimizer);
  if (typeof fns !== 'function' && !(Array.isArray(fns) && fns.every((f) => typeof f === 'function')))
    throw new ArgumentError(`${name}: expected lrLambda to be a function or a list of them, got ${describe(fns)}`);
  const n = optimizer.paramGroups.length;
  const list: readonly ((t: number) => number)[] =
    typeof fns === 'function' ? new Array<(t: number) => number>(n).fill(fns) : fns;
  if (list.length !== n) throw new ValueError(`${name}: expected ${n} lrLambdas (one per group), got ${list.length}`);
  return list;
}

/** base * lrLambda(t): the factor of each epoch from a function (one per group, or one for all). */
export class LambdaLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, lrLambda: Lambdas) {
    const fns = perGroup('LambdaLR', optimizer, lrLambda);
    super(optimizer, (base, t, i) => base * fns[i]!(t));
  }
}

/** lr * lrLambda(t) at each step after the first: the factors multiply up (no closed form). */
export class MultiplicativeLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, lrLambda: Lambdas) {
    const fns = perGroup('MultiplicativeLR', optimizer, lrLambda);
    super(optimizer, null, (lr, _base, t, i) => (t > 0 ? lr * fns[i]!(t) : lr));
  }
}
