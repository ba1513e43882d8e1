import { runConformance } from '@ag/conformance';
import { nodeBackend } from './gpu.js';
import { knownFailures } from './known-failures.js';

const backend = await nodeBackend();
if (backend !== null) {
  // GPU transcendental functions are within a few ulp, not correctly rounded; sums run in f32.
  runConformance({ setup: () => backend, tolerance: { float32: { atol: 1e-5, rtol: 1e-4 } }, knownFailures });
}
