import { median, quantile, type Sample } from '../measure.js';

/**
 * The arithmetic of a head-to-head: pure functions of the samples, so the tests can check it
 * without timing anything.
 */
export interface PairStats {
  /** Median wall milliseconds per run of each side. */
  agMs: number;
  peerMs: number;
  /** Median over pairs of peer ms / ag ms (above 1: ag is faster); pair i = each side's run i. */
  speedup: number;
  /**
   * The quartiles of those per-pair ratios: the middle half of the pairs lie between them, which
   * says how firm the median is without letting one pair that met a GC pause widen it.
   */
  q1: number;
  q3: number;
  /** Median process CPU milliseconds per run of each side, and peer's over ag's. */
  agCpuMs: number;
  peerCpuMs: number;
  cpuRatio: number;
  pairs: number;
}

/** peer[i] / ag[i] for each pair of runs; runs without a partner are dropped. */
export function pairRatios(ag: readonly number[], peer: readonly number[]): number[] {
  const n = Math.min(ag.length, peer.length);
  return Array.from({ length: n }, (_, i) => peer[i]! / ag[i]!);
}

/**
 * Wall time is paired because the load changes from one second to the next and each pair shares
 * it; CPU time hardly depends on the load, so the ratio of the two medians serves.
 */
export function pairStats(ag: readonly Sample[], peer: readonly Sample[]): PairStats {
  const ratios = pairRatios(
    ag.map((s) => s.wallMs),
    peer.map((s) => s.wallMs),
  );
  const agCpuMs = median(ag.map((s) => s.cpuMs));
  const peerCpuMs = median(peer.map((s) => s.cpuMs));
  return {
    agMs: median(ag.map((s) => s.wallMs)),
    peerMs: median(peer.map((s) => s.wallMs)),
    speedup: median(ratios),
    q1: quantile(ratios, 0.25),
    q3: quantile(ratios, 0.75),
    agCpuMs,
    peerCpuMs,
    cpuRatio: peerCpuMs / agCpuMs,
    pairs: ratios.length,
  };
}

/** Whether the median pair ratio meets the target; undefined without a target or a figure. */
export function meets(speedup: number | undefined, target: number | undefined): boolean | undefined {
  if (target === undefined || speedup === undefined || !Number.isFinite(speedup)) return undefined;
  return speedup >= target;
}
