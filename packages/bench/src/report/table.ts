import type { BenchResults, ContenderResult } from '../results.js';
import { cellText, header, line, machineLine, ratio, sig3, speedup } from './format.js';
import { headToHeadMarkdown } from './head-to-head.js';

/**
 * The Markdown report: the machine, a table of medians (one column per contender), then for each
 * ag contender that ran, its speed-up over every peer (above 1: ag is faster), then memory; then
 * the head-to-head pairs, when they ran.
 */
export function markdown(r: BenchResults): string {
  const out: string[] = [`# ag benchmark`, '', machineLine(r.machine)];
  if (r.contenders.length > 0) out.push(...separate(r));
  if (r.headToHead !== undefined) out.push('', ...headToHeadMarkdown(r.headToHead));
  return out.join('\n') + '\n';
}

/** Each contender in its own process, one after another. */
function separate(r: BenchResults): string[] {
  const cs = r.contenders;
  const out: string[] = [
    '',
    'Medians after a warm-up; every run reads its result back to JavaScript. Lower is better except GFLOP/s. ' +
      'n/a: the contender lacks the op or could not run (reason given); –: work the contender does not take part in.',
    '',
    ...mediansTable(r),
  ];
  for (const a of cs.filter((c) => c.name.startsWith('ag ') && c.unavailable === undefined)) {
    const peers = cs.filter((c) => !c.name.startsWith('ag ') && c.unavailable === undefined);
    out.push(
      '',
      `## ${a.name}: times faster than each peer (above 1: ag is faster)`,
      '',
      header(['work', ...peers.map((p) => p.name)]),
    );
    for (const row of r.rows) {
      out.push(
        line([row.label, ...peers.map((p) => ratio(speedup(a.cells[row.id], p.cells[row.id], row.higherIsBetter)))]),
      );
    }
  }
  out.push(
    '',
    '## Memory (whole run of each contender, in its own process)',
    '',
    header(['contender', 'peak RSS growth, MiB', 'heap growth after GC, MiB', 'library', 'note']),
  );
  for (const c of cs)
    out.push(
      line([
        c.name,
        sig3(c.memory.peakRssMiB),
        sig3(c.memory.heapDeltaMiB),
        library(c),
        c.unavailable ? `unavailable: ${c.unavailable}` : c.note,
      ]),
    );
  return out;
}

/**
 * The table of medians: one row per work, one column per contender. `head` names the first two
 * columns (the docs' performance guide shows the table in its own language).
 */
export function mediansTable(r: BenchResults, head: readonly [string, string] = ['work', 'unit']): string[] {
  const cs = r.contenders;
  return [
    header([...head, ...cs.map((c) => c.name)]),
    ...r.rows.map((row) =>
      line([row.label, row.unit, ...cs.map((c) => (c.unavailable ? 'n/a' : cellText(c.cells[row.id])))]),
    ),
  ];
}

function library(c: ContenderResult): string {
  const entries = Object.entries(c.memory.library);
  return entries.length === 0 ? '–' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}
