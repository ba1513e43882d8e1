import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../../src/examples/index.ts';
import { browserAvailable, openPlayground, type Playground } from './harness.ts';
import { outputs } from './notebook.ts';

// The values are checked by mathematics in test/examples.test.ts (Node); here every example runs
// in the page, from the menu, with Run all, and prints no error.
describe.skipIf(!browserAvailable)('the examples menu', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await openPlayground();
  });
  afterAll(async () => {
    await pg.close();
  });

  for (const ex of examples.filter((e) => e.id !== 'seed')) {
    it(`${ex.title}: Run all runs every cell`, async () => {
      const { page } = pg;
      await page.getByTestId('examples').selectOption(ex.id);
      await expect.poll(() => page.getByTestId('cell').count()).toBe(ex.cells.length);
      await page.getByTestId('run-all').click();
      await page.locator('[data-testid=cell]').last().locator(':scope[data-state=ok]').waitFor({ timeout: 60_000 });
      const blocks = (await outputs(page)).flat();
      expect(blocks.filter((b) => b.kind === 'error')).toEqual([]);
      expect(blocks.length).toBeGreaterThan(0);
      if (ex.id === 'training') await pg.screenshot('example-training');
    });
  }

  it('logged no console errors', () => {
    expect(pg.consoleErrors).toEqual([]);
  });
});
