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
      await pg.screenshot('page-1280x800');
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });
});
