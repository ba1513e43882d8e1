import { SOFTMAX_WASM } from './softmax-wasm.js';

/**
 * softmax.wat's rows, run from JavaScript: blocks of lines are copied into the module's memory
 * (each padded to a multiple of 16 floats with -Infinity, which leaves its max and its sum of
 * exponentials alone), processed there, and copied out. A block stays small enough to sit in the
 * L2 cache between the copy in, the passes and the copy out.
 */

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  exp(at: number, count: number): void;
  stats(at: number, rows: number, width: number, stats: number, log: number, scratch: number): void;
  apply(at: number, rows: number, width: number, stats: number, log: number): void;
}

/** The slice of the WebAssembly API used here (the packages compile without its types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

const PAGE_BYTES = 65536;
/** Floats per block: rows are grouped up to this many (one row alone may be longer). */
const BLOCK_FLOATS = 16384;

let instance: Exports | null | undefined;

/** The module's exports, or null where this host lacks WebAssembly or its SIMD. */
export function softmaxModule(): Exports | null {
  if (instance !== undefined) return instance;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = Uint8Array.from(atob(SOFTMAX_WASM), (ch) => ch.charCodeAt(0));
  instance = api?.validate(bytes) ? (new api.Instance(new api.Module(bytes), {}).exports as Exports) : null;
  return instance;
}

/** Whether float32 softmax runs in WebAssembly here. */
export function softmaxWasmAvailable(): boolean {
  return softmaxModule() !== null;
}

/** The module's memory as floats, grown to at least `floats`. */
function memoryFor(m: Exports, floats: number): Float32Array {
  const need = Math.ceil((floats * 4) / PAGE_BYTES) - m.memory.buffer.byteLength / PAGE_BYTES;
  if (need > 0) m.memory.grow(need);
  return new Float32Array(m.memory.buffer);
}

/** Floats of the scratch line at the start of memory (where logSoftmax's `stats` drops its exponentials). */
const SCRATCH_FLOATS = 16;

/**
 * Block geometry: the scratch line, the (max, sum) pairs, then `perBlock` rows padded to `width`
 * floats from float `at` (a multiple of 16, so every row is 64-byte aligned).
 */
function blocks(m: Exports, n: number): { width: number; perBlock: number; at: number; mem: Float32Array } {
  const width = (n + 15) & ~15;
  const perBlock = Math.max(1, Math.floor(BLOCK_FLOATS / width));
  const at = SCRATCH_FLOATS + ((2 * perBlock + 15) & ~15);
  return { width, perBlock, at, mem: memoryFor(m, at + perBlock * width) };
}

/** The passes over `rows` rows already in memory at float `at`: after it they hold the results. */
function run(m: Exports, mem: Float32Array, at: number, rows: number, width: number, log: boolean): void {
  const stats = SCRATCH_FLOATS;
  m.stats(at * 4, rows, width, stats * 4, log ? 1 : 0, 0);
  for (let r = 0; r < rows; r++) {
    const sum = mem[stats + 2 * r + 1]!;
    mem[stats + 2 * r + 1] = log ? Math.log(sum) : 1 / sum;
  }
  m.apply(at * 4, rows, width, stats * 4, log ? 1 : 0);
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
  const { width, perBlock, at, mem } = blocks(m, n);
  for (let first = 0; first < rows; first += perBlock) {
    const count = Math.min(perBlock, rows - first);
    const x0 = offset + first * n;
    if (width === n) mem.set(x.subarray(x0, x0 + count * n), at);
    else for (let r = 0; r < count; r++) copyIn(x, x0 + r * n, 1, mem, at + r * width, n, width);
    run(m, mem, at, count, width, log);
    if (width === n) out.set(mem.subarray(at, at + count * n), first * n);
    else for (let r = 0; r < count; r++) copyOut(mem, at + r * width, out, (first + r) * n, 1, n);
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
  const { width, perBlock, at, mem } = blocks(m, n);
  const outBases = new Float64Array(perBlock);
  let count = 0;
  const flush = (): void => {
    run(m, mem, at, count, width, log);
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
  if (stride === 1) mem.set(x.subarray(base, base + n), at);
  else for (let k = 0; k < n; k++) mem[at + k] = x[base + k * stride]!;
  mem.fill(-Infinity, at + n, at + width);
}

function copyOut(mem: Float32Array, at: number, out: Float32Array, base: number, stride: number, n: number): void {
  if (stride === 1) out.set(mem.subarray(at, at + n), base);
  else for (let k = 0; k < n; k++) out[base + k * stride] = mem[at + k]!;
}

/** exp of every float in `values`, in place, through the module's vectorised exp (for tests). */
export function expWasm(values: Float32Array): void {
  const m = softmaxModule()!;
  const width = (values.length + 15) & ~15;
  const mem = memoryFor(m, width);
  mem.set(values);
  m.exp(0, width);
  values.set(mem.subarray(0, values.length));
}
