import { registerBackend, setDefaultDevice } from '@ag/core';
import { cpu, matmulPath } from '@ag/backend-cpu';
import { webgpu } from '@ag/backend-webgpu';

/**
 * The backends user code (and the training lab) runs on, inside a worker. Each is registered once
 * per worker and made the default device, so `ones(...)` in user code lands on it.
 */
export type BackendName = 'cpu' | 'webgpu';

export interface BackendInfo {
  name: BackendName;
  /** The CPU backend's float32 matmul kernel ('wasm-threads', 'wasm' or 'js'); null on WebGPU. */
  matmulPath: string | null;
  /** The WebGPU adapter, as the browser describes it; null on the CPU. */
  adapter: string | null;
}

const ready = new Map<BackendName, Promise<BackendInfo>>();

/** Registers `name`'s backend (once) and makes it the default device. Throws where WebGPU is missing. */
export async function useBackend(name: BackendName): Promise<BackendInfo> {
  let info = ready.get(name);
  if (info === undefined) {
    info = register(name);
    ready.set(name, info);
    // A failed start may succeed later (a lost device, a driver that came back): not cached.
    info.catch(() => ready.delete(name));
  }
  const done = await info;
  setDefaultDevice(name);
  return done;
}

/** Whether this context has `navigator.gpu`; `useBackend('webgpu')` may still fail to get an adapter. */
export function webgpuAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator && navigator.gpu !== undefined;
}

async function register(name: BackendName): Promise<BackendInfo> {
  switch (name) {
    case 'cpu':
      registerBackend(cpu());
      // The path is the host's best (threads need a cross-origin-isolated page): read after registering.
      return { name, matmulPath: matmulPath(), adapter: null };
    case 'webgpu': {
      if (!webgpuAvailable()) {
        throw new Error('WebGPU: this browser has no navigator.gpu (WebGPU is off or unsupported); staying on the CPU');
      }
      const backend = await webgpu();
      registerBackend(backend);
      return { name, matmulPath: null, adapter: describeAdapter(backend.adapterInfo) };
    }
  }
}

function describeAdapter(info: GPUAdapterInfo): string {
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((p) => p !== '');
  return parts.length > 0 ? [...new Set(parts)].join(' ') : 'unnamed adapter';
}
