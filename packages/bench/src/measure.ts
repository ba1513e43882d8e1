import { performance } from 'node:perf_hooks';
import type { Prepared } from './contender.js';

/**
 * Timing: one warm-up run (compiles kernels and shaders, fills pools, lets the JIT settle), then
 * timed runs until `BUDGET_MS` is spent, at least `MIN_REPS` and at most `MAX_REPS`. Slow work
 * (tfjs-cpu's matmul 1024 takes seconds) so gets few runs, which keeps a whole run within a few
 * minutes on two cores.
 */
export const BUDGET_MS = 800;
export const MIN_REPS = 3;
export const MAX_REPS = 15;
/** A warm-up slower than this gets only `SLOW_REPS` timed runs (tfjs-cpu's softmax takes ~4 s). */
export const SLOW_MS = 1500;
export const SLOW_REPS = 2;

export interface Timing {
  /** Median milliseconds per run. */
  median: number;
  min: number;
  reps: number;
}

export async function time(work: Prepared, budgetMs = BUDGET_MS): Promise<Timing> {
  const w = performance.now();
  await work.run();
  const minReps = performance.now() - w > SLOW_MS ? SLOW_REPS : MIN_REPS;
  const times: number[] = [];
  let spent = 0;
  while (times.length < minReps || (spent < budgetMs && times.length < MAX_REPS)) {
    const s = performance.now();
    await work.run();
    const t = performance.now() - s;
    times.push(t);
    spent += t;
  }
  return { median: median(times), min: Math.min(...times), reps: times.length };
}

/** The median; the mean of the two middle values for an even count. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
