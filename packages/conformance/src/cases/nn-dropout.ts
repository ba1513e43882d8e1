import { functional as F, manualSeed, ones, tensor } from '@ag/core';
import type { ErrorCase, ScriptCase } from '../case.js';

/** Dropout's randomness: a seeded mask, its scale and its gradient. */
export const nnDropoutScripts = [
  {
    id: 'dropout/seeded-scaled-mask',
    run: async (check) => {
      const x = ones([4000]);
      manualSeed(7);
      const a = Array.from(await F.dropout(x, 0.25).toTypedArray());
      manualSeed(7);
      const b = Array.from(await F.dropout(x, 0.25).toTypedArray());
      check.equal(a, b, 'same seed, same mask');
      check.equal(
        a.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6),
        true,
        'kept values scaled by 1/(1-p)',
      );
      const dropped = a.filter((v) => v === 0).length / a.length;
      check.equal(Math.abs(dropped - 0.25) < 0.04, true, `about p dropped (got ${dropped})`);
      await check.close(F.dropout(tensor([1, 2]), 0.9, false), [1, 2], 'identity in eval');
      await check.close(F.dropout(tensor([1, 2]), 1), [0, 0], 'p = 1 drops everything');
    },
  },
  {
    id: 'dropout/gradient-follows-mask',
    run: async (check) => {
      const x = ones([50], { requiresGrad: true });
      manualSeed(3);
      const y = F.dropout(x, 0.5);
      y.sum().backward();
      await check.close(x.grad, Array.from(await y.toTypedArray()), 'grad equals the scaled mask');
    },
  },
] as const satisfies readonly ScriptCase[];

/** Bad input to dropout: the probability out of [0, 1], named with what it got. */
export const nnDropoutErrors = [
  {
    id: 'error/dropout-probability',
    inputs: () => [ones([3])],
    run: (x) => F.dropout(x, 1.5),
    throws: /dropout: probability has to be between 0 and 1, but got 1.5/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
