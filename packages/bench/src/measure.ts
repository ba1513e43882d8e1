import { performance } from 'node:perf_hooks';
import type { Prepared } from './contender.js';

/**
 * Timing: warm-up runs (compile kernels and shaders, fill pools, let the JIT settle), then timed
 * rounds until the budget is spent, at least `minReps` and at most `maxReps`. Slow work
 * (tfjs-cpu's matmul 1024 takes seconds) so gets few runs, which keeps a whole run within a few
 * minutes on two cores.
 */
export interface Budget {
  /** Timed milliseconds to spend, all the works' runs together. */
  ms: number;
  warmups: number;
  minReps: number;
  maxReps: number;
  /** A warm-up round slower than `slowMs` lowers the minimum to `slowReps`. */
  slowMs: number;
  slowReps: number;
}

/** One contender alone: tfjs-cpu's softmax takes ~4 s a run, so slow work gets 2 runs. */
export const SOLO: Budget = { ms: 800, warmups: 1, minReps: 3, maxReps: 15, slowMs: 1500, slowReps: 2 };

export interface Timing {
  /** Median milliseconds per run. */
  median: number;
  min: number;
  reps: number;
}

/** One run's wall time and the CPU time of the whole process over it (every thread: Dawn's, wasm's). */
export interface Sample {
  wallMs: number;
  cpuMs: number;
}

export async function time(work: Prepared, budget = SOLO): Promise<Timing> {
  const walls = (await sample([work], budget))[0]!.map((s) => s.wallMs);
  return { median: median(walls), min: Math.min(...walls), reps: walls.length };
}

/**
 * Runs each work once per round, all of them in every round, and returns each one's samples
 * (`samples[w][i]` is work w in round i). In odd rounds the order is reversed (A B, B A, ...) so
 * neither side is always the one that runs right after the other's garbage or queued GPU work.
 */
export async function sample(works: readonly Prepared[], budget: Budget): Promise<Sample[][]> {
  const w = performance.now();
  for (let i = 0; i < budget.warmups; i++) for (const work of works) await work.run();
  const minReps = (performance.now() - w) / budget.warmups > budget.slowMs ? budget.slowReps : budget.minReps;
  const samples: Sample[][] = works.map(() => []);
  let spent = 0;
  for (let round = 0; round < minReps || (spent < budget.ms && round < budget.maxReps); round++) {
    for (const k of roundOrder(works.length, round)) {
      const c = process.cpuUsage();
      const s = performance.now();
      await works[k]!.run();
      const t = performance.now() - s;
      const d = process.cpuUsage(c);
      samples[k]!.push({ wallMs: t, cpuMs: (d.user + d.system) / 1000 });
      spent += t;
    }
  }
  return samples;
}

/** The order of the works in a round: as given in even rounds, reversed in odd ones. */
export function roundOrder(n: number, round: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return round % 2 === 0 ? order : order.reverse();
}

/** The median; the mean of the two middle values for an even count. */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** The q-quantile (0 to 1), interpolating linearly between the two nearest values. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.ceil(at)]! - s[lo]!) * (at - lo);
}
