/**
 * Waiting for the GPU without taking a core from an emulated one.
 *
 * In Node, dawn.node completes a pending `mapAsync` by ticking the device from `setImmediate`,
 * over and over, until it resolves: the main thread spins a core for as long as the GPU works.
 * On a real GPU that only wastes a core. On an emulated adapter (llvmpipe) the "GPU" is worker
 * threads on the same cores, so the spin takes a core from them: on 2 cores an MLP training step
 * that reads its loss is markedly faster napping than spinning (docs/performance.md).
 *
 * So while such a wait is pending, each turn of the event loop also runs one nap: the thread
 * sleeps up to NAP_MS in `Atomics.wait` (no spinning) before the next tick. A read completes at
 * most one nap late. Where the thread may not block (a browser's main thread, which has no
 * dawn.node spin anyway) or `setImmediate`/`SharedArrayBuffer` are missing, it waits as before.
 */
const NAP_MS = 0.5;

let cell: Int32Array | null | undefined;

/** A word to `Atomics.wait` on, or null where this thread may not block. */
function napCell(): Int32Array | null {
  if (cell !== undefined) return cell;
  cell = null;
  if (typeof SharedArrayBuffer !== 'function' || typeof setImmediate !== 'function') return cell;
  try {
    const probe = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(probe, 0, 0, 0);
    cell = probe;
  } catch {
    // "Atomics.wait cannot be called in this context": a browser's main thread.
  }
  return cell;
}

/** Waits pending now; one nap loop serves them all, so concurrent reads do not nap in turn. */
let waiting = 0;
let looping = false;

function nap(word: Int32Array): void {
  if (waiting === 0) {
    looping = false;
    return;
  }
  Atomics.wait(word, 0, 0, NAP_MS);
  setImmediate(nap, word);
}

/** `pending`, with this thread napping between the event loop's turns until it settles. */
export function withoutSpinning<T>(pending: Promise<T>): Promise<T> {
  const word = napCell();
  if (word === null) return pending;
  waiting++;
  if (!looping) {
    looping = true;
    setImmediate(nap, word);
  }
  return pending.finally(() => {
    waiting--;
  });
}
