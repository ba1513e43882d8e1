import { GEMM_WASM_PLAIN, GEMM_WASM_PLAIN_RELAXED, GEMM_WASM_SHARED, GEMM_WASM_SHARED_RELAXED } from './gemm-wasm.js';
import { DeviceError } from '@ag/core';

/**
 * Loading gemm.wat's compiled module. The packages compile against the ES2023 library, which has
 * no WebAssembly types, so the slice of the API used here is typed by hand.
 */

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

/** A compiled module: opaque here, but it can be sent to workers. */
export type WasmModule = object;

/** gemm.wat's `chunk` export: runs chunk `chunk` of the job at byte address `job` as thread `thread`. */
export type ChunkExport = (job: number, chunk: number, thread: number) => void;

/** gemm.wat's `rowsPlus`: `count` rows of `len` floats plus `bias`, from src to dst, each with its row stride in bytes. */
export type RowsPlusExport = (
  src: number,
  stride: number,
  dst: number,
  dstStride: number,
  len: number,
  count: number,
  bias: number,
) => void;

export const PAGE_BYTES = 65536;
/** The memory's maximum, as declared in gemm.wat: 2 GiB keeps every byte address a positive i32. */
export const MAX_PAGES = 32768;

/** One instantiated module over its memory. */
export interface GemmInstance {
  readonly memory: WasmMemory;
  readonly module: WasmModule;
  readonly chunk: ChunkExport;
  readonly rowsPlus: RowsPlusExport;
  /** Whether the memory is shared, so that workers can instantiate the module over it too. */
  readonly shared: boolean;
}

const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

function decode(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

interface Compiled {
  readonly shared: WasmModule | null;
  readonly plain: WasmModule | null;
  /** Whether they are the relaxed-SIMD variants. */
  readonly relaxed: boolean;
}

let modules: Compiled | undefined;

/** Both variants compiled once, or null where this host lacks WebAssembly, its SIMD or shared memory. */
function compiled(): Compiled {
  if (modules !== undefined) return modules;
  const compile = (base64: string, needsShared: boolean): WasmModule | null => {
    if (api === undefined || (needsShared && typeof SharedArrayBuffer === 'undefined')) return null;
    const bytes = decode(base64);
    return api.validate(bytes) ? new api.Module(bytes) : null; // false without SIMD (or relaxed SIMD)
  };
  // Relaxed SIMD's multiply-add where the host validates it (Node 22, browsers since 2023): the
  // micro-kernel's 8 multiplies and 8 adds per depth become 8 fused ops, about a third faster.
  const sharedRelaxed = compile(GEMM_WASM_SHARED_RELAXED, true);
  const plainRelaxed = compile(GEMM_WASM_PLAIN_RELAXED, false);
  modules = {
    shared: sharedRelaxed ?? compile(GEMM_WASM_SHARED, true),
    plain: plainRelaxed ?? compile(GEMM_WASM_PLAIN, false),
    relaxed: sharedRelaxed !== null || plainRelaxed !== null,
  };
  return modules;
}

/** Whether this host runs WebAssembly SIMD (then at least the single-threaded kernel works). */
export function wasmAvailable(): boolean {
  const { shared, plain } = compiled();
  return shared !== null || plain !== null;
}

/** A fresh memory and instance: shared when the host allows it (threads need it), else plain. */
export function instantiate(): GemmInstance {
  const { shared, plain } = compiled();
  if (api === undefined || (shared === null && plain === null)) {
    throw new DeviceError('matmul: WebAssembly SIMD is not available on this host');
  }
  if (shared !== null) {
    try {
      const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
      return { memory, module: shared, ...exportsOf(shared, memory), shared: true };
    } catch {
      // a browser page without cross-origin isolation refuses shared memory: go on without
    }
  }
  if (plain === null) throw new DeviceError('matmul: WebAssembly shared memory is not available on this host');
  const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES });
  return { memory, module: plain, ...exportsOf(plain, memory), shared: false };
}

function exportsOf(module: WasmModule, memory: WasmMemory): { chunk: ChunkExport; rowsPlus: RowsPlusExport } {
  const { exports } = new api!.Instance(module, { env: { memory } });
  return { chunk: exports.chunk as ChunkExport, rowsPlus: exports.rowsPlus as RowsPlusExport };
}

/** Whether the kernel runs relaxed SIMD's fused multiply-add (the host validates it). */
export function relaxedSimd(): boolean {
  return compiled().relaxed;
}

/** Whether the shared-memory variant compiled (threads also need a host that starts workers). */
export function sharedWasmAvailable(): boolean {
  return compiled().shared !== null;
}
