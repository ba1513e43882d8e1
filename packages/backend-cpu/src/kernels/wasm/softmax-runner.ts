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
/** Floats per block and thread with threads (two blocks in flight: one in, one being worked on). */
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

/** Whether a threaded call has run since the workers started. */
let workersWarm = false;

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

/**
 * A block's geometry: rows padded to `width` floats, up to `perBlock` of them; `buffers` areas
 * (two for the threaded pipeline), area i's (max, sum) pairs from float `stats[i]`, its rows
 * from float `at[i]` (64-byte aligned).
 */
interface Blocks {
  width: number;
  perBlock: number;
  stats: number[];
  at: number[];
  mem: Float32Array;
}

function blocks(m: SoftmaxInstance, n: number, blockFloats: number, buffers = 1): Blocks {
  const width = (n + 15) & ~15;
  const perBlock = Math.max(1, Math.floor(blockFloats / width));
  const pairs = (2 * perBlock + 15) & ~15;
  const stats = Array.from({ length: buffers }, (_, i) => ROWS_FROM + i * pairs);
  const at = stats.map((_, i) => ROWS_FROM + buffers * pairs + i * perBlock * width);
  return { width, perBlock, stats, at, mem: memoryFor(m, at[buffers - 1]! + perBlock * width) };
}

/** Each row's sum turned into what `apply` needs (1 / sum, or log(sum)), then `apply`. */
function finish(
  e: SoftmaxExports,
  mem: Float32Array,
  stats: number,
  at: number,
  rows: number,
  width: number,
  log: boolean,
): void {
  for (let r = 0; r < rows; r++) {
    const sum = mem[stats + 2 * r + 1]!;
    mem[stats + 2 * r + 1] = log ? Math.log(sum) : 1 / sum;
  }
  e.apply(at * 4, rows, width, stats * 4, log ? 1 : 0);
}

/** The passes over `rows` rows in area 0 of a block, on this thread: after it they hold the results. */
function run(m: SoftmaxInstance, b: Blocks, rows: number, log: boolean): void {
  m.exports.stats(b.at[0]! * 4, rows, b.width, b.stats[0]! * 4, log ? 1 : 0, SCRATCH * 4);
  finish(m.exports, b.mem, b.stats[0]!, b.at[0]!, rows, b.width, log);
}

/** Workers to share a large input with: none for small ones, or while one thread runs faster. */
function workersFor(m: SoftmaxInstance, floats: number): number {
  if (floats < THREAD_MIN_FLOATS || !preferThreads(choice)) return 0;
  return m.pool()?.available() ?? 0;
}

/** Rows `first` on (`count` of them) of dense rows in `x` from `offset`, into memory from float `at`. */
function blockIn(
  x: Float32Array,
  offset: number,
  b: Blocks,
  at: number,
  first: number,
  count: number,
  n: number,
): void {
  const x0 = offset + first * n;
  if (b.width === n) b.mem.set(x.subarray(x0, x0 + count * n), at);
  else for (let r = 0; r < count; r++) copyIn(x, x0 + r * n, 1, b.mem, at + r * b.width, n, b.width);
}

/** The reverse of {@link blockIn}, into `out` from row `first`. */
function blockOut(b: Blocks, at: number, out: Float32Array, first: number, count: number, n: number): void {
  if (b.width === n) out.set(b.mem.subarray(at, at + count * n), first * n);
  else for (let r = 0; r < count; r++) copyOut(b.mem, at + r * b.width, out, (first + r) * n, 1, n);
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
  const start = performance.now();
  if (workers > 0) {
    pipelined(m, { x, offset, out, rows, n, log }, workers);
  } else {
    const b = blocks(m, n, BLOCK_FLOATS);
    for (let first = 0; first < rows; first += b.perBlock) {
      const count = Math.min(b.perBlock, rows - first);
      blockIn(x, offset, b, b.at[0]!, first, count, n);
      run(m, b, count, log);
      blockOut(b, b.at[0]!, out, first, count, n);
    }
  }
  // The call that started the workers waited for them to come up: its rate says nothing.
  if (rows * n >= THREAD_MIN_FLOATS && m.pool() !== null && (workers === 0 || workersWarm)) {
    choice = recordRate(choice, workers > 0, (rows * n) / Math.max(performance.now() - start, 1e-3));
  }
  if (workers > 0) workersWarm = true;
}

/**
 * The threaded rows, pipelined over two areas of memory: while the workers run block k's max and
 * exp (the bulk of the time), the main thread, before it claims a chunk of its own, finishes block
 * k - 1 (apply, copy out) and copies block k + 1 in, the copies being work only it can do (the
 * workers cannot see the JavaScript arrays).
 */
function pipelined(
  m: SoftmaxInstance,
  {
    x,
    offset,
    out,
    rows,
    n,
    log,
  }: { x: Float32Array; offset: number; out: Float32Array; rows: number; n: number; log: boolean },
  workers: number,
): void {
  const b = blocks(m, n, THREAD_BLOCK_FLOATS * (1 + workers), 2);
  const e = m.exports;
  const pool = m.pool()!;
  const ints = new Int32Array(b.mem.buffer);
  const count = (k: number): number => Math.min(b.perBlock, rows - k * b.perBlock);
  const blocksTotal = Math.ceil(rows / b.perBlock);
  const fill = (k: number): void => {
    blockIn(x, offset, b, b.at[k % 2]!, k * b.perBlock, count(k), n);
  };
  const drain = (k: number): void => {
    finish(e, b.mem, b.stats[k % 2]!, b.at[k % 2]!, count(k), b.width, log);
    blockOut(b, b.at[k % 2]!, out, k * b.perBlock, count(k), n);
  };
  fill(0);
  for (let k = 0; k < blocksTotal; k++) {
    let side = true;
    const sideWork = (): void => {
      side = false;
      if (k > 0) drain(k - 1); // area (k - 1) % 2, which block k + 1 then fills
      if (k + 1 < blocksTotal) fill(k + 1);
    };
    const per = Math.ceil(count(k) / ((1 + workers) * CHUNKS_PER_THREAD));
    ints.set([b.at[k % 2]! * 4, b.width, per, count(k), b.stats[k % 2]! * 4, log ? 1 : 0, SCRATCH * 4], JOB_ARGS);
    pool.execute(Math.ceil(count(k) / per), workers, (c) => {
      if (side) sideWork();
      e.chunk(0, c, 0);
    });
    if (side) sideWork(); // the workers claimed every chunk first
  }
  drain(blocksTotal - 1);
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
  const { width, perBlock, mem } = b;
  const at = b.at[0]!;
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
