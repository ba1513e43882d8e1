import { seedCells, type SeedScope } from '@ag/conformance';
import { playgroundLink } from './playground-link.ts';
import { prose, type Lang } from './tutorial-prose.ts';

/** One cell as the page shows it: its code and the lines it prints. */
export interface ShownCell {
  label: string;
  source: string;
  printed: string[];
}

/**
 * Runs the seed's cells in order (a backend must be registered) and returns what each prints,
 * checked against the seed's expected output: a string must match exactly, a RegExp (an error
 * message, whose text is ours) must match. A mismatch throws, so a build never shows output the
 * code does not print. Shown lines are the seed's own where the seed gives the text.
 */
export async function runSeedCells(): Promise<ShownCell[]> {
  const scope: SeedScope = {};
  const shown: ShownCell[] = [];
  for (const cell of seedCells) {
    const printed = await cell.run(scope);
    if (printed.length !== cell.expected.length)
      throw new Error(
        `tutorial: ${cell.label} printed ${printed.length} lines, the seed expects ${cell.expected.length}`,
      );
    const lines = cell.expected.map((want, i) => {
      const got = printed[i]!;
      const ok = typeof want === 'string' ? got === want : want.test(got);
      if (!ok)
        throw new Error(`tutorial: ${cell.label} printed ${JSON.stringify(got)}, the seed expects ${String(want)}`);
      return typeof want === 'string' ? want : got;
    });
    shown.push({ label: cell.label, source: cell.source, printed: lines });
  }
  return shown;
}

/** The tutorial page in `lang`: each cell's code, its output and a link opening it in the playground. */
export function tutorialPage(lang: Lang, cells: readonly ShownCell[], base?: string): string {
  const p = prose[lang];
  const out = [`# ${p.title}`, '', p.intro, ''];
  cells.forEach((cell, i) => {
    // The link carries every cell up to this one: a cell uses the variables the earlier ones made.
    const link = playgroundLink(
      cells.slice(0, i + 1).map((c) => c.source),
      base,
    );
    out.push(`## ${cell.label}`, '', '```ts', cell.source, '```', '');
    if (cell.printed.length > 0) out.push(`**${p.output}**`, '', '```text', cell.printed.join('\n'), '```', '');
    const note = p.notes[cell.label];
    if (note !== undefined) out.push(note, '');
    out.push(`[${p.open}](${link})`, '');
  });
  return out.join('\n');
}
