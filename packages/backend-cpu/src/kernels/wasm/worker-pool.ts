import type * as WorkerThreads from 'node:worker_threads';
import type { WasmMemory, WasmModule } from './gemm-module.js';
import { CLOSED, CONTROL_REGION, JOB, MAX_WORKERS, workerSlot } from './job.js';
import { WORKER_SOURCE } from './worker-source.js';
import { DeviceError } from '@ag/core';

/**
 * Worker threads for the matmul kernel, sharing one WebAssembly memory with the main thread.
 *
 * The backend's API is synchronous, so there are no messages and no promises: the caller writes a
 * job into the memory's job block (job.ts), `execute` opens it and wakes the workers (Atomics.notify
 * on their GEN slots), and every thread, the main one included, claims chunks until none are left.
 * On a busy machine a worker may wake late or not at all before the main thread has claimed every
 * chunk: the product then costs what one thread costs, rather than waiting for the worker. The main
 * thread waits only for chunks a worker has started, in Atomics.wait where the host allows it
 * (Node); a browser's main thread may not block, so there the wait spins on Atomics.load.
 *
 * Workers start on the first product large enough to want them. In Node the main thread waits for
 * them to come up (tens of milliseconds, once); in a browser they join when ready. They never keep
 * a Node process alive (unref), and they sleep in Atomics.wait between jobs.
 */

/** How long a Node main thread waits for new workers to instantiate the module. */
const STARTUP_MS = 5000;

interface WorkerHandle {
  terminate(): unknown;
}

/** A browser's Worker and Blob URLs, typed by hand: the packages compile without the DOM library. */
interface BrowserGlobals {
  crossOriginIsolated?: boolean;
  Worker?: new (url: string) => WorkerHandle & { postMessage(data: unknown): void };
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL: { createObjectURL(blob: object): string };
}

type NodeWorkers = typeof WorkerThreads;

function nodeWorkers(): NodeWorkers | undefined {
  if (typeof process === 'undefined' || typeof process.getBuiltinModule !== 'function') return undefined;
  return process.getBuiltinModule('node:worker_threads');
}

/** Whether this host can start workers over a shared memory: Node, or a cross-origin-isolated page. */
export function workersAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  if (nodeWorkers() !== undefined) return true;
  const g = globalThis as unknown as BrowserGlobals;
  return g.crossOriginIsolated === true && g.Worker !== undefined && g.Blob !== undefined;
}

/** Hardware threads, as the host reports them (1 where it does not say). */
export function hardwareThreads(): number {
  if (typeof process !== 'undefined' && typeof process.getBuiltinModule === 'function') {
    return process.getBuiltinModule('node:os').availableParallelism();
  }
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}

function launch(memory: WasmMemory, module: WasmModule, index: number): WorkerHandle {
  const workerData = { memory, module, index };
  const node = nodeWorkers();
  if (node !== undefined) {
    const worker = new node.Worker(`${WORKER_SOURCE}\nstart(require('node:worker_threads').workerData);`, {
      eval: true,
      workerData,
    });
    worker.unref(); // an idle pool must not keep the process alive
    return worker;
  }
  const g = globalThis as unknown as BrowserGlobals;
  const source = `${WORKER_SOURCE}\nonmessage = (e) => start(e.data);`;
  const worker = new g.Worker!(g.URL.createObjectURL(new g.Blob!([source], { type: 'text/javascript' })));
  worker.postMessage(workerData);
  return worker;
}

export class WorkerPool {
  private readonly ready: number[] = [];
  private broken = false;

  private constructor(
    private readonly ctrl: Int32Array,
    private readonly workers: WorkerHandle[],
    private readonly canBlock: boolean,
  ) {}

  /** Starts `count` workers over `memory` (shared), whose bottom CONTROL_REGION bytes it owns. */
  static start(memory: WasmMemory, module: WasmModule, count: number): WorkerPool {
    const ctrl = new Int32Array(memory.buffer, 0, CONTROL_REGION / 4);
    Atomics.store(ctrl, JOB.NEXT, CLOSED);
    const workers: WorkerHandle[] = [];
    for (let w = 1; w <= Math.min(count, MAX_WORKERS); w++) workers.push(launch(memory, module, w));
    const pool = new WorkerPool(ctrl, workers, blockingAllowed(ctrl));
    if (pool.canBlock) {
      const deadline = performance.now() + STARTUP_MS;
      for (let w = 1; w <= workers.length; w++) pool.waitFor(workerSlot(w, 'READY'), 1, deadline);
    }
    return pool;
  }

