import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

/**
 * What the end-to-end tests share (contracts.md, seam 6): a page of the built playground in the one
 * browser the global setup started, with the console errors it logged and screenshots saved to
 * apps/playground/test-results/ (gitignored; CI keeps them as artifacts).
 */
export interface Playground {
  page: Page;
  /** Console errors and uncaught exceptions, in order; a test usually expects none. */
  consoleErrors: string[];
  /** Saves test-results/<name>.png: the viewport, or the whole page with `fullPage`. */
  screenshot(name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

const url = inject('playgroundUrl');
const endpoint = inject('browserEndpoint');

/** False where no browser was found: wrap e2e suites in `describe.skipIf(!browserAvailable)`. */
export const browserAvailable = url !== '' && endpoint !== '';

export const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

let browser: Promise<Browser> | undefined;

/**
 * Opens the playground (with `hash`, e.g. a shared link's '#code=...') and waits for the page to be
 * ready. `initScript` runs in the page before its own scripts (to take a browser feature away).
 */
export async function openPlayground(
  hash = '',
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
  initScript?: string,
): Promise<Playground> {
  if (!browserAvailable) throw new Error('openPlayground: no browser (see the global setup message)');
  browser ??= chromium.connect(endpoint);
  const context = await (await browser).newContext({ viewport });
  if (initScript !== undefined) await context.addInitScript(initScript);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  await page.goto(`${url}${hash}`);
  // The runner worker says it is ready once its backend is registered.
  await page.getByTestId('backend-status').filter({ hasText: /ready/ }).waitFor({ timeout: 60_000 });
  return {
    page,
    consoleErrors,
    screenshot: async (name, fullPage = false) => {
      mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: `${resultsDir}${name}.png`, fullPage });
    },
    close: () => context.close(),
  };
}
