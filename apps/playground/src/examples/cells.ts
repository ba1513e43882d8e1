/**
 * A notebook as one text: cells separated by a `// %%` line, the cell marker VS Code and
 * Jupytext use for scripts. The URL carries this text, so a link holds every cell.
 */
export const CELL_MARKER = '// %%';

export function joinCells(cells: readonly string[]): string {
  return cells.join(`\n${CELL_MARKER}\n`);
}

export function splitCells(text: string): string[] {
  return text.split(/\r?\n\/\/ %%[^\n]*\r?\n/);
}

/** A cell's source from a template literal: the first and last newlines and the common indent removed. */
export function cell(source: string): string {
  return source.replace(/^\n/, '').replace(/\n\s*$/, '');
}
