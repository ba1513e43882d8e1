import type { Tensor } from '@ag/core';
import { tensor } from '@ag/core';
import { describe, expect, it } from 'vitest';
import { SLAB_BYTES } from '../src/buffer-pool.js';
import { nodeBackend, useBackend, values } from './gpu.js';

// Every tensor on the device: small ones would otherwise stay on the host (host.ts) and take no slot.
const backend = await nodeBackend({ hostElements: 0 });

/** The bench's autograd chain (packages/bench, `chain`): 10,000 alternating scalar mul and add. */
const CHAIN_OPS = 10_000;
const SCALE = 1.0001;
const SHIFT = 0.0001;

/** The chain's value and gradient in float32, one rounding per op, as the GPU computes them. */
function chainInFloat32(x: number): { y: number; grad: number } {
  const f = Math.fround;
  let y = f(x);
  let grad = 1;
  for (let i = 0; i < CHAIN_OPS; i++) {
    if (i % 2 === 0) {
      y = f(y * f(SCALE));
      grad = f(grad * f(SCALE));
    } else y = f(y + f(SHIFT));
  }
  return { y, grad };
}

describe.runIf(backend !== null)('small tensors share slab buffers (Node, Dawn)', () => {
  const gpu = backend!;
  useBackend(gpu);

  it("leaves a few live buffers after the bench's 10,000-op chain, before any garbage collection", async () => {
    const x = tensor(0.5, { requiresGrad: true });
    let y: Tensor = x;
    for (let i = 0; i < CHAIN_OPS; i++) y = i % 2 === 0 ? y.mul(SCALE) : y.add(SHIFT);
    y.backward();
    const grad = await x.grad!.item();
    const after = gpu.memory();
    // The chain's 10,000 results stay alive until the collector runs (nothing may free what the
    // caller could still hold): they are slots of a few slabs, not a buffer each.
    const stride = Math.max(16, gpu.device.limits.minStorageBufferOffsetAlignment);
    const bound = Math.ceil(((CHAIN_OPS + 16) * stride) / SLAB_BYTES) + 8;
    expect(after.liveBuffers).toBeLessThanOrEqual(bound);
    const exact = chainInFloat32(0.5);
    expect(grad).toBe(exact.grad);
    expect(await y.item()).toBe(exact.y);
  });

  it('binds a slot twice in one kernel (x + x, x * x) through a copy', async () => {
    const data = values(5, 3);
    const x = tensor(data);
    expect(await x.add(x).toArray()).toEqual(Array.from(data, (v) => Math.fround(v + v)));
    expect(await x.mul(x).toArray()).toEqual(Array.from(data, (v) => Math.fround(v * v)));
  });

  it('writes in place into a slot while reading its slab neighbours', async () => {
    const a = values(7, 1);
    const b = values(7, 2);
    const p = tensor(a);
    const g = tensor(b);
    p.sub_(g.mul(0.5));
    expect(await p.toArray()).toEqual(Array.from(a, (v, i) => Math.fround(v - Math.fround(b[i]! * 0.5))));
  });
});

// A backend of its own: the collector, freeing an earlier test's garbage mid-test, would put its
// slots back in shared slabs, which the tensors here would then fill (and keep from the pool).
const fresh = await nodeBackend({ hostElements: 0 });

describe.runIf(fresh !== null)('slabs go back to the pool (Node, Dawn)', () => {
  const gpu = fresh!;
  useBackend(gpu);

  it('gives a slab back to the pool once every slot in it is freed', async () => {
    // No scalar operand: a cached constant made here would keep its slab alive for good.
    const two = tensor([2, 2]);
    gpu.trim();
    const before = gpu.memory();
    const inputs = Array.from({ length: 3000 }, (_, i) => tensor([i, i + 1]));
    const many = inputs.map((t) => t.mul(two));
    expect(await many[2999]!.toArray()).toEqual([5998, 6000]);
    expect(gpu.memory().liveStorages).toBeGreaterThanOrEqual(before.liveStorages + 6000);
    for (const t of [...inputs, ...many]) t.dispose();
    const after = gpu.memory();
    expect(after.liveBuffers).toBeLessThanOrEqual(before.liveBuffers);
    expect(after.pooledBuffers).toBeGreaterThan(0);
    gpu.trim();
    expect(gpu.memory().pooledBuffers).toBe(0);
  });
});
