import { cpu } from '@ag/backend-cpu';
import type { ConformanceOptions } from '@ag/conformance';
import { dawnBackend } from './dawn.js';
import { knownFailures } from './known-failures.js';

/**
 * The WebGPU conformance suite in Node: conformance.test.ts runs it (skipped without an adapter),
 * and the portable bundle. GPU transcendental functions are within a few ulp, not correctly
 * rounded, and sums run in float32: hence the looser float32 tolerance.
 */
const options: ConformanceOptions = {
  setup: () => dawnBackend(),
  tolerance: { float32: { atol: 1e-5, rtol: 1e-4 } },
  knownFailures,
  host: () => cpu(),
};
export default options;
