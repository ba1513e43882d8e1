import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/**
 * The conformance suite in headless Chromium (Debian's, with SwiftShader) through vitest's
 * browser mode. playwright-core drives it (installed under the name `playwright`, which the
 * provider imports) and never downloads a browser; CHROMIUM_PATH overrides the binary. Playwright
 * gives each run a fresh profile (it refuses a --user-data-dir flag).
 */
const args = [
  '--enable-unsafe-webgpu',
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const config = mergeConfig(
  shared,
  defineConfig({
    define: { __AG_CI__: JSON.stringify(process.env.CI === 'true') },
    test: {
      include: ['test/browser/**/*.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args } }),
        instances: [{ browser: 'chromium' }],
      },
    },
  }),
);
// mergeConfig concatenates `include` with the shared one; the browser runs only its own files.
(config.test as { include: string[] }).include = ['test/browser/**/*.test.ts'];
export default config;
