import type { TestProject } from 'vitest/node';

/**
 * Global setup of the Node suite: asks Dawn for an adapter once, before any test file runs, so a
 * machine without a Vulkan driver gets one message instead of one per file. Under CI=true a
 * missing adapter fails the run here; elsewhere the files skip (see nodeBackend in gpu.ts).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Why Dawn gave no adapter; null when it did. */
    webgpuMissing: string | null;
  }
}

// The instance lives until teardown: Dawn aborts if the object from create([]) is collected.
const alive: unknown[] = [];

export default async function probe(project: TestProject): Promise<() => void> {
  let missing: string | null = null;
  try {
    const { create } = await import('webgpu');
    const instance = create([]);
    alive.push(instance);
    if ((await instance.requestAdapter()) === null) missing = 'no WebGPU adapter (Dawn found no Vulkan driver)';
  } catch (e) {
    missing = e instanceof Error ? e.message : String(e);
  }
  if (missing !== null) {
    const help = 'install one with `pnpm setup:webgpu` (root, Debian 12)';
    if (process.env.CI === 'true') throw new Error(`WebGPU (Node): ${missing}; required under CI=true; ${help}`);
    console.warn(`WebGPU (Node) tests skipped: ${missing}; ${help}`);
  }
  project.provide('webgpuMissing', missing);
  return () => {
    alive.length = 0;
  };
}
