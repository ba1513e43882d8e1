import type { Optimizer } from './optimizer.js';

interface HasLr {
  lr: number;
}

/** A schedule: the rate of a group with base rate `base` at epoch `t`. */
export type Schedule = (base: number, t: number) => number;

/**
 * Learning-rate schedules (torch.optim.lr_scheduler), each a closed form of the epoch count
 * `lastEpoch`: `step()` advances it and writes every group's `lr`. Construction sets the rate
 * for epoch 0, as PyTorch's schedulers do.
 */
export class LRScheduler {
  lastEpoch = 0;
  private readonly baseLrs: number[];

  constructor(
    private readonly optimizer: Optimizer<HasLr>,
    private readonly schedule: Schedule,
  ) {
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
    this.apply();
  }

  step(): void {
    this.lastEpoch++;
    this.apply();
  }

  /** The current learning rate of each group. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  private apply(): void {
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = this.schedule(this.baseLrs[i]!, this.lastEpoch)));
  }
}

/** lr * gamma^floor(t / stepSize). */
export class StepLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, stepSize: number, gamma = 0.1) {
    super(optimizer, (base, t) => base * gamma ** Math.floor(t / stepSize));
  }
}

/** lr * gamma^(number of milestones reached). */
export class MultiStepLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, milestones: readonly number[], gamma = 0.1) {
    super(optimizer, (base, t) => base * gamma ** milestones.filter((m) => m <= t).length);
  }
}

/** lr * gamma^t. */
export class ExponentialLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, gamma: number) {
    super(optimizer, (base, t) => base * gamma ** t);
  }
}

/** etaMin + (lr - etaMin) (1 + cos(pi t / TMax)) / 2. */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, TMax: number, etaMin = 0) {
    super(optimizer, (base, t) => etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * t) / TMax))) / 2);
  }
}

/** The factor ramps linearly from startFactor to endFactor over totalIters epochs (warm-up). */
export class LinearLR extends LRScheduler {
  constructor(optimizer: Optimizer<HasLr>, startFactor = 1 / 3, endFactor = 1, totalIters = 5) {
    super(
      optimizer,
      (base, t) => base * (startFactor + ((endFactor - startFactor) * Math.min(t, totalIters)) / totalIters),
    );
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
