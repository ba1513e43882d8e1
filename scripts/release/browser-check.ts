import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, preview, type Rolldown } from 'vite';
import { CHROMIUM_ARGS } from '../chromium.ts';

/** Debian's Chromium (SwiftShader gives it WebGPU), or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(chromiumPath);

export interface BrowserRun {
  /** What the page computed: `window.agResult`. */
  readonly result: unknown;
  /** The built JavaScript, minified, and gzipped. */
  readonly bundleBytes: number;
  readonly bundleGzipBytes: number;
  /** A screenshot of the page, for a person to look at. */
  readonly screenshot: string;
}

/**
 * Builds the consumer's browser entry (browser/index.html and main.js) with Vite, as a user's
 * app bundles the installed packages, serves the build with Vite's preview server, and loads it
 * in headless Chromium; resolves to what the page computed.
 */
export async function runInBrowser(project: string): Promise<BrowserRun> {
  const root = join(project, 'browser');
  const outDir = join(project, 'browser-dist');
  const output = (await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })) as Rolldown.RolldownOutput;
  const js = output.output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  const bundleBytes = js.reduce((n, c) => n + Buffer.byteLength(c.code), 0);
  const bundleGzipBytes = js.reduce((n, c) => n + gzipSync(c.code).length, 0);

  const server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS], headless: true });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('vite preview: no local URL');
    await page.goto(url);
    // The page sets window.agResult when it is done (these functions run in the page, where
    // globalThis is its window; the root tsconfig has no DOM types).
    await page.waitForFunction(() => 'agResult' in globalThis, null, { timeout: 90_000 });
    const result: unknown = await page.evaluate(() => (globalThis as unknown as { agResult: unknown }).agResult);
    const screenshot = join(project, 'browser.png');
    writeFileSync(screenshot, await page.screenshot({ fullPage: true }));
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    return { result, bundleBytes, bundleGzipBytes, screenshot };
  } finally {
    await browser.close();
    await server.close();
  }
}
