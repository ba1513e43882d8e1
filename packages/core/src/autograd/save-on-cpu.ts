/**
 * torch.autograd.graph.save_on_cpu: saved-tensor hooks that keep what ops save for backward in
 * host memory, and copy it back to its device when backward reads it. Device memory then holds
 * only what the forward still uses; backward pays one upload per saved tensor.
 *
 * A device read only asynchronously (WebGPU) cannot copy to the host inside a synchronous op:
 * there the pack hook starts the read and keeps the device tensor until the values arrive, then
 * lets go of it. A backward that runs before then reads the device tensor itself, so gradients
 * are the same either way; the memory is saved once the reads are done (awaiting any later read,
 * such as the loss's value, lets them finish).
 */
import { getBackend, getDefaultDevice, listDevices } from '../backend/registry.js';
import { to } from '../ops/convert.js';
import { fromHost } from '../ops/dispatch.js';
import { toTypedArray } from '../read.js';
import type { Tensor } from '../tensor.js';
import { withSavedHooks } from './saved-hooks.js';
import { DeviceError } from '../errors.js';

/** The device saved tensors are kept on. */
const HOST = 'cpu';

/** Options of {@link saveOnCpu}. */
export interface SaveOnCpuOptions {
  /**
   * PyTorch copies into page-locked memory, for faster copies back. Accepted so that ported code
   * runs; it changes nothing here (JavaScript's host memory has no such kind).
   */
  readonly pinMemory?: boolean;
}

/** A saved tensor's device, and where it is kept: on the host once copied there, until then on its device. */
interface Parked {
  readonly device: string;
  host: Tensor | null;
  onDevice: Tensor | null;
}

function park(t: Tensor): Parked {
  const device = t.device;
  // On the host already, the tensor itself, as PyTorch's `t.cpu()` is.
  if (device === HOST) return { device, host: t, onDevice: null };
  if (t.backend.readSync !== undefined) return { device, host: to(t, HOST), onDevice: null };
  const parked: Parked = { device, host: null, onDevice: t };
  const { shape, dtype } = t;
  // The read is queued now, so it sees the values as saved, whatever the device runs later.
  toTypedArray(t).then(
    (values) => {
      parked.host = fromHost(getBackend(HOST), values, shape, dtype);
      parked.onDevice = null;
    },
    // A read that fails (the tensor disposed meanwhile) leaves the tensor where it was.
    () => undefined,
  );
  return parked;
}

function unpark(p: Parked): Tensor {
  if (p.host === null) return p.onDevice!;
  return p.device === HOST ? p.host : to(p.host, p.device);
}

/**
 * Runs `fn` with every tensor saved for backward inside it kept on the 'cpu' device and copied
 * back to its own device when backward reads it (torch.autograd.graph.save_on_cpu): for
 * activations too large for device memory, at the cost of the copies. Gradients are unchanged.
 * Needs the CPU backend registered as 'cpu' beside the device.
 *
 * @example
 * ```ts example
 * import { autograd, tensor } from '@ag/core';
 *
 * const x = tensor([1, 2, 3], { requiresGrad: true });
 * const y = autograd.graph.saveOnCpu(() => x.mul(x).sum());
 * y.backward();
 * console.log(x.grad?.toArraySync());
 * ```
 *
 * ```text
 * [ 2, 4, 6 ]
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only pinMemory, which changes nothing here (see SaveOnCpuOptions)
export function saveOnCpu<T>(fn: () => T, options: SaveOnCpuOptions = {}): T {
  if (!listDevices().includes(HOST)) {
    throw new DeviceError(
      `saveOnCpu: saved tensors are kept on the '${HOST}' device, but none is registered; register the CPU backend ` +
        `as '${HOST}' beside '${getDefaultDevice()}'`,
    );
  }
  return withSavedHooks('saveOnCpu', { pack: park, unpack: unpark as (packed: unknown) => Tensor }, fn);
}
