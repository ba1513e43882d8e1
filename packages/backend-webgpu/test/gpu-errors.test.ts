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

const backend = await nodeBackend();

/** GPUBufferUsage flags (Dawn in Node defines no GPUBufferUsage global). */
const MAP_READ = 1;
const STORAGE = 128;

/** Makes `b` the default device; the tests that poison a device each make their own (a fault stays: faults.ts). */
function use(b: WebGPUBackend): void {
  registerBackend(b);
  setDefaultDevice(b.name);
}

/** The error `f` throws or rejects with. */
async function rejection(f: () => unknown): Promise<Error> {
  return Promise.resolve().then(f).then(
    () => new Error('did not reject'),
    (e: unknown) => e as Error,
  );
}

describe.runIf(backend !== null)('webgpu: GPU errors become errors of ours', () => {
  afterAll(() => {
    unregisterBackend('webgpu');
  });

  it('refuses a tensor past the largest storage buffer before creating it, and keeps working', async () => {
    use(backend!);
    const limit = Math.min(backend!.device.limits.maxStorageBufferBindingSize, backend!.device.limits.maxBufferSize);
    const elements = Math.floor(limit / 4) + 1;
    const before = backend!.memory();
    // fill runs on the device, so nothing of this size is allocated on the host either.
    expect(() => zeros([elements])).toThrow(OutOfMemoryError);
    expect(() => zeros([elements])).toThrow(
      new RegExp(`^webgpu fill: a tensor of ${elements} elements \\(${elements * 4} bytes\\) is past .*${limit} bytes`),
    );
    expect(() => full([2, elements], true)).toThrow(OutOfMemoryError);
    // Far past any limit: 2^40 elements is 4 TiB.
    expect(() => zeros([2 ** 20, 2 ** 20])).toThrow(OutOfMemoryError);
    expect(backend!.memory().liveBuffers).toBe(before.liveBuffers);
    expect(await tensor([1, 2]).mul(3).toArray()).toEqual([3, 6]);
  });

  it('names the kernel whose launch the GPU refused (an op on a tensor whose buffer is gone)', async () => {
    const b = await dawnBackend({ fuse: false });
    use(b);
    const x = tensor([1, 2, 3]);
    await x.toArray();
    // Behind the backend's back: the next kernel that binds it is invalid.
    (x.storage as GpuStorage).buffer.destroy();
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
    const b = await dawnBackend();
    use(b);
    const x = tensor([1, 2, 3]);
    (x.storage as GpuStorage).buffer.destroy();
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

  it('routes an error outside its scopes (uncaptured) to the next read', async () => {
    const b = await dawnBackend();
    use(b);
    const x = tensor([1, 2, 3]);
    const heard = new Promise<void>((resolve) => {
      b.device.addEventListener('uncapturederror', () => resolve(), { once: true });
    });
    // The device used directly, outside any error scope: the device reports it as uncaptured.
    b.device.createBuffer({ size: 16, usage: MAP_READ | STORAGE, label: 'ag-test' });
    await heard;
    const e = await rejection(() => x.toArray());
    expect(e).toBeInstanceOf(DeviceError);
    expect(e.message).toMatch(/^webgpu: uncaptured GPU error \(outside the error scopes of ag\): .*ag-test/s);
  });
});
