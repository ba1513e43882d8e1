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

export interface BenchResults {
  machine: Machine;
  rows: { id: string; label: string; unit: string; higherIsBetter: boolean }[];
  contenders: ContenderResult[];
}
