import { describe, expect, it } from 'vitest';
import { seedCells } from '@ag/conformance';
import type { Page } from 'playwright-core';
import { joinCells } from '../../src/examples/cells.ts';
import { sharedHash } from '../../src/share.ts';
import { browserAvailable, openPlayground } from './harness.ts';

/**
 * The graph view in the built page: the seed tutorial up to `out = c.sum()` (In [1] to In [6]),
 * then `show(out)`; the five nodes of PyTorch's graph; a step-through of backward in the
 * engine's order, ending with a.grad = 2(a + 2) = 6 everywhere, the seed's In [8] output.
 */
const upToOut = seedCells.slice(0, seedCells.findIndex((c) => c.label === 'In [6]') + 1).map((c) => c.source);
const hash = sharedHash('code', joinCells([...upToOut, 'show(out)']));
/** The seed's a.grad (In [8]), as PyTorch prints it on `device` (it names any device but the CPU). */
const seedAGrad = (backend: string): string =>
  backend === 'cpu' ? 'tensor([[6., 6.], [6., 6.]])' : `tensor([[6., 6.], [6., 6.]], device='${backend}')`;
const onDevice = (backend: string): string => (backend === 'cpu' ? '' : ` device='${backend}',`);

const squash = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim();

async function showOut(page: Page): Promise<void> {
  await page.getByTestId('run-all').click();
  await page.getByTestId('graph-node').first().waitFor({ timeout: 90_000 });
}

/** The names of the drawn nodes, and which kind each is. */
async function drawnNodes(page: Page): Promise<[string, string][]> {
  return page
    .getByTestId('graph-node')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-name') ?? '', e.getAttribute('data-kind') ?? '']));
}

async function stepThrough(page: Page, shot: (name: string) => Promise<void>, backend: string): Promise<string[]> {
  const order: string[] = [];
  const status = page.getByTestId('graph-status');
  for (let i = 0; i < 4; i++) {
    await page.getByTestId('graph-step').click();
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(new RegExp(`node ${i + 1}\\)`));
    const current = page.locator('[data-testid="graph-node"].current');
    order.push((await current.getAttribute('data-name')) ?? '');
    if (i === 1) await shot(`graph-${backend}-step-2`);
  }
  await page.getByTestId('graph-step').click();
  await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/backward\(\) ran 4 nodes/);
  return order;
}

describe.skipIf(!browserAvailable)('the graph view', () => {
  for (const backend of ['cpu', 'webgpu'] as const) {
    it(`draws show(out) and steps through backward to a.grad = 6 (${backend})`, async () => {
      const pg = await openPlayground(hash);
      try {
        const { page } = pg;
        if (backend === 'webgpu') {
          await page.getByTestId('backend').selectOption('webgpu');
          await expect
            .poll(() => page.getByTestId('backend-status').textContent(), { timeout: 90_000 })
            .toMatch(/WebGPU ready/);
        }
        await showOut(page);
        expect(await drawnNodes(page)).toEqual(
          expect.arrayContaining([
            ['SumBackward0', 'function'],
            ['PowBackward0', 'function'],
            ['AddBackward0', 'function'],
            ['AccumulateGrad', 'accumulate'],
            ['tensor', 'leaf'],
          ]),
        );
        const leaf = page.locator('[data-testid="graph-node"][data-kind="leaf"]');
        expect(await leaf.getAttribute('aria-label')).toContain('[2, 2] float32');
        const accumulate = page.locator('[data-testid="graph-node"][data-kind="accumulate"]');
        expect(await accumulate.getAttribute('aria-label')).toBe('AccumulateGrad, [2, 2] float32');
        await pg.screenshot(`graph-${backend}-shown`);

        // The leaf's values, and PowBackward0's saved base b = a + 2, in the details pane.
        await leaf.click();
        expect(squash(await page.getByTestId('graph-detail-tensor').textContent())).toBe(
          `tensor([[1., 1.], [1., 1.]],${onDevice(backend)} requires_grad=True)`,
        );
        await page.locator('[data-testid="graph-node"][data-name="PowBackward0"]').click();
        const saved = page.getByTestId('graph-saved');
        expect(await saved.count()).toBeGreaterThan(0);
        await saved.first().locator('summary').click();
        await expect.poll(async () => squash(await saved.first().textContent())).toContain('[[3., 3.], [3., 3.]]');

        const order = await stepThrough(page, (n) => pg.screenshot(n), backend);
        expect(order).toEqual(['SumBackward0', 'PowBackward0', 'AddBackward0', 'AccumulateGrad']);
        // The leaf is selected at the end; its .grad is the seed's a.grad.
        await expect
          .poll(async () => squash(await page.getByTestId('graph-detail-grad').textContent()))
          .toBe(seedAGrad(backend));
        // Every edge lit: the root's gradient (ones) and the four each node computed.
        expect(await page.getByTestId('graph-edge-grad').count()).toBe(5);
        await pg.screenshot(`graph-${backend}-done`);
        expect(pg.consoleErrors).toEqual([]);
      } finally {
        await pg.close();
      }
    });
  }

  it('runs to the end at once, resets, and fits a phone-width screen', async () => {
    const pg = await openPlayground(hash, { width: 390, height: 844 });
    try {
      const { page } = pg;
      await showOut(page);
      await page.getByTestId('tab-graph').click();
      // Keyboard: a node takes focus and Enter opens its details.
      await page.locator('[data-testid="graph-node"][data-name="AddBackward0"]').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('graph-details').locator('h3').textContent()).toBe('AddBackward0');
      await page.getByTestId('graph-step').click();
      await expect.poll(() => page.getByTestId('graph-status').textContent()).toMatch(/Next: SumBackward0/);
      await page.getByTestId('graph-reset').click(); // abandons the run: no .grad written
      await expect.poll(() => page.getByTestId('graph-status').textContent()).toMatch(/one node at a time/);
      await page.getByTestId('graph-run').click();
      await expect.poll(() => page.getByTestId('graph-status').textContent()).toMatch(/ran 4 nodes/);
      // a.grad is 6, not 12: the abandoned run wrote nothing.
      expect(squash(await page.getByTestId('graph-detail-grad').textContent())).toBe(seedAGrad('cpu'));
      await pg.screenshot('graph-phone', true);
      // The graph view fits the phone's width (the page around it is the shell's).
      const right = await page.getByTestId('graph-view').evaluate((e) => e.getBoundingClientRect().right);
      expect(right).toBeLessThanOrEqual(390);
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });
});
