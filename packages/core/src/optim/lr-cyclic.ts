import type { Optimizer } from './optimizer.js';
import { LRScheduler, checkOptimizer, type HasLr } from './lr-scheduler.js';
import { ArgumentError, ValueError } from '../errors.js';
import { checkNumber, describe, isFiniteNonNegative, isPositiveInteger } from './check.js';

/**
 * Cyclic schedules (torch.optim.lr_scheduler), closed forms of the step count: cosine annealing
 * with warm restarts, the cyclical rate of Smith (CyclicLR) and the one-cycle policy.
 */

/**
 * Cosine annealing restarted every T_i epochs, T_0 = T0 and T_(i+1) = TMult T_i:
 * etaMin + (base - etaMin) (1 + cos(pi T_cur / T_i)) / 2, T_cur the epochs since the last restart.
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, T0: number, TMult = 1, etaMin = 0) {
    if (!Number.isInteger(T0) || T0 <= 0)
      throw new ValueError(`CosineAnnealingWarmRestarts: expected a positive integer T0, got ${T0}`);
    if (!Number.isInteger(TMult) || TMult < 1)
      throw new ValueError(`CosineAnnealingWarmRestarts: expected an integer TMult >= 1, got ${TMult}`);
    checkNumber('CosineAnnealingWarmRestarts', 'etaMin', etaMin, isFiniteNonNegative, 'a finite number >= 0');
    super(optimizer, (base, t) => {
      let [cur, period] = [TMult === 1 ? t % T0 : t, T0];
      while (cur >= period) {
        cur -= period;
        period *= TMult;
      }
      return etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * cur) / period))) / 2;
    });
  }
}

export interface CyclicLROptions {
  /** Steps in the rising half of a cycle (2000). */
  stepSizeUp?: number;
  /** Steps in the falling half (stepSizeUp by default). */
  stepSizeDown?: number | null;
  /** 'triangular' (constant amplitude), 'triangular2' (halved each cycle), 'exp_range' (gamma^step). */
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  gamma?: number;
  /** A custom amplitude scale in place of the mode's, of the cycle or of the step (scaleMode). */
  scaleFn?: ((x: number) => number) | null;
  scaleMode?: 'cycle' | 'iterations';
  /** Cycle momentum (or Adam's beta1) inversely to the rate, between baseMomentum and maxMomentum. */
  cycleMomentum?: boolean;
  baseMomentum?: number | readonly number[];
  maxMomentum?: number | readonly number[];
}

/** One non-negative value per group, from one for all or a list of them. */
function perGroup(name: string, what: string, v: number | readonly number[], n: number): number[] {
  if (typeof v !== 'number' && !Array.isArray(v))
    throw new ArgumentError(`${name}: expected ${what} to be a number or ${n} of them, got ${describe(v)}`);
  const list = typeof v === 'number' ? new Array<number>(n).fill(v) : [...(v as readonly number[])];
  if (list.length !== n)
    throw new ValueError(`${name}: expected ${n} values of ${what} (one per group), got ${list.length}`);
  list.forEach((x: unknown, i) => {
    checkNumber(name, `${what}[${i}]`, x, isFiniteNonNegative, 'a finite number >= 0');
  });
  return list;
}

interface MomentumGroup {
  momentum?: number;
  betas?: [number, number];
}

/**
 * The cyclical learning rate (torch's CyclicLR, stepped once per batch): up from baseLr to maxLr
 * over stepSizeUp steps and back over stepSizeDown, the amplitude scaled per the mode; the
 * momentum, where cycled, goes the other way. Construction sets each group's rate to baseLr.
 */
export class CyclicLR extends LRScheduler {
  private readonly momentum: ((t: number, i: number) => number) | null;

