import { checkFiniteDifferences, formatSummary, fuzzGraphs } from '@ag/conformance/fuzz';
import { registerBackend, setDefaultDevice, unregisterBackend } from '@ag/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpu } from '../src/index.js';

// Random op graphs (packages/conformance/src/fuzz): in float64, autograd's gradients match central
// finite differences. A fixed seed and a few hundred graphs here; `pnpm fuzz` runs thousands.
const GRAPHS = Number(process.env.FUZZ_GRAPHS ?? 500);

beforeAll(() => {
  registerBackend(cpu());
  setDefaultDevice('cpu');
});
afterAll(() => {
  unregisterBackend('cpu');
});

it(`float64 gradients of ${GRAPHS} random graphs match finite differences`, async () => {
  const summary = await fuzzGraphs({
    runs: GRAPHS,
    seed: 17,
    dtypes: ['float64'],
    check: (graph) => checkFiniteDifferences(graph),
  });
  expect(summary.mismatches, formatSummary('cpu float64 vs finite differences', summary)).toBe(0);
}, 60_000);
