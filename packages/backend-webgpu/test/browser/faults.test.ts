import { DeviceError, OutOfMemoryError, registerBackend, setDefaultDevice, unregisterBackend } from '@ag/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebGPUBackend } from '../../src/index.js';
import { webgpu } from '../../src/index.js';
import { loseDeviceMidWork, loseDeviceQuietly } from '../scenarios/device-lost.js';
import { pastTheLimit, uncapturedError } from '../scenarios/gpu-errors.js';
import { manyReads } from '../scenarios/many-reads.js';
import { expectNoUnhandledRejections } from '../scenarios/unhandled.js';

declare const __AG_CI__: boolean;

/**
 * GPU faults in headless Chromium (SwiftShader): the Node suite's scenarios (device-lost.test.ts,
 * many-reads.test.ts, gpu-errors.test.ts) on the browser's WebGPU. Missing WebGPU skips, or fails
 * under CI=true.
 */
const available = await webgpu().then(
  (b) => {
    b.device.destroy();
    return null;
  },
  (e: unknown) => (e instanceof Error ? e.message : String(e)),
);
if (available !== null) {
  if (__AG_CI__)
    it('has a WebGPU adapter (required under CI=true)', () => {
      throw new Error(available);
    });
  else it.skip(`WebGPU browser tests skipped: ${available}`, () => undefined);
}

async function fresh(options: Parameters<typeof webgpu>[0] = {}): Promise<WebGPUBackend> {
  const b = await webgpu(options);
  registerBackend(b);
  setDefaultDevice(b.name);
  return b;
}

describe.runIf(available === null)('webgpu faults (Chromium)', () => {
  expectNoUnhandledRejections();
  afterAll(() => {
    unregisterBackend('webgpu');
  });

  it('a device lost mid-work rejects pending reads, refuses its tensors, and a new backend continues', async () => {
    const report = await loseDeviceMidWork(await fresh(), () => webgpu());
    expect(report.rejected).toBe(report.pendingReads);
    for (const e of report.errors) expect(e).toBeInstanceOf(DeviceError);
    expect(report.useError).toBeInstanceOf(DeviceError);
    expect(report.useError.message).toMatch(/the GPU device was lost \(destroyed/);
    expect(report.readError).toBeInstanceOf(DeviceError);
    expect(report.createError).toBeInstanceOf(DeviceError);
    expect(report.continued).toEqual(report.expected);
    console.log(
      `device lost (Chromium): ${report.pendingReads} reads pending, recovered in ${report.recoveryMs.toFixed(0)} ms`,
    );
  });

  it('learns of a loss from the lost promise alone', async () => {
    const report = await loseDeviceQuietly(await fresh());
    expect(report.before).toEqual(report.expected);
    expect(report.opError).toBeInstanceOf(DeviceError);
    expect(report.opError.message).toMatch(/^webgpu: the GPU device was lost/);
    expect(report.readError).toBeInstanceOf(DeviceError);
    expect(report.disposeError.message).toBe('did not throw');
  });

  it('resolves many interleaved reads with the right values', async () => {
    await fresh();
    const report = await manyReads();
    expect(report.mismatches).toEqual([]);
    expect(report.maxInFlight).toBe(200);
    console.log(
      `many reads (Chromium): ${report.reads} reads, at most ${report.loopsMaxInFlight} in flight in the loops, ${report.maxInFlight} in the burst`,
    );
  });

  it('refuses a tensor past the largest storage buffer, then keeps working', async () => {
    const { error, after } = await pastTheLimit(await fresh());
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect(after).toEqual([3, 6]);
  });

  it('routes an uncaptured GPU error to the next read', async () => {
    // Its tensor on the device: Chromium hears of the error only once the device has work to do,
    // and a small tensor held on the host gives it none.
    const e = await uncapturedError(await fresh({ hostElements: 0 }));
    expect(e).toBeInstanceOf(DeviceError);
    expect(e.message).toMatch(/^webgpu: uncaptured GPU error \(outside the error scopes of ag\): .*ag-test/s);
  });
});
