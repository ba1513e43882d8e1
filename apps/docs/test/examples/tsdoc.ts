import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractExamples, type Example } from './extract.ts';

/**
 * The API reference's examples: TypeDoc renders each TSDoc `@example` section of the packages'
 * sources as it is written, so the examples are read from those sources, in the same format as
 * the pages' (a `ts example` block, then the `text` block of what it prints). An `@example`
 * without a `ts example` block is an error: nothing marked as an example escapes the tests.
 */
const repo = fileURLToPath(new URL('../../../../', import.meta.url));

const docs = join(repo, 'apps/docs');

/**
 * The sources TypeDoc documents: the folders of typedoc.json's entry points (each package's
 * src/), relative to the repository. Its comments are whole `//` lines, dropped before parsing
 * (any other comment makes the parse, and so the tests, fail).
 */
export const apiSources: readonly string[] = (() => {
  const text = readFileSync(join(docs, 'typedoc.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const { entryPoints } = JSON.parse(text) as { entryPoints: string[] };
  return [...new Set(entryPoints.map((e) => relative(repo, dirname(join(docs, e)))))];
})();

/** A comment's text with each line's leading `*` gone, one line per source line. */
function commentLines(lines: readonly string[]): string[] {
  return lines.map((l) =>
    l
      .replace(/^\s*\/\*\*\s?/, '')
      .replace(/^\s*\*\/\s*$/, '')
      .replace(/^\s*\*(?!\/) ?/, '')
      .replace(/\s*\*\/\s*$/, ''),
  );
}

/** The examples of one source file; `file` names it in messages and in each example. */
export function tsdocExamples(source: string, file: string): Example[] {
  const lines = source.split(/\r?\n/);
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\/\*\*/.test(lines[i]!)) continue;
    let end = i;
    while (end < lines.length && !lines[end]!.includes('*/')) end++;
    const text = commentLines(lines.slice(i, end + 1));
    // Each @example section runs to the next block tag or the comment's end.
    text.forEach((l, k) => {
      if (!/^@example\b/.test(l.trim())) return;
      let stop = k + 1;
      while (stop < text.length && !/^@\w/.test(text[stop]!.trim())) stop++;
      // Blank lines before the section keep the examples' line numbers those of the source.
      const section = [...text.slice(0, k + 1).map(() => ''), ...text.slice(k + 1, stop)].join('\n');
      const found = extractExamples(section, file).map((e) => ({ ...e, line: e.line + i }));
      if (found.length === 0)
        throw new Error(
          `${file}:${i + k + 1}: an @example must hold a \`ts example\` block and the \`text\` block it prints`,
        );
      out.push(...found);
    });
    i = end;
  }
  return out;
}

/** Every `@example` of the API reference's sources, named by their path in the repository. */
export async function apiExamples(): Promise<Example[]> {
  const out: Example[] = [];
  for (const dir of apiSources) {
    const files = (await readdir(`${repo}${dir}`, { recursive: true })).filter((f) => f.endsWith('.ts')).sort();
    for (const f of files) {
      const path = `${repo}${dir}/${f}`;
      const source = await readFile(path, 'utf8');
      if (source.includes('@example')) out.push(...tsdocExamples(source, relative(repo, path)));
    }
  }
  return out;
}
