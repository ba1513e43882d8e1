import { expect, it } from 'vitest';
import { relative } from 'node:path';
import { allExamples, docsDir, markdownPages } from './examples/pages.ts';
import { checkExample } from './examples/run.ts';
import { apiExamples } from './examples/tsdoc.ts';

/**
 * Docs are tests: every `ts example` block on the site, in both languages, and every `@example`
 * of the API reference (the TSDoc of the packages' sources), runs on the CPU backend and must
 * print exactly the `text` block under it. A failure names the page or source file and line.
 */
const pageExamples = await allExamples();
const tsdoc = await apiExamples();

it('reads the pages of both languages and the API reference', async () => {
  // The site's own pages: the API reference's (api/) hold the TSDoc examples, counted apart.
  const pages = (await markdownPages()).map((p) => relative(docsDir, p));
  expect(pages).toContain('index.md');
  expect(pages).toContain('ko/index.md');
  expect(tsdoc.length).toBeGreaterThan(0);
  console.info(
    `docs: ${pageExamples.length + tsdoc.length} examples: ${pageExamples.length} on ${pages.length} pages, ${tsdoc.length} in the API reference`,
  );
});

for (const example of [...pageExamples, ...tsdoc]) {
  it(`${example.file}:${example.line}`, async () => {
    const mismatch = await checkExample(example);
    expect(mismatch, mismatch ?? '').toBeNull();
  });
}