  /** Workers started: each may take part in any job, so each needs packing buffers. */
  get size(): number {
    return this.workers.length;
  }

  /** Workers that have instantiated the module and can be woken now. */
  available(): number {
    if (this.broken) return 0;
    for (let w = this.ready.length + 1; w <= this.workers.length; w++) {
      if (Atomics.load(this.ctrl, workerSlot(w, 'READY')) !== 1) break;
      this.ready.push(w);
    }
    return this.ready.length;
  }

  /** Whether a worker stopped answering: the memory it shares can no longer be trusted. */
  get failed(): boolean {
    return this.broken;
  }

  /**
   * Runs chunks 0..count-1 of the job written in the job block, waking up to `workers` ready
   * workers to claim chunks beside the main thread, which runs its own through `chunk`. Returns
   * how many chunks the workers ran.
   */
  execute(count: number, workers: number, chunk: (c: number) => void): number {
    const { ctrl } = this;
    Atomics.store(ctrl, JOB.DONE, 0);
    Atomics.store(ctrl, JOB.FAILED, 0);
    Atomics.store(ctrl, JOB.COUNT, count);
    Atomics.store(ctrl, JOB.NEXT, 0); // opens the job: everything above is visible to whoever claims
    for (const w of this.ready.slice(0, workers)) {
      Atomics.add(ctrl, workerSlot(w, 'GEN'), 1);
      Atomics.notify(ctrl, workerSlot(w, 'GEN'));
    }
    const start = performance.now();
    let error: Error | undefined;
    let own = 0;
    for (let c = Atomics.add(ctrl, JOB.NEXT, 1); c < count; c = Atomics.add(ctrl, JOB.NEXT, 1), own++) {
      try {
        chunk(c);
      } catch (e) {
        error ??= e instanceof Error ? e : new DeviceError(`matmul: ${String(e)}`); // still counted, so that the wait below ends
      }
      Atomics.add(ctrl, JOB.DONE, 1);
    }
    // Chunks a worker claimed take about as long as the main thread's: allow far longer than that
    // before deciding the worker is gone (rather than blocking forever).
    const deadline = performance.now() + Math.max(10_000, 50 * (performance.now() - start));
    for (let done = Atomics.load(ctrl, JOB.DONE); done < count; done = Atomics.load(ctrl, JOB.DONE)) {
      if (!this.waitFor(JOB.DONE, done, deadline, true)) this.abandon();
    }
    Atomics.store(ctrl, JOB.NEXT, CLOSED);
    if (error !== undefined) throw error;
    if (Atomics.load(ctrl, JOB.FAILED) !== 0)
      throw new DeviceError('matmul: a worker thread failed computing its share');
    return count - own;
  }

  /** Stops every worker and refuses further jobs: a worker that does not answer may still write. */
  private abandon(): never {
    this.broken = true;
    for (const worker of this.workers) void worker.terminate();
    throw new DeviceError('matmul: a worker thread did not answer; matmul threads are now disabled');
  }

  /**
   * Waits until ctrl[index] is `value` (or, with `change`, is no longer `value`); false at the
   * deadline.
   */
  private waitFor(index: number, value: number, deadline: number, change = false): boolean {
    for (;;) {
      const seen = Atomics.load(this.ctrl, index);
      if ((seen === value) !== change) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      if (this.canBlock) Atomics.wait(this.ctrl, index, seen, left);
    }
  }
}

/** Whether Atomics.wait may block this thread: a browser's main thread throws. */
function blockingAllowed(ctrl: Int32Array): boolean {
  try {
    Atomics.wait(ctrl, JOB.PROBE, 1, 0); // the slot is 0: returns 'not-equal' at once where waiting is allowed
    return true;
  } catch {
    return false;
  }
}
