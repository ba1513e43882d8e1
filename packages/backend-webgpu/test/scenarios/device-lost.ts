import { registerBackend, setDefaultDevice, tensor } from '@ag/core';
import type { Tensor } from '@ag/core';
import type { WebGPUBackend } from '../../src/index.js';

/**
 * Device-loss scenarios shared by the Node suite (Dawn) and the browser suite (Chromium): each
 * runs on the default backend, destroys its device behind its back, and returns what happened
 * for the suite to check. No vitest here, so that both environments import it alike.
 */

/** Integers, so that `2v + 1` ten times over is exact in float32 (|result| < 2^24). */
const HOST = Float32Array.from({ length: 1000 }, (_, i) => i - 500);
const STEPS = 10;

/** HOST after STEPS rounds of `2v + 1`: 2^STEPS v + 2^STEPS - 1. */
function expectedAfterSteps(): number[] {
  return Array.from(HOST, (v) => 2 ** STEPS * v + 2 ** STEPS - 1);
}

function steps(x: Tensor, each?: (y: Tensor) => void): Tensor {
  let y = x;
  for (let i = 0; i < STEPS; i++) {
    y = y.mul(2).add(1);
    each?.(y);
  }
  return y;
}

/** The error `f` throws (or rejects with); an Error saying it did not when it does not. */
async function caught(f: () => unknown): Promise<Error> {
  try {
    await f();
  } catch (e) {
    return e as Error;
  }
  return new Error('did not throw');
}

export interface MidWorkReport {
  readonly pendingReads: number;
  readonly rejected: number;
  readonly errors: readonly unknown[];
  /** An op on a tensor of the lost device, once the loss is known. */
  readonly useError: Error;
  readonly readError: Error;
  /** A new tensor on the lost backend (still the default device). */
  readonly createError: Error;
  /** The same computation on a new backend, registered in place of the lost one. */
  readonly continued: unknown;
  readonly expected: readonly number[];
  /** From the loss to the new backend's first correct read. */
  readonly recoveryMs: number;
}

/**
 * `device.destroy()` with kernels recorded and twenty reads pending, then a new backend made by
 * `make`, registered under the same name, which redoes the work from host values.
 */
export async function loseDeviceMidWork(
  lost: WebGPUBackend,
  make: () => Promise<WebGPUBackend>,
): Promise<MidWorkReport> {
  const x = tensor(HOST);
  // The pipelines compile first, so the reads below are pending on work, not on compilation.
  await steps(x).toArray();
  const reads: Promise<unknown>[] = [];
  const y = steps(x, (t) => reads.push(t.toArray(), t.sum().toArray()));
  const queued = y.exp();
  const start = performance.now();
  lost.device.destroy();
  const settled = await Promise.allSettled(reads);
  const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  await lost.device.lost;
  const useError = await caught(() => queued.add(1));
  const readError = await caught(() => y.toArray());
  const createError = await caught(() => tensor([1, 2, 3]));
  const fresh = await make();
  registerBackend(fresh);
  setDefaultDevice(fresh.name);
  const continued = await steps(tensor(HOST)).toArray();
  const recoveryMs = performance.now() - start;
  return {
    pendingReads: reads.length,
    rejected: errors.length,
    errors,
    useError,
    readError,
    createError,
    continued,
    expected: expectedAfterSteps(),
    recoveryMs,
  };
}

export interface QuietLossReport {
  readonly before: unknown;
  readonly expected: readonly number[];
  readonly opError: Error;
  readonly readError: Error;
  readonly disposeError: Error;
}

/** A loss between ops, which the backend hears of only through the device-lost promise. */
export async function loseDeviceQuietly(backend: WebGPUBackend): Promise<QuietLossReport> {
  const x = tensor(HOST);
  const before = await x.mul(3).toArray();
  backend.device.destroy();
  await backend.device.lost;
  const opError = await caught(() => x.mul(3));
  const readError = await caught(() => x.toArray());
  // Letting go of a lost tensor is no error: its memory went with the device.
  const disposeError = await caught(() => {
    x.dispose();
  });
  return { before, expected: Array.from(HOST, (v) => 3 * v), opError, readError, disposeError };
}
