import { registerBackend } from '@ag/core';

/** Registers the WebGPU backend through Dawn (the `webgpu` package), when both are installed. */
export async function setupWebGPU(): Promise<void> {
  const [{ webgpu }, { create }] = await Promise.all([import('@ag/backend-webgpu'), import('webgpu')]);
  registerBackend(await webgpu({ gpu: create([]) }));
}
