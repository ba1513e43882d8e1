import { registerBackend, unregisterBackend } from '@ag/core';
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

  it('cleans up', () => {
    unregisterBackend('webgpu');
    expect(gpu).toBeDefined();
  });
});
