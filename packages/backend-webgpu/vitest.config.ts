import { defineConfig, mergeConfig } from 'vitest/config';
import { conformanceReporters } from '../conformance/scripts/results-reporter.ts';
import shared from '../../vitest.shared.ts';

// Node (Dawn). llvmpipe compiles each new pipeline on the CPU, so a test's first kernels can take
// seconds. The browser suite has its own config (vitest.browser.config.ts). A full run of the
// conformance suite records its outcomes for the docs' conformance matrix.
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      exclude: ['test/browser/**', 'node_modules/**'],
      globalSetup: ['test/adapter-probe.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: conformanceReporters('webgpu-node', 'test/conformance.test.ts'),
    },
  }),
);
