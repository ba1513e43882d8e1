import type { RunOutput } from '../worker/client.ts';

/**
 * A cell's output area, as a notebook shows it: one block per print, the last value's repr, and
 * errors with the line of the cell they came from. Each block carries `data-kind` (print, result,
 * error, warning, info) so tests and styles can tell them apart.
 */
const MAX_BLOCKS = 1000;

export function appendOutput(area: HTMLElement, out: RunOutput): void {
  // A loop that prints every step would grow the page without bound: past the limit only errors
  // (and one note saying so) are added.
  if (area.childElementCount >= MAX_BLOCKS && out.kind !== 'error') {
    if (area.querySelector('[data-kind=truncated]') === null) {
      appendNote(area, `Output truncated: a cell shows its first ${MAX_BLOCKS} outputs and its errors.`, 'truncated');
    }
    return;
  }
  const block = document.createElement('div');
  block.className = out.kind;
  block.dataset.kind = out.kind;
  block.textContent = out.text;
  area.append(block);
  if (out.kind === 'error' && out.line !== undefined) {
    block.dataset.line = String(out.line);
    appendNote(area, `at line ${out.line} of this cell`, 'where');
  }
}

/** A note from the page itself (stopped, restarted), not printed by the code. */
export function appendNote(area: HTMLElement, text: string, kind = 'info'): void {
  const block = document.createElement('div');
  block.className = 'info';
  block.dataset.kind = kind;
  block.textContent = text;
  area.append(block);
}
