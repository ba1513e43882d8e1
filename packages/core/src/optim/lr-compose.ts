import type { Optimizer } from './optimizer.js';
import { LRScheduler, checkOptimizer, type HasLr } from './lr-scheduler.js';
import { checkNumber, describe, isNonNegativeInteger } from './check.js';
import { ArgumentError, ValueError } from '../errors.js';

/** The rate left as it is: the compositions step their schedulers themselves. */
const keep = (lr: number): number => lr;

function sameOptimizer(name: string, optimizer: Optimizer<HasLr>, schedulers: readonly LRScheduler[]): void {
  checkOptimizer(name, optimizer);
  if (!Array.isArray(schedulers))
    throw new ArgumentError(`${name}: expected a list of schedulers, got ${describe(schedulers)}`);
  if (schedulers.length === 0) throw new ValueError(`${name}: expected at least one scheduler`);
  schedulers.forEach((s, i) => {
    if (!(s instanceof LRScheduler))
      throw new ArgumentError(`${name}: expected schedulers, got ${String(s)} at index ${i}`);
    if (s.optimizer !== optimizer)
      throw new ValueError(
        `${name}: expects all schedulers to belong to the same optimizer, but the one at index ${i} does not`,
      );
  });
}

/**
 * Schedulers one after another (torch's SequentialLR): schedulers[i] runs from milestones[i - 1]
 * on, restarted at epoch 0 at its milestone; construction undoes what the schedulers did when
 * they were made and starts the first.
 */
export class SequentialLR extends LRScheduler {
  private current: LRScheduler;

  constructor(
    optimizer: Optimizer<HasLr>,
    private readonly schedulers: readonly LRScheduler[],
    private readonly milestones: readonly number[],
  ) {
    sameOptimizer('SequentialLR', optimizer, schedulers);
    if (!Array.isArray(milestones))
      throw new ArgumentError(`SequentialLR: expected milestones to be a list of epochs, got ${describe(milestones)}`);
    if (milestones.length !== schedulers.length - 1)
      throw new ValueError(
        `SequentialLR: expected ${schedulers.length - 1} milestones (one fewer than the schedulers), got ${milestones.length}`,
      );
    milestones.forEach((m: unknown, i) => {
      checkNumber('SequentialLR', `milestones[${i}]`, m, isNonNegativeInteger, 'a non-negative integer');
    });
    super(optimizer, null, keep);
    optimizer.paramGroups.forEach((g, i) => (g.lr = this.baseLrs[i]!));
    for (const s of schedulers) s.lastEpoch--;
    // Milestones at 0 skip their schedulers from the start.
    this.current = schedulers[milestones.filter((m) => m <= 0).length]!;
    this.current.restart();
    this.lastLr = this.current.getLastLr();
  }

  override step(): void {
    this.lastEpoch++;
    const idx = this.milestones.filter((m) => m <= this.lastEpoch).length;
    this.current = this.schedulers[idx]!;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) this.current.restart();
    else this.current.step();
    this.lastLr = this.current.getLastLr();
  }
}

/**
 * Schedulers stepped together (torch's ChainedScheduler): each `step` steps every one in order,
 * each scaling the rate the one before left (their chainable forms).
 */
export class ChainedScheduler extends LRScheduler {
  constructor(
    private readonly schedulers: readonly LRScheduler[],
    optimizer: Optimizer<HasLr> | undefined = schedulers[0]?.optimizer,
  ) {
    if (optimizer === undefined) throw new ValueError('ChainedScheduler: expected at least one scheduler, got none');
    sameOptimizer('ChainedScheduler', optimizer, schedulers);
    super(optimizer, null, keep);
  }

  override step(): void {
    this.lastEpoch++;
    for (const s of this.schedulers) s.step();
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
}
