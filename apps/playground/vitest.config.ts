import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The end-to-end tests share one build and one browser, made by the global setup; every test file
// opens its own pages in that browser. Unit tests (test/*.test.ts) run in Node beside them.
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      globalSetup: ['test/e2e/global-setup.ts'],
      // WebGPU in headless Chromium is SwiftShader on the CPU: slow, and CI has 2 cores.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  }),
);
