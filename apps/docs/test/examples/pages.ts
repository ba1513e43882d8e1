import { readdir, readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractExamples, type Example } from './extract.ts';

/** The site's source folder: every page of both languages (Korean under ko/). */
export const docsDir = fileURLToPath(new URL('../../docs/', import.meta.url));

/**
 * The site's own Markdown pages under its source: VitePress's folder (config, cache, build) and
 * the API reference's pages (api/, written by TypeDoc when the site is generated) aside. The API
 * reference's examples are the TSDoc `@example`s, rendered as written, which tsdoc.ts reads from
 * the sources, so each runs once, named by its source line.
 */
export async function markdownPages(dir: string = docsDir): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => `${e.parentPath}/${e.name}`)
    .filter((path) => {
      const parts = relative(dir, path).split(/[\\/]/);
      return !parts.includes('.vitepress') && parts[0] !== 'api';
    })
    .sort();
}

/** Every example of every page, each named by its page's path relative to the repository's apps/docs. */
export async function allExamples(): Promise<Example[]> {
  const out: Example[] = [];
  for (const page of await markdownPages()) {
    out.push(...extractExamples(await readFile(page, 'utf8'), `docs/${relative(docsDir, page)}`));
  }
  return out;
}
