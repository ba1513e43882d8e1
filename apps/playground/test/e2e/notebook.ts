import type { Page } from 'playwright-core';
import lz from 'lz-string';

/** Helpers the shell's end-to-end tests share: cells, their runs and their outputs. */

/** The hash of a link that carries these cells (the format share.ts and cells.ts write). */
export function codeHash(cells: readonly string[]): string {
  return `#code=${lz.compressToEncodedURIComponent(cells.join('\n// %%\n'))}`;
}

export interface Block {
  kind: string;
  text: string;
  line?: string;
}

/** Every cell's output blocks, in order. */
export function outputs(page: Page): Promise<Block[][]> {
  return page.$$eval('[data-testid=cell]', (cells) =>
    cells.map((c) =>
      [...c.querySelectorAll<HTMLElement>('.cell-output > div')].map((d) => ({
        kind: d.dataset.kind ?? '',
        text: d.textContent,
        ...(d.dataset.line === undefined ? {} : { line: d.dataset.line }),
      })),
    ),
  );
}

/** Every cell's code, as the editors show it. */
export function codes(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=cell]', (cells) =>
    cells.map((c) => [...c.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n')),
  );
}

/** Clicks cell `i`'s Run button (0-based) and waits until the run ends; returns its state. */
export async function runCell(page: Page, i: number, timeout = 60_000): Promise<string> {
  const cell = page.getByTestId('cell').nth(i);
  await cell.getByTestId('cell-run').click();
  try {
    await cell.locator(':scope:not([data-state=running]):not([data-state=idle])').waitFor({ timeout });
  } catch (e) {
    // Say what the cell showed when the wait gave up: a hang and a slow run look different there.
    const state = await cell.getAttribute('data-state');
    const shown = (await outputs(page))[i]?.map((b) => `${b.kind}: ${b.text}`) ?? [];
    throw new Error(`cell ${i} still '${state}' after ${timeout} ms; its output: ${JSON.stringify(shown)}`, {
      cause: e,
    });
  }
  return (await cell.getAttribute('data-state')) ?? '';
}
