// Interim stand-in for the shell's src/worker/backends.ts (seam 1), for this test page only.
import { registerBackend, setDefaultDevice } from '@ag/core';

export type BackendName = 'cpu' | 'webgpu';
export interface BackendInfo {
  name: BackendName;
  matmulPath: string | null;
  adapter: string | null;
}
const registered = new Set<BackendName>();
export function webgpuAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator;
}
export async function useBackend(name: BackendName): Promise<BackendInfo> {
  if (name === 'cpu') {
    const { cpu, matmulPath } = await import('@ag/backend-cpu');
    if (!registered.has(name)) registerBackend(cpu());
    registered.add(name);
    setDefaultDevice('cpu');
    return { name, matmulPath: matmulPath(), adapter: null };
  }
  if (!webgpuAvailable()) throw new Error('WebGPU is not available in this browser');
  const { webgpu } = await import('@ag/backend-webgpu');
  if (!registered.has(name)) registerBackend(await webgpu());
  registered.add(name);
  setDefaultDevice('webgpu');
  return { name, matmulPath: null, adapter: null };
}
