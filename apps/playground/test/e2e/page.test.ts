import { describe, expect, it } from 'vitest';
import { browserAvailable, openPlayground } from './harness.ts';

describe.skipIf(!browserAvailable)('the page', () => {
  it('loads the seed tutorial with no console errors, cross-origin isolated, on the CPU', async () => {
    const pg = await openPlayground();
    try {
      const { page } = pg;
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      await expect.poll(() => page.getByTestId('cell').count()).toBeGreaterThan(10);
      // Threads need the isolation headers: the status names the matmul path the worker chose.
      await expect.poll(() => page.getByTestId('backend-status').textContent()).toMatch(/CPU ready · matmul: wasm/);
      // The server's headers: isolation on every file, JavaScript as such, compressed when asked.
      const src = await page.locator('script[type=module]').first().getAttribute('src');
      const res = await page.request.get(new URL(src!, page.url()).href, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers()).toMatchObject({
        'content-type': 'text/javascript',
        'content-encoding': 'gzip',
        'cross-origin-embedder-policy': 'require-corp',
        'cross-origin-opener-policy': 'same-origin',
      });
      await pg.screenshot('page-1280x800');
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });

  it('stacks the panels under the notebook at a phone width, with nothing wider than the screen', async () => {
    const pg = await openPlayground('', { width: 390, height: 844 });
    try {
      const { page } = pg;
      await pg.page.getByTestId('cell').first().getByTestId('cell-run').click();
      const notebook = await page.locator('.notebook').boundingBox();
      const side = await page.locator('.side').boundingBox();
      expect(side!.y).toBeGreaterThan(notebook!.y + notebook!.height - 1);
      await pg.screenshot('page-390x844');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });

  it('every control has an accessible name, and Tab reaches the toolbar and the notebook buttons', async () => {
    const pg = await openPlayground();
    try {
      const { page } = pg;
      const unnamed = await page.$$eval(
        'button, select, [contenteditable=true]',
        (els) =>
          els.filter((e) => {
            const label = e.getAttribute('aria-label') ?? e.textContent?.trim() ?? '';
            const byLabel = e.id !== '' && document.querySelector(`label[for="${e.id}"]`) !== null;
            return label === '' && !byLabel && e.closest('label') === null;
          }).length,
      );
      expect(unnamed).toBe(0);
      const reached = new Set<string>();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        reached.add(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? ''));
      }
      for (const id of ['examples', 'backend', 'share', 'run', 'run-all']) expect(reached).toContain(id);
    } finally {
      await pg.close();
    }
  });
});
