import { seedCells } from '@ag/conformance';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from './browser.ts';
import { browserAvailable, openPlayground, type Playground } from './harness.ts';
import { codeHash, codes, outputs, runCell, type Block } from './notebook.ts';

/** What a cell shows that PyTorch would print: its prints, its last value and its errors (not warnings or notes). */
const printed = (blocks: Block[]): string[] =>
  blocks.filter((b) => b.kind === 'print' || b.kind === 'result' || b.kind === 'error').map((b) => b.text);

function onCpu(text: string): string {
  if (text.startsWith('tensor(')) expect(text).toContain("device='webgpu'");
  return text.replace(/, device='webgpu'/g, '');
}

/** Runs the seed tutorial cell by cell and compares every output with the seed's expected lines. */
async function runSeed(pg: Playground, webgpu = false): Promise<void> {
  for (let i = 0; i < seedCells.length; i++) await runCell(pg.page, i);
  const all = await outputs(pg.page);
  seedCells.forEach((cell, i) => {
    // PyTorch prints a tensor's device when it is not the CPU (device='cuda:0'); so does ag, and the
    // conformance suite compares the rest, as here.
    const got = printed(all[i]!).map((text) => (webgpu ? onCpu(text) : text));
    expect(got, cell.label).toHaveLength(cell.expected.length);
    cell.expected.forEach((want, j) => {
      if (typeof want === 'string') expect(got[j], `${cell.label} line ${j}`).toBe(want);
      else expect(got[j], `${cell.label} line ${j}`).toMatch(want);
    });
  });
}

describe.skipIf(!browserAvailable)('the notebook', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await openPlayground();
  });
  afterAll(async () => {
    await pg.close();
  });

  it("runs the seed tutorial cell by cell and prints the seed's outputs on the CPU, then on WebGPU", async () => {
    const { page } = pg;
    await runSeed(pg);
    // A warning (reading a non-leaf's .grad) shows beside the cell that caused it.
    expect((await outputs(page))[8]!.some((b) => b.kind === 'warning' && b.text.includes('not a leaf'))).toBe(true);
    await pg.screenshot('seed-cpu');

    await page.getByTestId('backend').selectOption('webgpu');
    await expect
      .poll(() => page.getByTestId('backend-status').textContent(), { timeout: 60_000 })
      .toMatch(/WebGPU ready · adapter: \S/);
    await runSeed(pg, true);
    await pg.screenshot('seed-webgpu');
    await page.getByTestId('backend').selectOption('cpu');
    await expect.poll(() => page.getByTestId('backend-status').textContent(), { timeout: 60_000 }).toMatch(/CPU ready/);
    expect(pg.consoleErrors).toEqual([]);
  });
});

