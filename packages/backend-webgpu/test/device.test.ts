import { noGrad, randn, registerBackend, setDefaultDevice, tensor, tidy, unregisterBackend, zeros } from '@ag/core';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webgpu } from '../src/index.js';
import { POOL_LIMITS, SLAB_SLOT_MAX } from '../src/buffer-pool.js';
import { Runtime } from '../src/runtime.js';
import { nodeBackend } from './gpu.js';

const backend = await nodeBackend();

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

describe.runIf(backend !== null)('webgpu backend (Node, Dawn)', () => {
  const gpu = backend!;
  beforeAll(() => {
    registerBackend(gpu);
    setDefaultDevice('webgpu');
  });
  afterAll(() => {
    unregisterBackend('webgpu');
  });

  it('keeps memory flat over 1,000 steps of a training loop (dispose, and GC as the backstop)', async () => {
    const x = randn([32, 8]);
    const y = randn([32, 1]);
    let w = randn([8, 1], { requiresGrad: true });
    // Intermediates and the graph's gradients are not disposed here: the FinalizationRegistry
    // frees their buffers once the garbage collector runs, which this loop forces every 100 steps.
    const step = () => {
      const loss = x.matmul(w).sub(y).pow(2).mean();
      loss.backward();
      const next = noGrad(() => w.sub(w.grad!.mul(0.01)));
      w.dispose();
      w = next.requiresGrad_();
    };
    const settle = async () => {
      await w.toArray();
      for (let i = 0; i < 2; i++) {
        collectGarbage();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return gpu.memory();
    };
    for (let i = 0; i < 100; i++) step();
    const before = await settle();
    for (let i = 1; i <= 1000; i++) {
      step();
      if (i % 100 === 0) await settle();
    }
    const after = await settle();
    // What tensors hold is flat; the pool's size depends on how much piled up between collections.
    expect(after.liveBuffers).toBeLessThanOrEqual(before.liveBuffers + 16);
    expect(after.liveBytes).toBeLessThanOrEqual(before.liveBytes + 64 * 1024);
    expect(after.liveBytes + after.pooledBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('gives freed buffers beyond the pool limit back to the driver, and keeps working', async () => {
    gpu.trim();
    const count = POOL_LIMITS.buffers + 500;
    // Past the slab classes, so each tensor has a buffer of its own (smaller ones share slabs).
    const elements = (2 * SLAB_SLOT_MAX) / 4;
    const inputs = Array.from({ length: count }, (_, i) => tensor(new Float32Array(elements).fill(i)));
    const many = inputs.map((t) => t.add(1));
    // Every result is read by recorded work when it is freed: the pool cannot destroy it at once.
    // (Nothing is left for the garbage collector, whose frees would reach the next test's pool.)
    for (const t of [...many, ...inputs]) t.dispose();
    const freed = gpu.memory();
    expect(freed.pooledBuffers).toBe(POOL_LIMITS.buffers);
    const a = tensor([1, 2]);
    const b = a.mul(3);
    expect(await b.toArray()).toEqual([3, 6]);
    a.dispose();
    b.dispose();
    expect(gpu.memory().pooledBuffers).toBeLessThanOrEqual(POOL_LIMITS.buffers);
    gpu.trim();
  });

  it('makes no new bind groups when a training step repeats (the pool hands out the same buffers)', async () => {
    const x = randn([16, 8]);
    const y = randn([16, 1]);
    const w = randn([8, 1], { requiresGrad: true });
    const step = async () => {
      const loss = tidy(() => {
        const l = x.matmul(w).sub(y).pow(2).mean();
        l.backward();
        noGrad(() => {
          const grad = w.grad!;
          w.sub_(grad.mul(0.01));
          // A gradient dropped without dispose waits for the garbage collector, and the pool
          // meanwhile makes a new buffer for the next step's: dispose it, so every buffer returns.
          w.grad = null;
          grad.dispose();
        });
        return l;
      });
      await loss.item();
      loss.dispose();
    };
    for (let i = 0; i < 3; i++) await step();
    const device = gpu.device;
    const create = device.createBindGroup.bind(device);
    let made = 0;
    device.createBindGroup = (descriptor) => {
      made++;
      return create(descriptor);
    };
    try {
      for (let i = 0; i < 5; i++) await step();
    } finally {
      delete (device as { createBindGroup?: unknown }).createBindGroup;
    }
    expect(made).toBe(0);
  });

  it('refuses a tensor larger than the binding limit, naming it', () => {
    const limit = gpu.device.limits.maxStorageBufferBindingSize;
    expect(() => zeros([limit / 4 + 1])).toThrow(/maxStorageBufferBindingSize/);
  });

  it('reads ints, bools and floats back exactly', async () => {
    expect(await tensor([1, -2, 2147483647], { dtype: 'int32' }).add(1).toArray()).toEqual([2, -1, -2147483648]);
    expect(await tensor([true, false]).logicalNot().toArray()).toEqual([false, true]);
    expect(() => tensor([1]).toArraySync()).toThrow(/await t.toArray\(\)/);
  });

  it('computes past 65,535 workgroups (a 2-D grid)', async () => {
    const n = 65_536 * 64 + 5;
    const s = await zeros([n]).add(1).sum().item();
    expect(s).toBe(n);
  });

  it('surfaces a WGSL error with the kernel name instead of returning zeros', async () => {
    const rt = new Runtime(gpu.device);
    const out = rt.alloc(4);
    rt.run('broken_kernel', '@compute @workgroup_size(64) fn main() { let x: f32 = "no"; }', [out.buffer], [4], 4);
    await expect(rt.read(out, 'float32', 4)).rejects.toThrow(/kernel 'broken_kernel' failed to compile/);
    expect(() => rt.alloc(1)).toThrow(/broken_kernel/);
  });

  it('reports a destroyed device clearly, and a new backend works afterwards', async () => {
    const other = await webgpu({ gpu: (gpu as unknown as { gpu: GPU }).gpu });
    registerBackend(Object.create(other, { name: { value: 'webgpu2' } }) as typeof other);
    try {
      const t = tensor([1, 2], { device: 'webgpu2' });
      other.device.destroy();
      await other.device.lost;
      expect(() => t.add(1)).toThrow(/device was lost.*await webgpu\(\)/);
      await expect(t.toArray()).rejects.toThrow(/device was lost/);
    } finally {
      unregisterBackend('webgpu2');
    }
    const fresh = await webgpu({ gpu: (gpu as unknown as { gpu: GPU }).gpu });
    const s = fresh.kernels.fill(3, 2, 'float32');
    expect(Array.from(await fresh.read(s, 'float32', 3))).toEqual([2, 2, 2]);
    fresh.device.destroy();
  });
});
