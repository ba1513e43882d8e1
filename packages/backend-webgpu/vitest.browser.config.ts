import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import { CHROMIUM_ARGS } from '../../scripts/chromium.ts';
import { conformanceReporters } from '../conformance/scripts/results-reporter.ts';
import shared from '../../vitest.shared.ts';

/**
 * The conformance suite in headless Chromium (Debian's, with SwiftShader) through vitest's
 * browser mode. playwright-core drives it (installed under the name `playwright`, which the
 * provider imports) and never downloads a browser; CHROMIUM_PATH overrides the binary. Playwright
 * gives each run a fresh profile (it refuses a --user-data-dir flag). Without that binary the
 * suite says so once and runs nothing, except under CI=true, where it fails. A full run of the
 * conformance suite records its outcomes for the docs' conformance matrix.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true';
const missing = existsSync(chromium)
  ? null
  : `no Chromium at ${chromium} (set CHROMIUM_PATH, or \`pnpm setup:webgpu\` as root on Debian 12)`;
if (missing !== null) {
  if (ci) throw new Error(`WebGPU (browser): ${missing}; required under CI=true`);
  console.warn(`WebGPU browser tests skipped: ${missing}`);
}

const config = mergeConfig(
  shared,
  defineConfig({
    define: { __AG_CI__: JSON.stringify(ci) },
    test: {
      include: ['test/browser/**/*.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      passWithNoTests: missing !== null,
      reporters: conformanceReporters('webgpu-chromium', 'test/browser/conformance.test.ts'),
      browser: {
        enabled: missing === null,
        headless: true,
        screenshotFailures: false,
        provider: playwright({ launchOptions: { executablePath: chromium, args: [...CHROMIUM_ARGS] } }),
        instances: [{ browser: 'chromium' }],
      },
    },
  }),
);
// mergeConfig concatenates `include` with the shared one; the browser runs only its own files.
(config.test as { include: string[] }).include = missing === null ? ['test/browser/**/*.test.ts'] : [];
export default config;
