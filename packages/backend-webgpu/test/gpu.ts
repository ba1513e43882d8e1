import { it } from 'vitest';
import type { WebGPUBackend, WebGPUOptions } from '../src/index.js';
import { webgpu } from '../src/index.js';

/**
 * The GPU for Node tests: Dawn through the `webgpu` package, on whatever Vulkan driver is
 * installed (Mesa lavapipe without a GPU). Resolves to null, after registering a test that says
 * what is missing, when there is no adapter: skipped locally, failed under CI=true, where CI
 * (.ci/run) installs the driver and the WebGPU suites must run for real.
 */
export async function nodeBackend(options: Omit<WebGPUOptions, 'gpu'> = {}): Promise<WebGPUBackend | null> {
  try {
    const { create } = await import('webgpu');
    return await webgpu({ ...options, gpu: create([]) });
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
