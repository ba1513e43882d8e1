import { tensor, zeros } from '@ag/core';
import type { WebGPUBackend } from '../../src/index.js';

/**
 * GPU-error scenarios, shared by the Node and browser
 * suites (no vitest here). Each runs on the default backend, which the caller has registered.
 */

/** GPUBufferUsage flags (Dawn in Node defines no GPUBufferUsage global). */
const MAP_READ = 1;
const STORAGE = 128;

/** The error `f` throws or rejects with; an Error saying it did not when it does not. */
export async function rejection(f: () => unknown): Promise<Error> {
  return Promise.resolve()
    .then(f)
    .then(
      () => new Error('did not throw'),
      (e: unknown) => e as Error,
    );
}

/**
 * Uses `b`'s device directly, outside any error scope, with a buffer the device refuses (a
 * mappable storage buffer), waits for the device to report it as uncaptured, and returns what
 * the next read of a tensor of `b` rejects with.
 */
export async function uncapturedError(b: WebGPUBackend): Promise<Error> {
  const x = tensor([1, 2, 3]);
  const heard = new Promise<void>((resolve) => {
    b.device.addEventListener(
      'uncapturederror',
      () => {
        resolve();
      },
      { once: true },
    );
  });
  b.device.createBuffer({ size: 16, usage: MAP_READ | STORAGE, label: 'ag-test' });
  await heard;
  return rejection(() => x.toArray());
}

/** `b`'s largest storage buffer in bytes, the size whose next element is refused. */
export function storageLimit(b: WebGPUBackend): number {
  return Math.min(b.device.limits.maxStorageBufferBindingSize, b.device.limits.maxBufferSize);
}

/** What `zeros` one element past the limit throws, and a small computation after it. */
export async function pastTheLimit(b: WebGPUBackend): Promise<{ error: Error; elements: number; after: unknown }> {
  const elements = Math.floor(storageLimit(b) / 4) + 1;
  // fill runs on the device, so nothing of this size is allocated on the host either.
  const error = await rejection(() => zeros([elements]));
  return { error, elements, after: await tensor([1, 2]).mul(3).toArray() };
}
