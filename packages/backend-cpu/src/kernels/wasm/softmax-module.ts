import type { WasmMemory, WasmModule } from './gemm-module.js';
import { SOFTMAX_WASM_PLAIN, SOFTMAX_WASM_SHARED } from './softmax-wasm.js';
import { WorkerPool, hardwareThreads, workersAvailable } from './worker-pool.js';

/**
 * Loading softmax.wat's module, as gemm-module.ts loads gemm.wat's: over a shared memory where
 * the host allows it (then worker threads can run `chunk` beside the main thread), else over a
 * plain one. It has a memory and a worker pool of its own, apart from the matmul's.
 */

export interface SoftmaxExports {
  exp(at: number, count: number): void;
  stats(at: number, rows: number, width: number, stats: number, log: number, scratch: number): void;
  apply(at: number, rows: number, width: number, stats: number, log: number): void;
  chunk(job: number, c: number, thread: number): void;
}

export interface SoftmaxInstance {
  readonly memory: WasmMemory;
  readonly exports: SoftmaxExports;
  /** The pool of workers over this memory, started on first use; null where threads cannot run. */
  pool(): WorkerPool | null;
}

/** The slice of the WebAssembly API used here (the packages compile without its types). */
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

/** The memory's maximum, as declared in softmax.wat. */
const MAX_PAGES = 32768;

let loaded: SoftmaxInstance | null | undefined;

/** The instance, or null where this host lacks WebAssembly or its SIMD. */
export function softmaxModule(): SoftmaxInstance | null {
  if (loaded !== undefined) return loaded;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const compile = (base64: string): WasmModule | null => {
    if (api === undefined) return null;
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    return api.validate(bytes) ? new api.Module(bytes) : null; // validate is false without SIMD
  };
  loaded = null;
  if (typeof SharedArrayBuffer !== 'undefined') {
    const module = compile(SOFTMAX_WASM_SHARED);
    try {
      if (module !== null)
        loaded = over(api!, module, new api!.Memory({ initial: 1, maximum: MAX_PAGES, shared: true }), true);
    } catch {
      // a browser page without cross-origin isolation refuses shared memory: go on without
    }
  }
  if (loaded === null) {
    const module = compile(SOFTMAX_WASM_PLAIN);
    if (module !== null) loaded = over(api!, module, new api!.Memory({ initial: 1, maximum: MAX_PAGES }), false);
  }
  return loaded;
}

function over(api: WasmApi, module: WasmModule, memory: WasmMemory, shared: boolean): SoftmaxInstance {
  const exports = new api.Instance(module, { env: { memory } }).exports as SoftmaxExports;
  let pool: WorkerPool | null | undefined;
  return {
    memory,
    exports,
    pool() {
      if (pool === undefined) {
        pool = null;
        if (shared && workersAvailable() && hardwareThreads() > 1) {
          try {
            pool = WorkerPool.start(memory, module, hardwareThreads() - 1);
          } catch {
            pool = null; // the host refused to start workers: stay on one thread
          }
        }
      }
      if (pool?.failed === true) pool = null; // a worker stopped answering: no threads from now on
      return pool;
    },
  };
}
