import { cpu } from '@ag/backend-cpu';
import { BACKEND_TOLERANCE, compareBackends, formatSummary, fuzzGraphs } from '@ag/conformance/fuzz';
import { registerBackend, unregisterBackend } from '@ag/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nodeBackend } from './gpu.js';

// Random op graphs (packages/conformance/src/fuzz) give the same values and gradients on WebGPU as
// on the CPU, in float32 within BACKEND_TOLERANCE and in int32 exactly. Fewer graphs than the CPU's
// test: lavapipe runs every kernel on the CPU. `pnpm fuzz` runs thousands.
const GRAPHS = Number(process.env.FUZZ_GRAPHS ?? 60);

const gpu = await nodeBackend();

if (gpu !== null) {
  beforeAll(() => {
    registerBackend(gpu);
    registerBackend(cpu());
  });
  afterAll(() => {
    unregisterBackend('cpu');
    unregisterBackend(gpu.name);
  });

  it(`${GRAPHS} random graphs agree with the CPU (rtol ${BACKEND_TOLERANCE.rtol})`, async () => {
    const summary = await fuzzGraphs({
      runs: GRAPHS,
      seed: 17,
      dtypes: ['float32', 'float32', 'int32'],
      check: (graph) => compareBackends(graph, gpu.name),
    });
    expect(summary.mismatches, formatSummary('webgpu vs cpu', summary)).toBe(0);
  }, 120_000);
}
