import { cpu } from '@ag/backend-cpu';
import {
  checkFiniteDifferences,
  compareBackends,
  formatSummary,
  fuzzGraphs,
  type FuzzSummary,
} from '@ag/conformance/fuzz';
import { registerBackend, setDefaultDevice } from '@ag/core';
import { dawnBackend } from '../test/dawn.js';

/**
 * `pnpm fuzz [graphs]`: random op graphs, many more than the tests run. Float64 CPU gradients
 * against finite differences, then WebGPU against the CPU (float32 and int32) for as many graphs as
 * fit in FUZZ_GPU_MINUTES (10 by default: lavapipe is slow). FUZZ_SEED changes the graphs. Prints
 * the counts and the shrunk failing graphs as code; exits 1 on any mismatch.
 */
const graphs = Number(process.argv[2] ?? process.env.FUZZ_GRAPHS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? 2024);
const gpuMinutes = Number(process.env.FUZZ_GPU_MINUTES ?? 10);

registerBackend(cpu());
setDefaultDevice('cpu');
const summaries: [string, FuzzSummary][] = [];

const timed = async (name: string, run: () => Promise<FuzzSummary>) => {
  const start = performance.now();
  const summary = await run();
  const seconds = ((performance.now() - start) / 1000).toFixed(0);
  console.log(`${formatSummary(name, summary)}\n(${seconds} s)\n`);
  summaries.push([name, summary]);
};

await timed('cpu float64 gradients vs finite differences', () =>
  fuzzGraphs({ runs: graphs, seed, dtypes: ['float64'], check: (g) => checkFiniteDifferences(g) }),
);

let gpu = null;
try {
  gpu = await dawnBackend();
} catch (e) {
  console.log(`webgpu vs cpu: skipped, no adapter (${e instanceof Error ? e.message : String(e)})`);
}
if (gpu !== null) {
  registerBackend(gpu);
  const name = gpu.name;
  await timed('webgpu vs cpu (float32, int32)', () =>
    fuzzGraphs({
      runs: graphs,
      seed,
      dtypes: ['float32', 'float32', 'int32'],
      check: (g) => compareBackends(g, name),
      until: Date.now() + gpuMinutes * 60_000,
    }),
  );
}

const total = summaries.reduce((n, [, s]) => n + s.mismatches, 0);
console.log(summaries.map(([n, s]) => `${n}: ${s.graphs} graphs, ${s.mismatches} mismatches`).join('\n'));
process.exit(total === 0 ? 0 : 1);
