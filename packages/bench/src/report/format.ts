import type { Machine } from '../machine.js';
import type { Cell } from '../results.js';

/** The reason for work a contender does not take part in (a plain loop has no autograd): shown as a dash. */
export const NOT_OFFERED = 'not offered';

/** Three significant digits, without an exponent for the magnitudes a benchmark shows. */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

export function cellText(c: Cell | undefined): string {
  if (c === undefined || ('na' in c && c.na === NOT_OFFERED)) return '–';
  return 'na' in c ? `n/a (${c.na})` : sig3(c.value);
}

/**
 * How many times faster `a` is than `b` (above 1: `a` is faster), whatever the unit's direction;
 * undefined when either is missing.
 */
export function speedup(a: Cell | undefined, b: Cell | undefined, higherIsBetter: boolean): number | undefined {
  if (a === undefined || b === undefined || 'na' in a || 'na' in b) return undefined;
  return higherIsBetter ? a.value / b.value : b.value / a.value;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A ratio as the tables show it; a dash when there is none. */
export function ratio(x: number | undefined): string {
  return x === undefined ? '–' : `${sig3(x)}x`;
}

/** A Markdown table's header row and its rule. */
export function header(cells: string[]): string {
  return `${line(cells)}\n${line(cells.map(() => '---'))}`;
}

export function line(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** When and where a table was measured, and how loaded the machine was. */
export function machineLine(m: Machine): string {
  return `${m.date} · ${m.cpu} · ${m.cores} cores · ${m.memoryGiB} GiB · Node ${m.node} · ${m.platform} · load ${m.loadAverage}`;
}
