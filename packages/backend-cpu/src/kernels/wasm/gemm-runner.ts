import type { Mat } from '../matmul-float.js';
import type { GemmInstance, RowsPlusExport } from './gemm-module.js';
import { MAX_PAGES, PAGE_BYTES, instantiate } from './gemm-module.js';
import { CONTROL_REGION, JOB } from './job.js';
import type { ThreadChoice } from './thread-choice.js';
import { FRESH_CHOICE, preferThreads, recordRate } from './thread-choice.js';
import { WorkerPool } from './worker-pool.js';

/**
 * Runs gemm.wat's kernel for one float32 product: stages A and B in the module's memory, writes
 * the job (job.ts) that splits C into chunks of whole 4 x 8 tiles, runs the chunks on the main
 * thread and on whichever workers join (worker-pool.ts), and copies C out.
 *
 * The memory, from the bottom: the control region, A, B, C (padded to whole tiles), then each
 * thread's packing buffers. It grows to the largest product seen and is reused (a shared memory
 * cannot shrink).
 */

const MR = 4; // rows of the micro-kernel's tile (gemm.wat)
const NR = 8; // columns of the micro-kernel's tile
// Block sizes: a packed MC x KC block of A (128 KiB) stays in L2, a KC x NR strip of B (8 KiB)
// in L1; NC bounds each thread's packed block of B (KC x NC, 1 MiB).
const MC = 128;
const KC = 256;
const NC = 1024;
const ALIGN = 64; // regions start on cache lines
/** Chunks per thread: more than one lets a thread that starts late leave less for the others to wait on. */
const CHUNKS_PER_THREAD = 2;
/** The narrowest chunk, in tiles: each chunk packs the whole other operand, so narrow ones repack a lot. */
const MIN_CHUNK_TILES = 16;

/** An operand staged in the memory: byte address of element (0, 0) and byte strides. */
export interface Staged {
  readonly ptr: number;
  readonly rs: number;
  readonly cs: number;
}

/** How to stage an operand: copy the storage span it covers as it is, or gather it row-major. */
export interface StagePlan {
  readonly span: boolean;
  readonly floats: number;
}

let inst: GemmInstance | null = null;
let view: Float32Array = new Float32Array(0);
let ints: Int32Array = new Int32Array(0);
/** The worker pool: undefined until a product first asks for threads, null where it cannot start. */
let pool: WorkerPool | null | undefined;
/** What adaptive callers have learned of threads on this machine (thread-choice.ts). */
let choice: ThreadChoice = FRESH_CHOICE;
let last: ProductStats = { threads: 0, chunks: 0, workerChunks: 0 };

/** How the last product was shared out: for tests and benchmarks. */
export interface ProductStats {
  /** Threads offered its chunks, the main thread included. */
  readonly threads: number;
  readonly chunks: number;
  /** Chunks that workers ran (the main thread ran the rest). */
  readonly workerChunks: number;
}

export function lastProductStats(): ProductStats {
  return last;
}

/**
 * res[c0 ...] = A B for an m x k by k x n float32 product (m, k, n >= 1), on up to `threads`
 * threads; `adaptive`: on as many as recent products found fastest (thread-choice.ts).
 * False when the product does not fit in the module's memory (the caller falls back).
 */
export function wasmProduct(
  a: Mat,
  b: Mat,
  res: Float32Array,
  c0: number,
  m: number,
  k: number,
  n: number,
  threads: number,
  adaptive = false,
): boolean {
  const planA = plan(a, m, k);
  const planB = plan(b, k, n);
  const bAt = align(4 * planA.floats);
  const operands: Operands = {
    bytes: bAt + 4 * planB.floats,
    stage: (base) => ({ A: stage(a, m, k, planA, base), B: stage(b, k, n, planB, base + bAt), btab: 0 }),
  };
  return runGemm(m, k, n, threads, adaptive, operands, (c, ldc) => {
    if (ldc === n) {
      res.set(view.subarray(c, c + m * n), c0);
    } else {
      for (let i = 0; i < m; i++) res.set(view.subarray(c + i * ldc, c + i * ldc + n), c0 + i * n);
    }
  });
}

/** A product's operands as its caller lays them out in the module's memory. */
export interface Operands {
  /** Bytes they take. */
  readonly bytes: number;
  /**
   * Writes them from byte address `base` (cache-line aligned) through `memoryView()`; returns A
   * and B as gemm.wat reads them, and B's table of row offsets (a byte address, 0 for none).
   */
  stage(base: number): { A: Staged; B: Staged; btab: number };
}

/**
 * C = A B for an m x k by k x n product whose operands `operands` stages, on up to `threads`
 * threads; `read(c, ldc)` then takes C out of `memoryView()`: row i starts at float c + i * ldc.
 * False when it does not fit in the module's memory.
 */
