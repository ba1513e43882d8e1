import { seedCells } from '@ag/conformance';
import { describe, expect, it } from 'vitest';
import { browserAvailable, openPlayground } from './harness.ts';
import { codeHash, runCell } from './notebook.ts';

// The README's picture (apps/playground/screenshot.png is a copy of test-results/readme.png): the
// seed tutorial's forward cells, then show(out) drawing its graph in the side panel.
describe.skipIf(!browserAvailable)('the README screenshot', () => {
  it('seed cells, then show(out)', async () => {
    const seed = (label: string): string => seedCells.find((c) => c.label === label)!.source;
    const cells = [
      ...['In [1]', 'In [2]', 'In [4]', 'In [5]', 'In [6]'].map(seed),
      'show(out); // its autograd graph, on the right: Step runs backward node by node',
    ];
    const pg = await openPlayground(codeHash(cells));
    try {
      const { page } = pg;
      for (let i = 0; i < cells.length; i++) expect(await runCell(page, i)).toBe('ok');
      await page.getByTestId('graph-panel').locator('svg g').first().waitFor();
      await page.evaluate(() => {
        window.scrollTo(0, 0);
      });
      await pg.screenshot('readme');
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });
});
