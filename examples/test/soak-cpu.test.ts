import { memory, registerBackend, unregisterBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import { cnnShapes } from '../src/cnn-shapes.js';
import { mlpMoons } from '../src/mlp-moons.js';
import { SOAK_STYLES, soak } from '../src/soak.js';

/**
 * A short `pnpm soak` on the CPU (the full one trains 10,000 steps): after a tenth of the steps,
 * nothing more stays alive. The CPU's storages are reclaimed by the collector unseen, so core
 * watches them all (memory.recordHistory) to count them exactly.
 */
memory.recordHistory(true, { stacks: false });
registerBackend(cpu());

describe('soak on the CPU: live tensors and bytes stay flat', () => {
  afterAll(() => {
    memory.recordHistory(false);
    unregisterBackend('cpu');
  });

  for (const [example, steps] of [
    [mlpMoons, 100],
    [cnnShapes, 30],
  ] as const) {
    for (const style of SOAK_STYLES) {
      it(`${example.name}, ${style}, ${steps} steps`, async () => {
        const r = await soak(example, 'cpu', style, steps);
        expect(memory().backends.cpu!.unwatched).toBe(0);
        expect(r.end.tensors).toBe(r.middle.tensors);
        expect(r.end.bytes).toBe(r.middle.bytes);
        expect(Number.isFinite(r.loss)).toBe(true);
      });
    }
  }
});
