import { manualSeed, nn, randn, registerBackend, unregisterBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { webgpu } from '@ag/backend-webgpu';
import { create } from 'webgpu';
import { describe, expect, it } from 'vitest';
import { mlpMoons } from '../src/mlp-moons.js';
import { cnnShapes } from '../src/cnn-shapes.js';
import { train } from '../src/train-loop.js';
import type { Example } from '../src/example.js';

// Kept for the life of the process: Dawn aborts if the object from create([]) is collected.
const gpu = create([]);
const backend = await webgpu({ gpu }).catch((e: unknown) => {
  if (process.env.CI === 'true') throw e;
  console.warn(`WebGPU step tests skipped: ${(e as Error).message}`);
  return null;
});

/** One training step's loss: same seed, same data, same weights on both devices. */
async function firstLoss(example: Example, device: string): Promise<number> {
  let loss = Number.NaN;
  await train(example, { device, epochs: 1, maxBatches: 1, onBatch: (_e, _f, l) => (loss = l) });
  return loss;
}

function expectClose(a: unknown, b: unknown): void {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const [fa, fb] = [flat(a), flat(b)];
  expect(fa.length).toBe(fb.length);
  fa.forEach((v, i) => {
    expect(Math.abs(v - fb[i]!)).toBeLessThan(1e-5);
  });
}

describe.skipIf(backend === null)('a training step on WebGPU matches the CPU', () => {
  registerBackend(cpu());
  if (backend !== null) registerBackend(backend);

  for (const example of [mlpMoons, cnnShapes]) {
    it(
      example.name,
      async () => {
        const onCpu = await firstLoss(example, 'cpu');
        const onGpu = await firstLoss(example, 'webgpu');
        expect(Math.abs(onGpu - onCpu)).toBeLessThan(1e-4 * Math.max(1, Math.abs(onCpu)));
      },
      120_000,
    );
  }

  it('moves a model to WebGPU and back, gradients included', async () => {
    manualSeed(0);
    const model = new nn.Sequential(new nn.Linear(4, 8), new nn.Tanh(), new nn.Linear(8, 2));
    const x = randn([5, 4], { requiresGrad: true }); // a CPU leaf
    const onCpu = model(x);
    onCpu.sum().backward();
    const cpuGrad = await x.grad!.toArray();
    x.grad = null;
    model.to('webgpu');
    const onGpu = model(x.to('webgpu'));
    // x's gradient comes back from the GPU: the backward is awaited.
    await onGpu.sum().backwardAsync();
    expect(x.grad!.device).toBe('cpu');
    expectClose(await x.grad!.toArray(), cpuGrad);
    const back = await onGpu.cpu();
    expectClose(await back.toArray(), await onCpu.toArray());
    await model.toAsync('cpu');
    expectClose(await model(x).toArray(), await onCpu.toArray());
  });

  it('cleans up', () => {
    unregisterBackend('webgpu');
    expect(gpu).toBeDefined();
  });
});