export function runGemm(
  m: number,
  k: number,
  n: number,
  threads: number,
  adaptive: boolean,
  operands: Operands,
  read: (c: number, ldc: number) => void,
): boolean {
  if (pool?.failed === true) {
    // A worker stopped answering and may still write into that memory: start over, without threads.
    pool = null;
    inst = null;
    view = new Float32Array(0);
    ints = new Int32Array(0);
  }
  inst ??= instantiate();
  const learning = adaptive && threads > 1;
  const workers = threads > 1 && (!learning || preferThreads(choice)) ? readyWorkers(inst, threads - 1) : 0;
  const split = chunks(m, n, 1 + workers);
  const mp = Math.ceil(m / MR) * MR;
  const np = Math.ceil(n / NR) * NR;
  const base = CONTROL_REGION;
  const cPtr = align(base + operands.bytes);
  const scratch = align(cPtr + 4 * mp * np);
  const paBytes = 4 * MC * KC;
  const stride = paBytes + align(4 * KC * Math.min(NC, split.cols ? split.size : np));
  // Packing buffers for every thread that may claim a chunk: a worker woken for an earlier job
  // can wake late, during this one, and join in.
  const end = scratch + (1 + (pool?.size ?? 0)) * stride;
  if (!reserve(inst, end)) return false;

  const { A, B, btab } = operands.stage(base);
  ints.set([A.ptr, A.rs, A.cs, B.ptr, B.rs, B.cs, cPtr, 4 * np, m, n, k, MC, KC, NC], JOB.A);
  ints.set([split.cols ? 1 : 0, split.size, scratch, stride, paBytes, btab], JOB.COLS);
  const chunk = inst.chunk;
  let workerChunks = 0;
  const start = performance.now();
  if (workers > 0) {
    workerChunks = pool!.execute(split.count, workers, (c) => {
      chunk(0, c, 0);
    });
  } else {
    for (let c = 0; c < split.count; c++) chunk(0, c, 0);
  }
  if (learning) choice = recordRate(choice, workers > 0, (m * k * n) / Math.max(performance.now() - start, 1e-3));
  last = { threads: 1 + workers, chunks: split.count, workerChunks };
  read(cPtr / 4, np);
  return true;
}

/** gemm.wat's `rowsPlus` (gemm-module.ts) on the module's memory, from a product's `stage` or `read`. */
export function copyRowsPlus(...args: Parameters<RowsPlusExport>): void {
  inst!.rowsPlus(...args);
}

/** The module's memory as floats, valid until the next product (which may grow it). */
export function memoryView(): Float32Array {
  return view;
}

/** Up to `wanted` ready workers, starting that many on first use; 0 when threads cannot run. */
function readyWorkers(instance: GemmInstance, wanted: number): number {
  if (pool === undefined) {
    pool = null;
    if (instance.shared) {
      try {
        pool = WorkerPool.start(instance.memory, instance.module, wanted);
      } catch {
        pool = null; // the host refused to start workers: stay on one thread
      }
    }
  }
  if (pool === null) return 0;
  return Math.min(wanted, pool.available());
}

/**
 * How C is cut into chunks for `threads`: whole tiles of columns when C is at least as wide as
 * tall, else whole tiles of rows. `size` is each chunk's width (or height), `count` the chunks.
 */
function chunks(m: number, n: number, threads: number): { cols: boolean; size: number; count: number } {
  const tilesN = Math.ceil(n / NR);
  const tilesM = Math.ceil(m / MR);
  const cols = tilesN >= tilesM;
  const tiles = cols ? tilesN : tilesM;
  const per = threads === 1 ? tiles : Math.max(MIN_CHUNK_TILES, Math.ceil(tiles / (threads * CHUNKS_PER_THREAD)));
  const size = per * (cols ? NR : MR);
  return { cols, size, count: Math.ceil((cols ? n : m) / size) };
}

/** Copy the span when the operand covers most of it (any strides, transposes included). */
export function plan(x: Mat, rows: number, cols: number): StagePlan {
  if (x.data instanceof Float32Array && x.rs >= 0 && x.cs >= 0) {
    const span = (rows - 1) * x.rs + (cols - 1) * x.cs + 1;
    if (span <= 2 * rows * cols + 64) return { span: true, floats: span };
  }
  return { span: false, floats: rows * cols };
}

/** Writes operand `x` at byte address `ptr` as `how` says. */
export function stage(x: Mat, rows: number, cols: number, how: StagePlan, ptr: number): Staged {
  const at = ptr / 4;
  if (how.span) {
    view.set((x.data as Float32Array).subarray(x.offset, x.offset + how.floats), at);
    return { ptr, rs: 4 * x.rs, cs: 4 * x.cs };
  }
  const { data, offset, rs, cs } = x;
  for (let i = 0, o = at; i < rows; i++) {
    for (let j = 0, s = offset + i * rs; j < cols; j++, s += cs) view[o++] = data[s]!;
  }
  return { ptr, rs: 4 * cols, cs: 4 };
}

/** Grows the memory to `bytes` and refreshes the Float32Array view; false past the maximum. */
function reserve(instance: GemmInstance, bytes: number): boolean {
  const pages = Math.ceil(bytes / PAGE_BYTES);
  if (pages > MAX_PAGES) return false;
  const have = instance.memory.buffer.byteLength / PAGE_BYTES;
  if (pages > have) {
    try {
      instance.memory.grow(pages - have);
    } catch {
      return false; // the host is out of memory: the caller's plain path may still fit
    }
  }
  if (view.byteLength !== instance.memory.buffer.byteLength) {
    view = new Float32Array(instance.memory.buffer);
    ints = new Int32Array(instance.memory.buffer);
  }
  return true;
}

/** `bytes` rounded up to the module's alignment of blocks in its memory. */
export function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
