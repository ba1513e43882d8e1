import { cpu } from '@ag/backend-cpu';
import { runConformance } from '@ag/conformance/vitest';
import { it } from 'vitest';
import { webgpu } from '../../src/index.js';
import { knownFailures } from '../known-failures.js';

declare const __AG_CI__: boolean;

// navigator.gpu in headless Chromium (SwiftShader); missing WebGPU skips, or fails under CI=true.
const backend = await webgpu().catch((e: unknown) => {
  const why = e instanceof Error ? e.message : String(e);
  if (__AG_CI__)
    it('has a WebGPU adapter (required under CI=true)', () => {
      throw new Error(why);
    });
  else it.skip(`WebGPU browser tests skipped: ${why}`, () => undefined);
  return null;
});
if (backend !== null) {
  runConformance({
    setup: () => backend,
    tolerance: { float32: { atol: 1e-5, rtol: 1e-4 } },
    knownFailures,
    host: () => cpu(),
  });
}
