import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend, Tensor } from '../src/index.js';
import { nn, registerBackend, setDefaultDevice, tensor, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

/**
 * Copies between a device that reads its values synchronously ('cpu' here, a fake) and one that
 * reads them only asynchronously (as WebGPU: the same fake without `readSync`). What needs the
 * device's values on the host is awaited (`toAsync`, `cpu()`, `backwardAsync`); the synchronous
 * forms say which awaited form to use, and change nothing.
 */
const host = fakeBackend('cpu');
const device: Backend = { ...fakeBackend('async-gpu'), readSync: undefined };

beforeAll(() => {
  registerBackend(host);
  registerBackend(device);
  setDefaultDevice('cpu');
});
afterAll(() => {
  unregisterBackend('async-gpu');
  unregisterBackend('cpu');
});

const values = async (t: Tensor | null): Promise<number[]> => Array.from(await t!.toTypedArray());

describe('copies from a device read only asynchronously', () => {
  it('to(cpu) throws naming the awaited forms; toAsync and cpu() copy, keeping the graph', async () => {
    const g = tensor([1, 2, 3], { device: 'async-gpu', requiresGrad: true });
    expect(() => g.to('cpu')).toThrow(
      /to: device 'async-gpu' keeps values off the host.*await t\.toAsync\(device\)`.*await t\.cpu\(\)/,
    );
    const c = await g.cpu();
    expect(c.device).toBe('cpu');
    expect(c.gradFn?.name).toBe('ToCopyBackward0');
    expect(await c.toArray()).toEqual([1, 2, 3]);
    const d = await g.toAsync({ device: 'cpu', dtype: 'float64' });
    expect([d.device, d.dtype]).toEqual(['cpu', 'float64']);
    // Back on the host, backward is synchronous: the gradient goes up to the device (an upload).
    c.mul(c).sum().backward();
    expect(await values(g.grad)).toEqual([2, 4, 6]);
    expect(g.grad!.device).toBe('async-gpu');
  });

  it('toAsync on the same device, or to a dtype, is `to`', async () => {
    const g = tensor([1, 2], { device: 'async-gpu' });
    expect(await g.toAsync('async-gpu')).toBe(g);
    const h = tensor([1, 2]);
    expect(await h.cpu()).toBe(h);
  });
});

describe('backward through a copy to a device read only asynchronously', () => {
  it('backward() says to await backwardAsync, changing no .grad; backwardAsync gives the CPU leaf its gradient', async () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.to('async-gpu');
    expect(y.gradFn?.name).toBe('ToCopyBackward0');
    const loss = y.mul(y).sum();
    expect(() => {
      loss.backward(undefined, { retainGraph: true });
    }).toThrow(/backward: ToCopyBackward0 copies a gradient back .*`await loss\.backwardAsync\(\)`/);
    expect(x.grad).toBeNull();
    await loss.backwardAsync();
    expect(x.grad!.device).toBe('cpu');
    expect(await values(x.grad)).toEqual([2, 4, 6]);
  });

  it('accumulates as backward does, and is backward where nothing crosses back', async () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = tensor([3, 4], { device: 'async-gpu', requiresGrad: true });
    const loss = x.to('async-gpu').mul(w).sum();
    await loss.backwardAsync(undefined, { retainGraph: true });
    await loss.backwardAsync();
    expect(await values(x.grad)).toEqual([6, 8]);
    expect(await values(w.grad)).toEqual([2, 4]);
    const a = tensor([5], { requiresGrad: true });
    await a.mul(a).sum().backwardAsync();
    expect(await values(a.grad)).toEqual([10]);
  });

  it('leaves grad mode as it was while it waits', async () => {
    const x = tensor([1], { requiresGrad: true });
    const loss = x.to('async-gpu').mul(2).sum();
    const pending = loss.backwardAsync();
    // Code running while backward waits records graphs as usual.
    expect(tensor([1], { requiresGrad: true }).mul(2).requiresGrad).toBe(true);
    await pending;
    expect(await values(x.grad)).toEqual([2]);
  });
});

describe('modules across devices', () => {
  class Scale extends nn.Module {
    readonly w = new nn.Parameter(tensor([2, 3]));
    constructor() {
      super();
      this.registerBuffer('count', tensor([0]));
    }
    forward(x: Tensor): Tensor {
      return x.mul(this.w);
    }
  }

  it('to() off an asynchronous device throws naming toAsync, moving nothing; toAsync moves all', async () => {
    const m = new Scale().to('async-gpu');
    expect(m.w.device).toBe('async-gpu');
    expect(m.getBuffer('count')!.device).toBe('async-gpu');
    const w = m.w;
    expect(() => m.to('cpu')).toThrow(
      /to: this module's tensors are on device 'async-gpu'.*`await model\.toAsync\("cpu"\)`/,
    );
    expect(m.w).toBe(w);
    await m.toAsync('cpu');
    expect([m.w.device, m.getBuffer('count')!.device]).toEqual(['cpu', 'cpu']);
    expect(m.w).toBeInstanceOf(nn.Parameter);
    expect(m.w.requiresGrad).toBe(true);
    expect(await values(m.w)).toEqual([2, 3]);
  });
});
