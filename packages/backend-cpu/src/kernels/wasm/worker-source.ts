import { BLOCK_BYTES, CONTROL_REGION, JOB, WORKER } from './job.js';

/**
 * The matmul worker's program, as source text: workers start from a string (Node's `eval: true`,
 * a Blob URL in browsers), so no bundler or file path has to know about a separate entry point.
 *
 * Worker w instantiates gemm.wat's module over the shared memory, says READY, and sleeps on its
 * GEN slot. Each time the main thread bumps GEN it claims chunks of the job in memory (Atomics.add
 * on NEXT) until none are left, counts each one it finishes in DONE, and wakes the main thread
 * after the last one (see job.ts and worker-pool.ts).
 */
export const WORKER_SOURCE = `
function start({ memory, module, index }) {
  const { NEXT, DONE, FAILED, COUNT } = ${JSON.stringify(JOB)};
  const GEN = index * ${BLOCK_BYTES / 4} + ${WORKER.GEN};
  const READY = index * ${BLOCK_BYTES / 4} + ${WORKER.READY};
  const { chunk } = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const ctrl = new Int32Array(memory.buffer, 0, ${CONTROL_REGION / 4});
  Atomics.store(ctrl, READY, 1);
  Atomics.notify(ctrl, READY);
  let seen = 0;
  for (;;) {
    Atomics.wait(ctrl, GEN, seen);
    seen = Atomics.load(ctrl, GEN);
    for (;;) {
      const c = Atomics.add(ctrl, NEXT, 1);
      const count = Atomics.load(ctrl, COUNT);
      if (c >= count) break;
      try {
        chunk(0, c, index);
      } catch {
        Atomics.store(ctrl, FAILED, 1);
      }
      if (Atomics.add(ctrl, DONE, 1) + 1 === count) Atomics.notify(ctrl, DONE);
    }
  }
}
`;
