import { registerBackend, setDefaultDevice, unregisterBackend } from '@ag/core';
import { afterAll, beforeAll, inject, it } from 'vitest';
import type { WebGPUBackend, WebGPUOptions } from '../src/index.js';
import { dawnBackend } from './dawn.js';

/**
 * The GPU for Node tests: Dawn through the `webgpu` package, on whatever Vulkan driver is
 * installed (Mesa lavapipe without a GPU). Resolves to null when there is no adapter: the global
 * setup (adapter-probe.ts) has then said why once, and the file's tests skip. Under CI=true,
 * where CI (.ci/run) installs the driver and the WebGPU suites must run for real, that setup has
 * failed the run already; an adapter lost between the probe and the file still fails here.
 */
export async function nodeBackend(options: Omit<WebGPUOptions, 'gpu'> = {}): Promise<WebGPUBackend | null> {
  const missing = inject('webgpuMissing');
  if (missing !== null) {
    it.skip(`WebGPU tests skipped: ${missing}`, () => undefined);
    return null;
  }
  try {
    return await dawnBackend(options);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (process.env.CI === 'true') {
      it('has a WebGPU adapter (required under CI=true)', () => {
        throw new Error(why);
      });
    } else {
      it.skip(`WebGPU tests skipped: ${why}`, () => undefined);
    }
    return null;
  }
}

/** Deterministic values in [-1, 1) (a linear congruential generator), so failures reproduce. */
export function values(count: number, seed: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Makes `gpu` the default device for the enclosing describe block, and unregisters it after. */
export function useBackend(gpu: WebGPUBackend): void {
  beforeAll(() => {
    registerBackend(gpu);
    setDefaultDevice(gpu.name);
  });
  afterAll(() => {
    unregisterBackend(gpu.name);
  });
}
