import { sharedWasmAvailable, wasmAvailable } from './wasm/gemm-module.js';
import { hardwareThreads, workersAvailable } from './wasm/worker-pool.js';
import { DeviceError } from '@ag/core';

/**
 * Which kernel computes float32 matrix products:
 * - 'wasm-threads': gemm.wat on the main thread and worker threads sharing its memory, for
 *   products large enough to pay for the hand-off (smaller ones run on the main thread alone);
 * - 'wasm': gemm.wat on the main thread only;
 * - 'js': the plain-JavaScript gemm (matmul-float.ts), accumulating in float64.
 * By default the best the host offers: WebAssembly SIMD needs Node 16.4+ or a 2021+ browser,
 * threads need Node, or a cross-origin-isolated page, and more than one hardware thread.
 * float64 and int32 products always run in plain JavaScript; tiny products (at most a thousand
 * multiply-adds) are dot products in float64 on every path.
 */
export type MatmulPath = 'wasm-threads' | 'wasm' | 'js';

/**
 * Below this many multiply-adds (256^3, about a millisecond on one thread) a float32 product stays
 * on the main thread. Waking a worker costs tens of microseconds, but on a busy machine a worker
 * that is descheduled while holding a chunk costs the main thread a scheduler slice (milliseconds):
 * only products that take milliseconds anyway risk that.
 */
export const THREAD_WORK = 1 << 24;

/** More threads than this gain little: the product becomes bound by memory bandwidth. */
const MAX_THREADS = 4;

let chosen: MatmulPath | undefined;
// What the host offers never changes: asked once.
let cores: number | undefined;
let threadsOk: boolean | undefined;

/** Selects the float32 matmul kernel; 'auto' restores the default. Throws where the host lacks what the path needs. */
export function setMatmulPath(path: MatmulPath | 'auto'): void {
  if (path === 'auto') {
    chosen = undefined;
    return;
  }
  if (path !== 'js' && !wasmAvailable())
    throw new DeviceError(`setMatmulPath('${path}'): this host has no WebAssembly SIMD`);
  if (path === 'wasm-threads' && !threadsAvailable()) {
    throw new DeviceError(
      "setMatmulPath('wasm-threads'): this host cannot share WebAssembly memory with worker threads",
    );
  }
  chosen = path;
}

/** The kernel float32 products use now: the one selected, else the best available. */
export function matmulPath(): MatmulPath {
  if (chosen !== undefined) return chosen;
  if (!wasmAvailable()) return 'js';
  return threadsAvailable() && hostThreads() > 1 ? 'wasm-threads' : 'wasm';
}

/**
 * Whether threads adapt to a busy machine (gemm-runner.ts backs off from workers that lag): by
 * default; a path selected explicitly always offers its threads.
 */
export function matmulAdaptive(): boolean {
  return chosen === undefined;
}

/** Threads (the main thread included) for a large float32 product on the current path. */
export function matmulThreads(): number {
  // At least two when threads were asked for explicitly, so the path is exercised on any host.
  return matmulPath() === 'wasm-threads' ? Math.min(MAX_THREADS, Math.max(2, hostThreads())) : 1;
}

function threadsAvailable(): boolean {
  return (threadsOk ??= sharedWasmAvailable() && workersAvailable());
}

function hostThreads(): number {
  return (cores ??= hardwareThreads());
}
