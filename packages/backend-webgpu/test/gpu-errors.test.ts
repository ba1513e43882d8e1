import {
  DeviceError,
  OutOfMemoryError,
  full,
  registerBackend,
  setDefaultDevice,
  tensor,
  unregisterBackend,
  zeros,
} from '@ag/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebGPUBackend } from '../src/index.js';
import type { GpuStorage } from '../src/runtime.js';
import { Runtime } from '../src/runtime.js';
import { dawnBackend } from './dawn.js';
import { nodeBackend } from './gpu.js';
import { pastTheLimit, rejection, storageLimit, uncapturedError } from './scenarios/gpu-errors.js';

const backend = await nodeBackend();

/** Makes `b` the default device; the tests that poison a device each make their own (a fault stays: faults.ts). */
function use(b: WebGPUBackend): void {
  registerBackend(b);
  setDefaultDevice(b.name);
}

describe.runIf(backend !== null)('webgpu: GPU errors become errors of ours', () => {
  afterAll(() => {
    unregisterBackend('webgpu');
  });

  it('refuses a tensor past the largest storage buffer before creating it, and keeps working', async () => {
    use(backend!);
    const limit = storageLimit(backend!);
    const { error, elements, after } = await pastTheLimit(backend!);
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect(error.message).toMatch(
      new RegExp(`^webgpu fill: a tensor of ${elements} elements \\(${elements * 4} bytes\\) is past .*${limit} bytes`),
    );
    // Nothing was made: the buffers held by tensors stay as they are.
    const before = backend!.memory();
    expect(() => full([2, elements], true)).toThrow(OutOfMemoryError);
    // Far past any limit: 2^40 elements is 4 TiB.
    expect(() => zeros([2 ** 20, 2 ** 20])).toThrow(OutOfMemoryError);
    expect(backend!.memory().liveBuffers).toBe(before.liveBuffers);
    expect(after).toEqual([3, 6]);
  });

  it('names the kernel whose launch the GPU refused (an op on a tensor whose buffer is gone)', async () => {
    // On the device only: a small tensor would otherwise keep its values on the host (host.ts).
    const b = await dawnBackend({ fuse: false, hostElements: 0 });
    use(b);
    const x = tensor([1, 2, 3]);
    await x.toArray();
    // Behind the backend's back: the next kernel that binds it is invalid.
    (x.storage as GpuStorage).buffer.buffer.destroy();
    const y = x.neg();
    const e = await rejection(() => y.toArray());
    expect(e).toBeInstanceOf(DeviceError);
    // The kernels of its batch are named (a scope per kernel would cost every op; the read may share the batch).
    expect(e.message).toMatch(/^webgpu: invalid launch of kernels \[neg(, copy)?\]: .*destroyed/is);
    // The fault stays: every later op and read says so (values computed after it are not valid).
    expect(await rejection(() => tensor([4]).toArray())).toBe(e);
    expect(await rejection(() => x.add(1))).toBe(e);
  });

  it('names a copy the GPU refused (a read of a buffer that is gone)', async () => {
    const b = await dawnBackend({ hostElements: 0 });
    use(b);
    const x = tensor([1, 2, 3]);
    (x.storage as GpuStorage).buffer.buffer.destroy();
    const e = await rejection(() => x.toArray());
    expect(e).toBeInstanceOf(DeviceError);
    expect(e.message).toMatch(/^webgpu: invalid launch of kernels \[copy\]: .*destroyed/is);
  });

  it('names a kernel that fails to compile, with its source', async () => {
    const b = await dawnBackend();
    const rt = new Runtime(b.device);
    const out = rt.alloc(4);
    rt.run('ag-test-broken', 'this is not WGSL', [out.buffer], [], 4);
    const e = await rejection(() => rt.read(out, 'float32', 4));
    expect(e).toBeInstanceOf(DeviceError);
    expect(e.message).toMatch(/^webgpu: kernel 'ag-test-broken' failed to compile: .*--- WGSL ---\nthis is not WGSL/s);
  });

  it('names a buffer creation the device refused inside a guard (large allocations and reads)', async () => {
    const b = await dawnBackend();
    const rt = new Runtime(b.device);
    const out = rt.alloc(4);
    // A mappable storage buffer is invalid: the guard's scopes catch it and name what was made.
    rt.faults.guard(rt.device, 'allocating a test buffer', () =>
      rt.device.createBuffer({ size: 16, usage: 1 | 128, label: 'ag-test' }),
    );
    const e = await rejection(() => rt.read(out, 'float32', 4));
    expect(e).toBeInstanceOf(DeviceError);
    expect(e.message).toMatch(/^webgpu: allocating a test buffer: .*ag-test/s);
  });

  it('routes an error outside its scopes (uncaptured) to the next read', async () => {
    const b = await dawnBackend();
    use(b);
    const e = await uncapturedError(b);
    expect(e).toBeInstanceOf(DeviceError);
    expect(e.message).toMatch(/^webgpu: uncaptured GPU error \(outside the error scopes of ag\): .*ag-test/s);
  });
});
