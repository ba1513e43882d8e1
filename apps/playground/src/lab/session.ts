import type { LabProgress, PageToSession, SessionToPage } from './messages.js';
import { Trainer } from './trainer.js';

/** Grid points per side of the decision-boundary map. */
export const BOUNDARY_SIZE = 64;
/** Grid points per side of each hidden unit's small map. */
export const NEURON_SIZE = 16;
/**
 * A progress report (a full-set evaluation each) while running comes after this long or after
 * this many steps, whichever is first: the curve and the figures stay fine-grained in steps
 * however fast the backend is.
 */
const REPORT_MS = 150;
const REPORT_STEPS = 25;
/** Steps/s is measured over about this long, so one slow report does not make the figure jump. */
const RATE_WINDOW_MS = 2000;
/** Least time between two boundary maps while running. */
const BOUNDARY_MS = 400;

/**
 * Lets queued messages in: a MessageChannel round trip is a task of its own (setTimeout(0) would
 * be clamped to 4 ms after a few nestings), so Pause, Step and Reset are handled between any two
 * training steps.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * The lab worker's state machine, without the worker: one Trainer at a time, a run counter so
 * the page drops reports from a run it has reset, and a loop that steps while running. Messages
 * go through one queue, so a reset waits for the step in flight rather than racing it.
 */
export class LabSession {
  private trainer: Trainer | null = null;
  private run = 0;
  private running = false;
  private queue: Promise<void> = Promise.resolve();
  private lastReport = { at: 0, steps: 0 };
  /** Recent (time, steps) pairs while running, oldest first, for steps/s. */
  private timeline: { at: number; steps: number }[] = [];
  private lastBoundary = 0;

  constructor(private readonly post: (msg: SessionToPage) => void) {}

  /** Handles messages in arrival order; a failure pauses training and is reported, never thrown. */
  receive(msg: PageToSession): Promise<void> {
    return this.enqueue(() => this.handle(msg));
  }

  /**
   * Runs `task` in turn with the messages (the worker starts its backend this way, before any
   * reset); a failure is reported as a message's would be.
   */
  enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task).catch((e: unknown) => {
      this.fail(e);
    });
    return this.queue;
  }

  private fail(e: unknown): void {
    this.running = false;
    this.post({ type: 'lab:error', message: e instanceof Error ? e.message : String(e) });
  }

  private async handle(msg: PageToSession): Promise<void> {
    switch (msg.type) {
      case 'lab:reset':
        this.running = false;
        this.run++;
        this.trainer = await Trainer.create(msg.settings);
        await this.sendReady();
        await this.report(false);
        await this.sendBoundary();
        return;
      case 'lab:start':
        if (this.running || this.trainer === null) return;
        this.running = true;
        this.lastReport = { at: performance.now(), steps: this.trainer.steps };
        this.timeline = [this.lastReport];
        void this.loop(this.run);
        return;
      case 'lab:pause':
        if (!this.running) return;
        this.running = false;
        await this.report(true);
        await this.sendBoundary();
        return;
      case 'lab:step':
        if (this.trainer === null) return;
        this.running = false;
        await this.stepOnce();
        await this.report(false);
        await this.sendBoundary();
        return;
    }
  }

  private async sendReady(): Promise<void> {
    const t = this.trainer!;
    const { train, test } = t.split;
    const [trainX, testX, trainY, testY] = await Promise.all([
      train.x.toTypedArray(),
      test.x.toTypedArray(),
      train.y.toTypedArray(),
      test.y.toTypedArray(),
    ]);
    const xy = new Float32Array(trainX.length + testX.length);
    xy.set(trainX);
    xy.set(testX, trainX.length);
    const labels = new Int32Array(trainY.length + testY.length);
    labels.set(trainY);
    labels.set(testY, trainY.length);
    this.post({
      type: 'lab:ready',
      run: this.run,
      points: { xy, labels, train: trainY.length },
      classes: t.split.classes,
      extent: t.extent,
    });
  }

  private async stepOnce(): Promise<void> {
    const loss = this.trainer!.step();
    const value = await loss.item(); // on a GPU, waits for the step: the queue of work stays one step deep
    loss.dispose();
    if (!Number.isFinite(value)) {
      this.running = false;
      throw new Error(
        `training diverged at step ${this.trainer!.steps} (loss ${value}): lower the learning rate and press Reset`,
      );
    }
  }

  /**
   * Evaluates both sets and posts the figures; `timed` adds steps/s over the last couple of
   * seconds of running, by the wall clock: what the page trains per second, its evaluations and
   * maps included.
   */
  private async report(timed: boolean): Promise<void> {
    const t = this.trainer!;
    const run = this.run;
    const now = { at: performance.now(), steps: t.steps };
    this.lastReport = now;
    let stepsPerSecond: number | null = null;
    if (timed) {
      this.timeline.push(now);
      while (this.timeline.length > 2 && now.at - this.timeline[1]!.at >= RATE_WINDOW_MS) this.timeline.shift();
      const first = this.timeline[0]!;
      if (now.at > first.at) stepsPerSecond = ((now.steps - first.steps) * 1000) / (now.at - first.at);
    }
    const train = await t.evaluate('train');
    const test = await t.evaluate('test');
    if (run !== this.run) return;
    const progress: LabProgress = { steps: t.steps, train, test, stepsPerSecond, running: this.running };
    this.post({ type: 'lab:progress', run, progress });
  }

  private async sendBoundary(): Promise<void> {
    const run = this.run;
    const map = await this.trainer!.boundary(BOUNDARY_SIZE);
    const neurons = await this.trainer!.neurons(NEURON_SIZE);
    this.lastBoundary = performance.now();
    if (run === this.run) this.post({ type: 'lab:boundary', run, map, neurons });
  }

  /** Steps while running this run; each turn goes through the queue, so messages interleave. */
  private async loop(run: number): Promise<void> {
    while (this.running && run === this.run) {
      await this.enqueue(async () => {
        if (!this.running || run !== this.run) return;
        await this.stepOnce();
        const now = performance.now();
        const t = this.trainer!;
        if (now - this.lastReport.at >= REPORT_MS || t.steps - this.lastReport.steps >= REPORT_STEPS)
          await this.report(true);
        if (now - this.lastBoundary >= BOUNDARY_MS) await this.sendBoundary();
      });
      await yieldToEvents();
    }
  }
}