describe.skipIf(!browserAvailable)('runs that go wrong', () => {
  it('stops an endless loop at once, says the variables are gone, and runs the next cell', async () => {
    const pg = await openPlayground(codeHash(['let n = 41;', 'while (true) {}', 'n + 1', '6 * 7']));
    try {
      const { page } = pg;
      expect(await runCell(page, 0)).toBe('ok');
      const loop = page.getByTestId('cell').nth(1);
      await loop.getByTestId('cell-run').click();
      await loop.locator(':scope[data-state=running]').waitFor();
      await page.waitForTimeout(300);
      await page.getByTestId('stop').click();
      await loop.locator(':scope[data-state=stopped]').waitFor({ timeout: 5000 });
      expect((await outputs(page))[1]!.map((b) => b.text).join('\n')).toMatch(/Stopped.*variables.*gone/);
      // The fresh worker has no `n`; a cell that needs nothing runs.
      expect(await runCell(page, 2)).toBe('error');
      expect(printed((await outputs(page))[2]!)).toEqual(['ReferenceError: n is not defined']);
      expect(await runCell(page, 3)).toBe('ok');
      expect(printed((await outputs(page))[3]!)).toEqual(['42']);
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });

  it('shows a syntax error and a runtime error with the line in the cell', async () => {
    const cells = [
      'const a = [1, 2];\nconst b = a.length;\nconst c = (a;',
      "import { ones } from '@ag/core';\nconst t = ones([2, 3]);\nt.matmul(ones([2, 3]));",
      'const o: any = undefined;\nprint(1);\no.field;',
    ];
    const pg = await openPlayground(codeHash(cells));
    try {
      const { page } = pg;
      expect(await runCell(page, 0)).toBe('error');
      expect(await runCell(page, 1)).toBe('error');
      expect(await runCell(page, 2)).toBe('error');
      const [syntax, matmul, runtime] = await outputs(page);
      expect(syntax![0]).toMatchObject({ kind: 'error', line: '3' });
      expect(syntax![0]!.text).toMatch(/^SyntaxError: /);
      expect(matmul![0]).toMatchObject({ kind: 'error', line: '3' });
      expect(matmul![0]!.text).toMatch(/^ShapeError: matmul.*\[2, 3\]/);
      expect(runtime!.map((b) => b.kind)).toEqual(['print', 'error', 'where']);
      expect(runtime![1]).toMatchObject({ line: '3' });
      expect(runtime![2]!.text).toBe('at line 3 of this cell');
      // The line is marked in each cell's editor.
      const marked = await page.$$eval('[data-testid=cell]', (cs) =>
        cs.map((c) => [...c.querySelectorAll('.cm-line')].findIndex((l) => l.classList.contains('cm-error-line')) + 1),
      );
      expect(marked).toEqual([3, 3, 3]);
      await pg.screenshot('errors');
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });
});

describe.skipIf(!browserAvailable)('sharing', () => {
  it('a shared link loads the same code and runs nothing; Share writes the link', async () => {
    const cells = [
      "import { tensor } from '@ag/core';\nprint(tensor([1, 2]).mul(3));",
      'const s = "a & b = c + d";\ns',
    ];
    const pg = await openPlayground(codeHash(cells));
    try {
      const { page } = pg;
      expect(await codes(page)).toEqual(cells);
      expect(await page.getByTestId('examples').inputValue()).toBe('shared');
      await page.waitForTimeout(500);
      expect((await outputs(page)).flat()).toEqual([]);
      expect(await page.locator('[data-testid=cell]:not([data-state=idle])').count()).toBe(0);

      await page.getByTestId('examples').selectOption('broadcasting');
      await page.getByTestId('share').click();
      await expect.poll(() => page.getByTestId('share-status').textContent()).toMatch(/link/i);
      const link = page.url();
      const other = await openPlayground(new URL(link).hash);
      try {
        expect(await codes(other.page)).toEqual(await codes(page));
      } finally {
        await other.close();
      }
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });
});

describe.skipIf(!browserAvailable)('the editor', () => {
  it("completes ag's exports and a Tensor's methods, and Ctrl+Enter runs the cell", async () => {
    const pg = await openPlayground(codeHash(["import { ones } from '@ag/core';\nconst t = ones([2, 3]);"]));
    try {
      const { page } = pg;
      expect(await runCell(page, 0)).toBe('ok');
      await page.getByTestId('add-cell').click();
      const editor = page.getByTestId('cell').nth(1).locator('.cm-content');
      await editor.click();
      await page.keyboard.type('t.resh');
      await expect
        .poll(() => page.locator('.cm-tooltip-autocomplete .cm-completionLabel').allTextContents())
        .toContain('reshape');
      // CodeMirror ignores Enter for 75 ms after the list opens (interactionDelay), so a fast typist keeps a newline.
      await page.waitForTimeout(150);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await codes(page))[1]).toBe('t.reshape');
      await page.keyboard.type('([3, 2]).sha');
      await expect
        .poll(() => page.locator('.cm-tooltip-autocomplete .cm-completionLabel').allTextContents())
        .toContain('shape');
      await page.waitForTimeout(150);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await codes(page))[1]).toBe('t.reshape([3, 2]).shape');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('cell').nth(1).locator(':scope[data-state=ok]').waitFor();
      expect(printed((await outputs(page))[1]!)).toEqual(['[3, 2]']);
      // A name of @ag/core that the cell has not imported yet.
      await page.getByTestId('add-cell').click();
      await page.getByTestId('cell').nth(2).locator('.cm-content').click();
      await page.keyboard.type('manualSe');
      await expect
        .poll(() => page.locator('.cm-tooltip-autocomplete .cm-completionLabel').allTextContents())
        .toContain('manualSeed');
      await page.keyboard.press('Escape');
      // Delete removes that cell and keeps the others.
      await page.getByTestId('cell').nth(2).getByTestId('cell-delete').click();
      expect(await codes(page)).toEqual([expect.stringContaining('ones([2, 3])'), 't.reshape([3, 2]).shape']);
      expect(pg.consoleErrors).toEqual([]);
    } finally {
      await pg.close();
    }
  });

  it('without navigator.gpu the picker says so and the page stays on the CPU', async () => {
    const pg = await openPlayground('', undefined, 'delete Navigator.prototype.gpu;');
    try {
      const option = pg.page.locator('[data-testid=backend] option[value=webgpu]');
      expect(await option.isDisabled()).toBe(true);
      expect(await option.textContent()).toMatch(/not in this browser/);
      expect(await pg.page.getByTestId('backend').inputValue()).toBe('cpu');
      expect(await runCell(pg.page, 0)).toBe('ok');
      expect(await runCell(pg.page, 1)).toBe('ok');
    } finally {
      await pg.close();
    }
  });
});

describe.skipIf(!browserAvailable)('a long output', () => {
  it('keeps the first 1000 blocks, says it truncated, and still shows a later error', async () => {
    const pg = await openPlayground(codeHash(["for (let i = 0; i < 3000; i++) print(i);\nthrow new Error('late');"]));
    try {
      expect(await runCell(pg.page, 0)).toBe('error');
      const [blocks] = await outputs(pg.page);
      expect(blocks!.filter((b) => b.kind === 'print')).toHaveLength(1000);
      expect(blocks!.filter((b) => b.kind === 'truncated')).toHaveLength(1);
      expect(blocks!.find((b) => b.kind === 'error')).toMatchObject({ text: 'Error: late', line: '2' });
    } finally {
      await pg.close();
    }
  });
});

describe.skipIf(!browserAvailable)('a browser whose WebGPU has no adapter', () => {
  it('says so when WebGPU is picked and stays on the CPU', async () => {
    // Headless Chromium without --enable-unsafe-webgpu has navigator.gpu but no adapter.
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'),
    });
    try {
      const page = await browser.newPage();
      await page.goto(inject('playgroundUrl'));
      await page
        .getByTestId('backend-status')
        .filter({ hasText: /CPU ready/ })
        .waitFor();
      await page.getByTestId('backend').selectOption('webgpu');
      await expect
        .poll(() => page.getByTestId('backend-status').textContent(), { timeout: 30_000 })
        .toMatch(/^CPU ready · matmul: \S+ \(WebGPU unavailable: webgpu: requestAdapter\(\) found no GPU adapter/);
      expect(await page.getByTestId('backend').inputValue()).toBe('cpu');
      expect(await runCell(page, 0)).toBe('ok');
    } finally {
      await browser.close();
    }
  });
});
