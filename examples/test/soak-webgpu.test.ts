import { registerBackend, unregisterBackend } from '@ag/core';
import { webgpu } from '@ag/backend-webgpu';
import { create } from 'webgpu';
import { afterAll, describe, expect, it } from 'vitest';
import { cnnShapes } from '../src/cnn-shapes.js';
import { mlpMoons } from '../src/mlp-moons.js';
import { SOAK_STYLES, soak } from '../src/soak.js';

/**
 * A short `pnpm soak` on WebGPU (the full one trains 10,000 steps): after a tenth of the steps,
 * no more tensors, bytes or GPU buffers stay alive. Core sees every WebGPU storage freed (the
 * backend frees buffers when tensors are collected), so no history recording is needed.
 */
// Kept for the life of the process: Dawn aborts if the object from create([]) is collected.
const gpu = create([]);
const backend = await webgpu({ gpu }).catch((e: unknown) => {
  if (process.env.CI === 'true') throw e;
  console.warn(`WebGPU soak skipped: ${(e as Error).message}`);
  return null;
});

describe.skipIf(backend === null)('soak on WebGPU: live tensors, bytes and buffers stay flat', () => {
  if (backend !== null) registerBackend(backend);
  afterAll(() => {
    unregisterBackend('webgpu');
  });

  for (const [example, steps] of [
    [mlpMoons, 50],
    [cnnShapes, 10],
  ] as const) {
    for (const style of SOAK_STYLES) {
      it(`${example.name}, ${style}, ${steps} steps`, async () => {
        const r = await soak(example, 'webgpu', style, steps);
        expect(r.end.tensors).toBe(r.middle.tensors);
        expect(r.end.bytes).toBe(r.middle.bytes);
        expect(r.end.buffers).toBe(r.middle.buffers);
        expect(Number.isFinite(r.loss)).toBe(true);
      });
    }
  }
});
