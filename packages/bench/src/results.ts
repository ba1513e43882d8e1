import type { PairStats } from './head-to-head/stats.js';
import type { Machine } from './machine.js';

/** One cell: a measured value in its row's unit, or why there is none. */
export type Cell = { value: number; ms: number; reps: number } | { na: string };

export interface ContenderResult {
  name: string;
  note: string;
  /** Set when the contender could not start; then every cell is n/a. */
  unavailable?: string;
  cells: Record<string, Cell>;
  memory: {
    /** Peak resident set size growth over the contender's whole run, MiB. */
    peakRssMiB: number;
    /** Heap growth, MiB, measured after a garbage collection at the end. */
    heapDeltaMiB: number;
    /** Library figures (live tensors, bytes), as the library reports them. */
    library: Record<string, number>;
  };
  seconds: number;
}

/** One head-to-head pair (head-to-head/pairs.ts), measured in one process. */
export interface PairResult {
  id: string;
  label: string;
  ag: string;
  peer: string;
  target?: number;
  /** Set when the pair could not be measured (a side failed to start or lacks the work). */
  unavailable?: string;
  stats?: PairStats;
  seconds: number;
}

export interface HeadToHead {
  /** Its own date and load: `pnpm bench --head-to-head` adds it to an earlier run's results. */
  machine: Machine;
  pairs: PairResult[];
}

export interface BenchResults {
  machine: Machine;
  rows: { id: string; label: string; unit: string; higherIsBetter: boolean }[];
  contenders: ContenderResult[];
  headToHead?: HeadToHead;
}
