import type { BackendInfo, BackendName } from './worker/backends.ts';
import type { Layout } from './layout.ts';

/**
 * The backend picker: CPU or WebGPU. Where the page has no `navigator.gpu`, the WebGPU option is
 * disabled and says so; where the adapter fails, the picker says why and goes back to the CPU.
 */
export function setUpBackendPicker(layout: Layout, onPick: (backend: BackendName) => void): void {
  const gpuOption = layout.backend.querySelector<HTMLOptionElement>('option[value="webgpu"]')!;
  if (!('gpu' in navigator)) {
    gpuOption.disabled = true;
    gpuOption.textContent = 'WebGPU (not in this browser)';
  }
  layout.backend.addEventListener('change', () => {
    onPick(layout.backend.value as BackendName);
  });
}

export function showBackendStarting(layout: Layout, backend: BackendName): void {
  layout.backendStatus.classList.remove('warn');
  layout.backendStatus.textContent = `Starting ${backend === 'cpu' ? 'the CPU backend' : 'WebGPU'}…`;
}

/** "CPU ready · matmul: wasm-threads" or "WebGPU ready · adapter: ...". */
export function showBackendReady(layout: Layout, info: BackendInfo, note = ''): void {
  layout.backend.value = info.name;
  const detail =
    info.name === 'cpu' ? `matmul: ${info.matmulPath ?? 'unknown'}` : `adapter: ${info.adapter ?? 'unknown'}`;
  layout.backendStatus.textContent = `${info.name === 'cpu' ? 'CPU' : 'WebGPU'} ready · ${detail}${note}`;
  layout.backendStatus.classList.toggle('warn', note !== '');
}
