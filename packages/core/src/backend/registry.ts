import type { Backend } from './backend.js';
import { withStorageDtypes } from './storage-dtypes.js';
import { DeviceError } from '../errors.js';

/**
 * Backends by device name. The first registered backend is the default device, as the CPU is in
 * PyTorch; `setDefaultDevice` changes it.
 */
const backends = new Map<string, Backend>();
let defaultDevice: string | null = null;

/** Registers `backend` under its name; the storage dtypes it lists are widened around its kernels. */
export function registerBackend(backend: Backend): void {
  backends.set(backend.name, withStorageDtypes(backend));
  defaultDevice ??= backend.name;
}

export function getBackend(device?: string): Backend {
  const name = device ?? defaultDevice;
  if (name === null) {
    throw new DeviceError(
      "ag: no backend registered. Register one first, e.g. `registerBackend(cpu())` with `import { cpu } from '@ag/backend-cpu'`",
    );
  }
  const backend = backends.get(name);
  if (backend === undefined) {
    const known = [...backends.keys()].map((k) => `'${k}'`).join(', ') || 'none';
    throw new DeviceError(`ag: no backend registered for device '${name}' (registered: ${known})`);
  }
  return backend;
}

export function setDefaultDevice(device: string): void {
  getBackend(device);
  defaultDevice = device;
}

export function getDefaultDevice(): string {
  return getBackend().name;
}

/** Devices with a registered backend. */
export function listDevices(): string[] {
  return [...backends.keys()];
}

/** Removes a backend (tests, or a lost GPU device); the default moves to the first one left. */
export function unregisterBackend(device: string): void {
  backends.delete(device);
  if (defaultDevice === device) defaultDevice = backends.keys().next().value ?? null;
}
