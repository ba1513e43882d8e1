import type { Check } from '../case.js';
import { getBackend, getDefaultDevice, listDevices, nn, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';
import { HOST_DEVICE, TWIN_DEVICE } from '../case.js';

/**
 * Copies between devices, with gradients, as PyTorch users make them: `await t.cpu()` (and
 * `await t.toAsync(device)`, the awaited `to` from a device read only asynchronously), a CPU
 * leaf used on the device (its gradient comes back through ToCopyBackward0: `await
 * loss.backwardAsync()` where the copy back must read the device), and a module moved to the host.
 * On the CPU suite the device is the host, and the same scripts check the plain path.
 */

/** Whether the backend under test reads its values only asynchronously (WebGPU). */
const readsAsync = (): boolean => getBackend().readSync === undefined;

/** The device-copy scripts need the host registered (the suite's `host` option off the CPU). */
function hasHost(check: Check): boolean {
  const has = listDevices().includes(HOST_DEVICE);
  check.equal(
    has,
    true,
    `a '${HOST_DEVICE}' device registered beside '${getDefaultDevice()}' (ConformanceOptions.host)`,
  );
  return has;
}

export const deviceCases = [
  {
    id: 'devices/cpu-copies-back-to-the-host-keeping-the-graph',
    run: async (check) => {
      if (!hasHost(check)) return;
      const x = tensor([1, 2, 3], { requiresGrad: true });
      const c = await x.cpu();
      check.equal(c.device, HOST_DEVICE, 'device');
      await check.close(c, [1, 2, 3]);
      // Already on the host, cpu() is the tensor itself, as in PyTorch.
      check.equal(c.gradFn?.name ?? null, x.device === HOST_DEVICE ? null : 'ToCopyBackward0', 'grad_fn');
      // d/dx sum(c^2) = 2x, flowing back from the host to x's device: an upload, synchronous.
      c.mul(c).sum().backward();
      check.equal(x.grad?.device, x.device, "the gradient is on the leaf's device");
      await check.close(x.grad, [2, 4, 6], 'x.grad');
      const d = await x.toAsync({ device: HOST_DEVICE, dtype: 'float32' });
      await check.close(d, [1, 2, 3], 'toAsync');
    },
  },
  {
    id: 'devices/sync-to-host-from-an-async-device-names-the-awaited-form',
    run: async (check) => {
      if (!hasHost(check) || !readsAsync()) return;
      const x = tensor([1, 2]);
      check.throws(
        () => x.to(HOST_DEVICE),
        /^to: device '.+' keeps values off the host.*`await t\.toAsync\(device\)` \(or `await t\.cpu\(\)`\)/,
        'device',
      );
      await check.close(x, [1, 2], 'x unchanged');
    },
  },
  {
    id: 'devices/cpu-leaf-used-on-the-device-gets-its-gradient',
    run: async (check) => {
      if (!hasHost(check)) return;
      const x = tensor([1, 2, 3], { device: HOST_DEVICE, requiresGrad: true });
      const w = tensor([4, 5, 6], { requiresGrad: true });
      const y = x.to(getDefaultDevice());
      check.equal(y.gradFn?.name ?? null, y === x ? null : 'ToCopyBackward0', 'grad_fn of the copy');
      const loss = y.mul(y).mul(w).sum();
      if (readsAsync()) {
        check.throws(
          () => {
            loss.backward(undefined, { retainGraph: true });
          },
          /^backward: ToCopyBackward0 copies a gradient back from a device .*`await loss\.backwardAsync\(\)`/,
          'device',
        );
        check.equal(x.grad, null, 'a refused backward writes no .grad');
      }
      await loss.backwardAsync();
      // d/dx sum(x^2 w) = 2 x w; d/dw = x^2.
      check.equal(x.grad?.device, HOST_DEVICE, 'x.grad device');
      await check.close(x.grad, [8, 20, 36], 'x.grad');
      await check.close(w.grad, [1, 4, 9], 'w.grad');
    },
  },
  {
    id: 'devices/round-trip-through-a-second-device-with-gradients',
    run: async (check) => {
      const x = tensor([1, -2], { requiresGrad: true });
      const there = await x.toAsync(TWIN_DEVICE);
      check.equal(there.device, TWIN_DEVICE, 'device');
      const back = await there.mul(3).toAsync(x.device);
      const loss = back.mul(x).sum();
      await loss.backwardAsync();
      // loss = 3 x . x: gradient 6x, through both copies.
      await check.close(x.grad, [6, -12]);
    },
  },
  {
    id: 'devices/values-written-after-a-copy-are-read-anew',
    run: async (check) => {
      if (!hasHost(check)) return;
      const x = tensor([1, 2]);
      await check.close(await x.cpu(), [1, 2], 'first copy');
      x.add_(10);
      await check.close(await x.cpu(), [11, 12], 'after add_');
    },
  },
  {
    id: 'devices/module-moves-to-the-host-and-back',
    run: async (check) => {
      if (!hasHost(check)) return;
      const device = getDefaultDevice();
      const model = new nn.Sequential(new nn.Linear(2, 1), new nn.BatchNorm1d(1));
      const weight = await model.getParameter('0.weight').toArray();
      await model.toAsync(HOST_DEVICE);
      check.equal(
        model.parameters().map((p) => p.device),
        [HOST_DEVICE, HOST_DEVICE, HOST_DEVICE, HOST_DEVICE],
        'parameters on the host',
      );
      check.equal(model.getBuffer('1.running_var')?.device, HOST_DEVICE, 'buffers on the host');
      await check.close(model.getParameter('0.weight'), weight, 'values kept');
      model.to(device);
      const x = tensor([
        [1, 2],
        [3, 4],
      ]);
      const out = model(x);
      check.equal(out.device, device, 'back on the device, the model runs there');
      out.sum().backward();
      check.equal(model.getParameter('0.weight').grad?.device, device, 'gradients on the device');
    },
  },
] as const satisfies readonly ScriptCase[];
