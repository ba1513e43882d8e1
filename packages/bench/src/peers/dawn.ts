/**
 * WebGPU in Node through Dawn (the `webgpu` package). The object `create([])` returns is kept on
 * globalThis for the process's life: Dawn aborts the process if it is collected while a device
 * lives. Libraries that look for `navigator.gpu` (tfjs-backend-webgpu, jax-js) find it there.
 */
let cached: Promise<{ gpu: GPU; adapter: string } | string> | undefined;

export function dawn(): Promise<{ gpu: GPU; adapter: string } | string> {
  cached ??= open();
  return cached;
}

async function open(): Promise<{ gpu: GPU; adapter: string } | string> {
  try {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    const gpu = create([]);
    (globalThis as { __agBenchGpu?: GPU }).__agBenchGpu = gpu;
    // Node 20 has no navigator; jax-js also reads navigator.userAgent to pick kernel variants.
    const g = globalThis as { navigator?: object };
    const nav = { gpu, userAgent: `Node.js/${process.version}` };
    if (g.navigator === undefined)
      Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
    else Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
    const adapter = await gpu.requestAdapter();
    if (adapter === null)
      return 'no WebGPU adapter (Dawn needs a Vulkan driver: mesa-vulkan-drivers from bookworm-backports)';
    return {
      gpu,
      adapter: adapter.info.description || adapter.info.device || adapter.info.vendor || 'unknown adapter',
    };
  } catch (e) {
    return `WebGPU unavailable: ${e instanceof Error ? e.message : String(e)}`;
  }
}
