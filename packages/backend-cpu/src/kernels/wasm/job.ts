/**
 * The control region at the bottom of the module's memory, as Int32 slots: the job block (what
 * gemm.wat's `chunk` reads, and the counters through which threads share out its chunks), then
 * one block per worker (its wake-up counter). Blocks are a cache line or two apart, so a worker
 * polling its own block does not slow the others.
 */

export const BLOCK_BYTES = 128;
export const MAX_WORKERS = 15;
/** Bytes of control region: the job block, then MAX_WORKERS worker blocks. */
export const CONTROL_REGION = (MAX_WORKERS + 1) * BLOCK_BYTES;

/** Slots of the job block (block 0). gemm.wat's `chunk` reads A through BTAB at byte offsets 4 * slot. */
export const JOB = {
  /** The next chunk to claim (Atomics.add); CLOSED between jobs. */
  NEXT: 0,
  /** Chunks finished. */
  DONE: 1,
  /** Nonzero when a chunk threw. */
  FAILED: 2,
  /** Chunks in the job. */
  COUNT: 3,
  /** Never written: where a thread tests whether it may block in Atomics.wait. */
  PROBE: 4,
  // gemm's arguments, in bytes (see gemm.wat): a, ars, acs, b, brs, bcs, c, ldc, m, n, k, mcb, kcb, ncb
  A: 5,
  COLS: 19,
  SIZE: 20,
  SCRATCH: 21,
  STRIDE: 22,
  PB_OFFSET: 23,
  /** Byte address of B's table of row offsets (gemm.wat's $packBRows), or 0 for strided rows. */
  BTAB: 24,
} as const;

/** NEXT between jobs: past any chunk count, so a worker that wakes late claims nothing. */
export const CLOSED = 0x40000000;

/** Slots of a worker's block, from the block's first slot. */
export const WORKER = { GEN: 0, READY: 1 } as const;

/** Index of worker w's slot (w >= 1) in the Int32 view of the control region. */
export function workerSlot(w: number, slot: keyof typeof WORKER): number {
  return (w * BLOCK_BYTES) / 4 + WORKER[slot];
}
