import type { WebGPUBackend, WebGPUOptions } from '../src/index.js';
import { webgpu } from '../src/index.js';

/**
 * A WebGPU backend in Node: Dawn through the `webgpu` package, on whatever Vulkan driver is
 * installed (Mesa lavapipe without a GPU). Rejects when there is no adapter. No vitest here: the
 * portable conformance bundle loads it too.
 */
export async function dawnBackend(options: Omit<WebGPUOptions, 'gpu'> = {}): Promise<WebGPUBackend> {
  const { create } = await import('webgpu');
  return webgpu({ ...options, gpu: create([]) });
}
