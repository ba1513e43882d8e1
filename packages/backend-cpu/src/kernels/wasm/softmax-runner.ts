import { CONTROL_REGION, MAX_WORKERS } from './job.js';
import type { SoftmaxExports, SoftmaxInstance } from './softmax-module.js';
import { softmaxModule } from './softmax-module.js';
import type { ThreadChoice } from './thread-choice.js';
import { FRESH_CHOICE, preferThreads, recordRate } from './thread-choice.js';

/**
 * softmax.wat's rows, run from JavaScript: blocks of lines are copied into the module's memory
 * (each padded to a multiple of 16 floats with -Infinity, which leaves its max and its sum of
 * exponentials alone), processed there, and copied out. A block stays small enough to sit in the
 * L2 cache between the copy in, the passes and the copy out. Large inputs of dense rows also
 * share each block's max-and-exp pass (most of the time) with worker threads.
 *
 * The memory, from the bottom: the control region (job.ts), one 64-byte scratch line per thread,
 * the rows' (max, sum) pairs, then the rows.
 */

const PAGE_BYTES = 65536;
/** Floats per block on one thread: rows are grouped up to this many (one row alone may be longer). */
const BLOCK_FLOATS = 16384;
/** Floats per block with threads: as much per thread, as each works in its own L2 cache. */
const THREAD_BLOCK_FLOATS = 65536;
/** Inputs from this many floats take threads: below, waking a worker costs more than it saves. */
const THREAD_MIN_FLOATS = 1 << 18;
/** Chunks per thread: more than one lets a thread that starts late leave less for the others. */
const CHUNKS_PER_THREAD = 4;
/**
 * Rows from this long are copied through a subarray and `set`; shorter ones element by element,
 * which costs less than making the subarray (as rowsTakeContiguous in strided.ts finds).
 */
const VIEW_FROM = 128;
/** Slots of the job block that `chunk` reads (after the pool's own slots 0-4): see softmax.wat. */
const JOB_ARGS = 5;
/** The scratch lines: one per thread (the main thread is 0), each 16 floats. */
const SCRATCH = CONTROL_REGION / 4;
const ROWS_FROM = SCRATCH + 16 * (MAX_WORKERS + 1);

/** The recent throughput with threads and without, for large inputs (thread-choice.ts). */
let choice: ThreadChoice = FRESH_CHOICE;

/** How many workers the last dense-rows call shared its blocks with (for tests). */
export let lastSoftmaxWorkers = 0;

/** Whether float32 softmax runs in WebAssembly here. */
export function softmaxWasmAvailable(): boolean {
  return softmaxModule() !== null;
}

/** The module's memory as floats, grown to at least `floats`. */
function memoryFor(m: SoftmaxInstance, floats: number): Float32Array {
  const need = Math.ceil((floats * 4) / PAGE_BYTES) - m.memory.buffer.byteLength / PAGE_BYTES;
  if (need > 0) m.memory.grow(need);
  return new Float32Array(m.memory.buffer);
}

/** A block's geometry: rows padded to `width` floats, up to `perBlock` of them from float `at`. */
interface Blocks {
  width: number;
  perBlock: number;
  /** Where the (max, sum) pairs start, in floats, and the rows after them (64-byte aligned). */
  stats: number;
  at: number;
  mem: Float32Array;
}

function blocks(m: SoftmaxInstance, n: number, blockFloats: number): Blocks {
  const width = (n + 15) & ~15;
  const perBlock = Math.max(1, Math.floor(blockFloats / width));
  const at = ROWS_FROM + ((2 * perBlock + 15) & ~15);
  return { width, perBlock, stats: ROWS_FROM, at, mem: memoryFor(m, at + perBlock * width) };
}

/**
 * The passes over `rows` rows of a block, already in memory: after it they hold the results.
 * `stats` runs on this thread, or, given the pool and `workers`, in chunks shared with them.
 */
function run(m: SoftmaxInstance, b: Blocks, rows: number, log: boolean, workers = 0): void {
  const { mem, stats, at, width } = b;
  const e: SoftmaxExports = m.exports;
  if (workers > 0) {
    const chunks = (1 + workers) * CHUNKS_PER_THREAD;
    const per = Math.ceil(rows / chunks);
    new Int32Array(mem.buffer).set([at * 4, width, per, rows, stats * 4, log ? 1 : 0, SCRATCH * 4], JOB_ARGS);
    m.pool()!.execute(Math.ceil(rows / per), workers, (c) => {
      e.chunk(0, c, 0);
    });
  } else {
    e.stats(at * 4, rows, width, stats * 4, log ? 1 : 0, SCRATCH * 4);
  }
  for (let r = 0; r < rows; r++) {
    const sum = mem[stats + 2 * r + 1]!;
    mem[stats + 2 * r + 1] = log ? Math.log(sum) : 1 / sum;
  }
  e.apply(at * 4, rows, width, stats * 4, log ? 1 : 0);
}

