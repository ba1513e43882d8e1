import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserServer } from 'playwright-core';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { startServer, type Served } from '../../server/server.ts';
import { CHROMIUM_ARGS, chromiumPath } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The served build's URL; '' when no browser runs the end-to-end tests. */
    playgroundUrl: string;
    /** The shared browser's websocket endpoint; '' when there is none. */
    browserEndpoint: string;
  }
}

/**
 * Builds the page once (vite build, as `pnpm start` does, into a temporary folder), serves it with the same server, and
 * starts one Chromium that every test file connects to. Without a browser the end-to-end tests skip
 * with one message, except under CI=true, where a missing browser fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const browserPath = chromiumPath();
  if (!existsSync(browserPath)) {
    const why = `no Chromium at ${browserPath} (set CHROMIUM_PATH, or apt-get install chromium)`;
    if (process.env.CI === 'true') throw new Error(`playground end-to-end tests: ${why}; CI needs a browser`);
    console.warn(`playground end-to-end tests skipped: ${why}`);
    project.provide('playgroundUrl', '');
    project.provide('browserEndpoint', '');
    return () => Promise.resolve();
  }
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // Its own output folder, not dist/: turbo may run the package's `build` task at the same time.
  const outDir = mkdtempSync(join(tmpdir(), 'ag-playground-e2e-'));
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const served: Served = await startServer(outDir);
  const browser: BrowserServer = await chromium.launchServer({ executablePath: browserPath, args: [...CHROMIUM_ARGS] });
  project.provide('playgroundUrl', served.url);
  project.provide('browserEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await served.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
