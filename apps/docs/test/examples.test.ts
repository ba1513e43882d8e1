import { expect, it } from 'vitest';
import { relative } from 'node:path';
import { allExamples, docsDir, markdownPages } from './examples/pages.ts';
import { checkExample } from './examples/run.ts';

/**
 * Docs are tests: every `ts example` block on the site, in both languages, runs on the CPU
 * backend and must print exactly the `text` block under it. A failure names the page and line.
 */
const examples = await allExamples();

it('reads the pages of both languages', async () => {
  const pages = (await markdownPages()).map((p) => relative(docsDir, p));
  expect(pages).toContain('index.md');
  expect(pages).toContain('ko/index.md');
  console.info(`docs: ${examples.length} examples on ${pages.length} pages`);
});

for (const example of examples) {
  it(`${example.file}:${example.line}`, async () => {
    const mismatch = await checkExample(example);
    expect(mismatch, mismatch ?? '').toBeNull();
  });
}