  constructor(
    optimizer: Optimizer<HasLr>,
    baseLr: number | readonly number[],
    maxLr: number | readonly number[],
    options: CyclicLROptions = {},
  ) {
    const name = 'CyclicLR';
    checkOptimizer(name, optimizer);
    const n = optimizer.paramGroups.length;
    const bases = perGroup(name, 'baseLr', baseLr, n);
    const maxes = perGroup(name, 'maxLr', maxLr, n);
    const { stepSizeUp = 2000, mode = 'triangular', gamma = 1, cycleMomentum = true } = options;
    checkNumber(name, 'stepSizeUp', stepSizeUp, isPositiveInteger, 'a positive integer');
    if (options.stepSizeDown != null)
      checkNumber(name, 'stepSizeDown', options.stepSizeDown, isPositiveInteger, 'a positive integer');
    checkNumber(name, 'gamma', gamma, isFiniteNonNegative, 'a finite number >= 0');
    const total = stepSizeUp + (options.stepSizeDown ?? stepSizeUp);
    const upRatio = stepSizeUp / total;
    const modes = {
      triangular: [() => 1, 'cycle'],
      triangular2: [(x: number) => 1 / 2 ** (x - 1), 'cycle'],
      exp_range: [(x: number) => gamma ** x, 'iterations'],
    } as const;
    if (!(mode in modes))
      throw new ValueError(`${name}: mode must be 'triangular', 'triangular2' or 'exp_range', got '${mode as string}'`);
    const scaleFn = options.scaleFn ?? modes[mode][0];
    const scaleMode = options.scaleFn ? (options.scaleMode ?? 'cycle') : modes[mode][1];
    if (scaleMode !== 'cycle' && scaleMode !== 'iterations')
      throw new ValueError(`${name}: scaleMode must be 'cycle' or 'iterations', got '${String(scaleMode)}'`);
    // Every check before the first write: a refused scheduler leaves the optimizer as it was.
    const defaults = optimizer.defaults as MomentumGroup;
    if (cycleMomentum && defaults.momentum === undefined && defaults.betas === undefined)
      throw new ValueError(`${name}: optimizer must support momentum or beta1 with the cycleMomentum option on`);
    const low = cycleMomentum ? perGroup(name, 'baseMomentum', options.baseMomentum ?? 0.8, n) : [];
    const high = cycleMomentum ? perGroup(name, 'maxMomentum', options.maxMomentum ?? 0.9, n) : [];
    /** Where step t is in its cycle, 0 at the bottom to 1 at the top, and the amplitude's scale. */
    const position = (t: number): [number, number] => {
      const cycle = Math.floor(1 + t / total);
      const x = 1 + t / total - cycle;
      return [x <= upRatio ? x / upRatio : (x - 1) / (upRatio - 1), scaleFn(scaleMode === 'cycle' ? cycle : t)];
    };
    const groups = optimizer.paramGroups as (HasLr & MomentumGroup)[];
    groups.forEach((g, i) => (g.lr = bases[i]!));
    super(optimizer, (_base, t, i) => {
      const [height, scale] = position(t);
      return bases[i]! + (maxes[i]! - bases[i]!) * height * scale;
    });
    if (!cycleMomentum) {
      this.momentum = null;
      return;
    }
    this.momentum = (t, i) => {
      const [height, scale] = position(t);
      return high[i]! - (high[i]! - low[i]!) * height * scale;
    };
    this.setMomentum();
  }

  override step(): void {
    super.step();
    this.setMomentum();
  }

  private setMomentum(): void {
    if (this.momentum === null) return;
    (this.optimizer.paramGroups as (HasLr & MomentumGroup)[]).forEach((g, i) => {
      const m = this.momentum!(this.lastEpoch, i);
      if (g.betas !== undefined) g.betas = [m, g.betas[1]];
      else g.momentum = m;
    });
  }
}

export interface OneCycleOptions {
  pctStart?: number;
  annealStrategy?: 'cos' | 'linear';
  divFactor?: number;
  finalDivFactor?: number;
  threePhase?: boolean;
}

/**
 * The one-cycle policy (torch's OneCycleLR, stepped once per batch): from maxLr/divFactor up to
 * maxLr over pctStart of the steps, then down to initial/finalDivFactor (through the initial
 * rate first, with threePhase).
 */
export class OneCycleLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, maxLr: number, totalSteps: number, options: OneCycleOptions = {}) {
    const {
      pctStart = 0.3,
      annealStrategy = 'cos',
      divFactor = 25,
      finalDivFactor = 1e4,
      threePhase = false,
    } = options;
    const name = 'OneCycleLR';
    checkOptimizer(name, optimizer);
    checkNumber(name, 'maxLr', maxLr, isFiniteNonNegative, 'a finite number >= 0');
    checkNumber(name, 'totalSteps', totalSteps, isPositiveInteger, 'a positive integer');
    checkNumber(name, 'pctStart', pctStart, (v) => v >= 0 && v <= 1, 'a number in [0, 1]');
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear')
      throw new ValueError(`${name}: annealStrategy must be 'cos' or 'linear', got '${String(annealStrategy)}'`);
    checkNumber(name, 'divFactor', divFactor, (v) => Number.isFinite(v) && v > 0, 'a finite number > 0');
    checkNumber(name, 'finalDivFactor', finalDivFactor, (v) => Number.isFinite(v) && v > 0, 'a finite number > 0');
    const initial = maxLr / divFactor;
    const min = initial / finalDivFactor;
    const up = pctStart * totalSteps - 1;
    const phases = threePhase
      ? [
          { end: up, from: initial, to: maxLr },
          { end: 2 * up, from: maxLr, to: initial },
          { end: totalSteps - 1, from: initial, to: min },
        ]
      : [
          { end: up, from: initial, to: maxLr },
          { end: totalSteps - 1, from: maxLr, to: min },
        ];
    const anneal = (from: number, to: number, pct: number) =>
      annealStrategy === 'cos' ? to + ((from - to) * (1 + Math.cos(Math.PI * pct))) / 2 : (to - from) * pct + from;
    super(optimizer, (_base, t) => {
      let start = 0;
      for (const [i, phase] of phases.entries()) {
        if (t <= phase.end || i === phases.length - 1)
          return anneal(phase.from, phase.to, (t - start) / (phase.end - start));
        start = phase.end;
      }
      return min;
    });
  }
}
