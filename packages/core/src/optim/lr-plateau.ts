import type { Optimizer } from './optimizer.js';
import { checkOptimizer, type HasLr } from './lr-scheduler.js';
import { checkNumber, isFiniteNonNegative, isNonNegativeInteger } from './check.js';
import { ArgumentError, ValueError } from '../errors.js';

export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should fall (a loss); 'max': rise (an accuracy). */
  mode?: 'min' | 'max';
  /** The rate is multiplied by this on a plateau (< 1). */
  factor?: number;
  /** Epochs without improvement tolerated before the rate falls. */
  patience?: number;
  /** How much better counts as better: relative (a fraction of the best) or absolute. */
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting again. */
  cooldown?: number;
  /** A floor for the rate (one for all groups, or one per group). */
  minLr?: number | readonly number[];
  /** Reductions smaller than this are skipped. */
  eps?: number;
}

/**
 * Lowers the rate when a metric stops improving (torch's ReduceLROnPlateau): `step(metric)` with
 * the epoch's value, a number (await a tensor's `item()` first: reading it is asynchronous).
 * After more than `patience` epochs without improvement each group's rate becomes
 * max(lr * factor, minLr), then `cooldown` epochs pass before counting resumes.
 */
export class ReduceLROnPlateau {
  lastEpoch = 0;
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  private readonly o: Required<Omit<ReduceLROnPlateauOptions, 'minLr'>>;
  private readonly minLrs: number[];
  private lastLr: number[];

  constructor(
    readonly optimizer: Optimizer<HasLr>,
    options: ReduceLROnPlateauOptions = {},
  ) {
    const name = 'ReduceLROnPlateau';
    checkOptimizer(name, optimizer);
    this.o = {
      mode: 'min',
      factor: 0.1,
      patience: 10,
      threshold: 1e-4,
      thresholdMode: 'rel',
      cooldown: 0,
      eps: 1e-8,
      ...options,
    };
    if (!(this.o.factor < 1)) throw new ValueError(`${name}: factor should be < 1.0, got ${this.o.factor}`);
    if (this.o.mode !== 'min' && this.o.mode !== 'max')
      throw new ValueError(`${name}: mode ${String(this.o.mode)} is unknown`);
    if (this.o.thresholdMode !== 'rel' && this.o.thresholdMode !== 'abs')
      throw new ValueError(`${name}: threshold mode ${String(this.o.thresholdMode)} is unknown`);
    for (const what of ['patience', 'cooldown'] as const)
      checkNumber(name, what, this.o[what], isNonNegativeInteger, 'a non-negative integer');
    for (const what of ['threshold', 'eps'] as const)
      checkNumber(name, what, this.o[what], isFiniteNonNegative, 'a finite number >= 0');
    const n = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    this.minLrs = typeof minLr === 'number' ? new Array<number>(n).fill(minLr) : [...minLr];
    if (this.minLrs.length !== n)
      throw new ValueError(`${name}: expected ${n} values of minLr (one per group), got ${this.minLrs.length}`);
    this.minLrs.forEach((v: unknown, i) => {
      checkNumber(name, `minLr[${i}]`, v, isFiniteNonNegative, 'a finite number >= 0');
    });
    this.best = this.o.mode === 'min' ? Infinity : -Infinity;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  step(metric: number): void {
    if (typeof metric !== 'number')
      throw new ArgumentError(
        `ReduceLROnPlateau.step: expected the metric as a number (await tensor.item() first), got ${typeof metric}`,
      );
    this.lastEpoch++;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else this.numBadEpochs++;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.o.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const lr = Math.max(g.lr * this.o.factor, this.minLrs[i]!);
        if (g.lr - lr > this.o.eps) g.lr = lr;
      });
      this.cooldownCounter = this.o.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  private isBetter(a: number): boolean {
    const { mode, threshold, thresholdMode } = this.o;
    const best = this.best;
    if (mode === 'min') return thresholdMode === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return thresholdMode === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  }
}