/** Workers to share a large input with: none for small ones, or while one thread runs faster. */
function workersFor(m: SoftmaxInstance, floats: number): number {
  if (floats < THREAD_MIN_FLOATS || !preferThreads(choice)) return 0;
  return m.pool()?.available() ?? 0;
}

/**
 * softmax (or logSoftmax) of `rows` dense rows of `n` floats, one after another in `x` from
 * `offset`, into `out` from 0. Where no row needs padding, each block is one copy in and one out.
 */
export function softmaxRowsWasm(
  x: Float32Array,
  offset: number,
  out: Float32Array,
  rows: number,
  n: number,
  log: boolean,
): void {
  const m = softmaxModule()!;
  const workers = workersFor(m, rows * n);
  lastSoftmaxWorkers = workers;
  const b = blocks(m, n, workers > 0 ? THREAD_BLOCK_FLOATS * (1 + workers) : BLOCK_FLOATS);
  const { width, perBlock, at, mem } = b;
  const start = performance.now();
  for (let first = 0; first < rows; first += perBlock) {
    const count = Math.min(perBlock, rows - first);
    const x0 = offset + first * n;
    if (width === n) mem.set(x.subarray(x0, x0 + count * n), at);
    else for (let r = 0; r < count; r++) copyIn(x, x0 + r * n, 1, mem, at + r * width, n, width);
    run(m, b, count, log, workers);
    if (width === n) out.set(mem.subarray(at, at + count * n), first * n);
    else for (let r = 0; r < count; r++) copyOut(mem, at + r * width, out, (first + r) * n, 1, n);
  }
  if (rows * n >= THREAD_MIN_FLOATS && m.pool() !== null) {
    choice = recordRate(choice, workers > 0, (rows * n) / Math.max(performance.now() - start, 1e-3));
  }
}

/**
 * softmax (or logSoftmax) of lines of `n` floats anywhere: `lines` calls its visitor once per
 * line with where the line starts in `x` (elements `xStride` apart) and where its result goes in
 * `out` (`outStride` apart). Lines are gathered into blocks, run, and scattered back.
 */
export function softmaxLinesWasm(
  x: Float32Array,
  out: Float32Array,
  n: number,
  strides: { x: number; out: number },
  lines: (visit: (xBase: number, outBase: number) => void) => void,
  log: boolean,
): void {
  const m = softmaxModule()!;
  const b = blocks(m, n, BLOCK_FLOATS);
  const { width, perBlock, at, mem } = b;
  const outBases = new Float64Array(perBlock);
  let count = 0;
  const flush = (): void => {
    run(m, b, count, log);
    for (let r = 0; r < count; r++) copyOut(mem, at + r * width, out, outBases[r]!, strides.out, n);
    count = 0;
  };
  lines((xBase, outBase) => {
    copyIn(x, xBase, strides.x, mem, at + count * width, n, width);
    outBases[count++] = outBase;
    if (count === perBlock) flush();
  });
  if (count > 0) flush();
}

function copyIn(
  x: Float32Array,
  base: number,
  stride: number,
  mem: Float32Array,
  at: number,
  n: number,
  width: number,
): void {
  if (stride === 1 && n >= VIEW_FROM) mem.set(x.subarray(base, base + n), at);
  else for (let k = 0; k < n; k++) mem[at + k] = x[base + k * stride]!;
  for (let k = at + n; k < at + width; k++) mem[k] = -Infinity;
}

function copyOut(mem: Float32Array, at: number, out: Float32Array, base: number, stride: number, n: number): void {
  if (stride === 1 && n >= VIEW_FROM) out.set(mem.subarray(at, at + n), base);
  else for (let k = 0; k < n; k++) out[base + k * stride] = mem[at + k]!;
}

/** exp of every float in `values`, in place, through the module's vectorised exp (for tests). */
export function expWasm(values: Float32Array): void {
  const m = softmaxModule()!;
  const width = (values.length + 15) & ~15;
  const mem = memoryFor(m, ROWS_FROM + width);
  mem.set(values, ROWS_FROM);
  m.exports.exp(ROWS_FROM * 4, width);
  values.set(mem.subarray(ROWS_FROM, ROWS_FROM + values.length));
}
