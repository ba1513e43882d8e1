import { DeviceError, registerBackend, setDefaultDevice, unregisterBackend } from '@ag/core';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeBackend } from './gpu.js';
import { dawnBackend } from './dawn.js';
import { loseDeviceMidWork, loseDeviceQuietly } from './scenarios/device-lost.js';
import { expectNoUnhandledRejections } from './scenarios/unhandled.js';

const first = await nodeBackend();

/**
 * The device lost in the middle of work, in Node (Dawn on lavapipe). Dawn has no way to make a
 * device lose itself, so the tests destroy it behind the backend's back (`device.destroy()`, not
 * an API of ours): the backend learns of it only as it would of a driver reset, from the
 * device-lost promise and failed mappings. The browser suite runs the same scenarios.
 */
describe.runIf(first !== null)('webgpu: a lost device', () => {
  expectNoUnhandledRejections();
  afterAll(() => {
    unregisterBackend('webgpu');
  });

  it('rejects pending reads, refuses its tensors, and a new backend continues with correct values', async () => {
    const lost = first!;
    registerBackend(lost);
    setDefaultDevice('webgpu');
    const report = await loseDeviceMidWork(lost, () => dawnBackend());
    expect(report.pendingReads).toBeGreaterThanOrEqual(10);
    expect(report.rejected).toBe(report.pendingReads);
    for (const e of report.errors) {
      expect(e).toBeInstanceOf(DeviceError);
      expect((e as Error).message).toMatch(/webgpu: .*(device was lost|refused to map)/);
    }
    expect(report.useError).toBeInstanceOf(DeviceError);
    expect(report.useError.message).toMatch(/the GPU device was lost \(destroyed.*\).*await webgpu\(\)/);
    expect(report.readError).toBeInstanceOf(DeviceError);
    expect(report.createError).toBeInstanceOf(DeviceError);
    expect(report.continued).toEqual(report.expected);
    console.log(`device lost: ${report.pendingReads} reads pending, recovered in ${report.recoveryMs.toFixed(0)} ms`);
  });

  it('learns of a loss from the lost promise alone, and says so at the next op and read', async () => {
    const backend = await dawnBackend();
    registerBackend(backend);
    setDefaultDevice('webgpu');
    const report = await loseDeviceQuietly(backend);
    expect(report.before).toEqual(report.expected);
    expect(report.opError).toBeInstanceOf(DeviceError);
    expect(report.opError.message).toMatch(/^webgpu: the GPU device was lost \(destroyed/);
    expect(report.readError).toBeInstanceOf(DeviceError);
    expect(report.readError.message).toMatch(/^webgpu: the GPU device was lost/);
    expect(report.disposeError.message).toBe('did not throw');
  });
});
