import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('../', import.meta.url));

/**
 * TypeDoc with the site's own options (typedoc.json) on a fixture: its stderr when the build
 * fails, null when it passes. The fixture's options extend the site's (an options file's own
 * `tsconfig` would win over a command-line one).
 */
async function typedocFails(name: string): Promise<string | null> {
  const out = await mkdtemp(join(tmpdir(), 'ag-typedoc-'));
  const fixture = join(pkg, 'test/fixtures', name);
  const options = join(out, 'typedoc.json');
  const own = { entryPoints: [`${fixture}/index.ts`], tsconfig: `${fixture}/tsconfig.json`, out: join(out, 'api') };
  await writeFile(options, JSON.stringify({ extends: [join(pkg, 'typedoc.json')], ...own }));
  const run = promisify(execFile)(join(pkg, 'node_modules/.bin/typedoc'), ['--options', options], { cwd: pkg });
  try {
    return await run.then(
      () => null,
      (e: unknown) => (e as { stderr: string }).stderr,
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The API reference's rule: an exported symbol without a TSDoc comment fails the docs build, naming the symbol. */
it('fails the API reference on an undocumented export, naming it', async () => {
  const stderr = await typedocFails('undocumented');
  expect(stderr).toMatch(/undocumentedExport .*does not have any documentation/);
  expect(stderr).not.toMatch(/\bdocumented\b.*does not have/);
}, 120_000);

/** A `{@link}` to nothing is an error too (warnings are errors), naming the target and the comment. */
it('fails the API reference on a broken link, naming it', async () => {
  const stderr = await typedocFails('broken-link');
  expect(stderr).toMatch(/Failed to resolve link to "nowhereAtAll" in comment for linked/);
  expect(stderr).not.toMatch(/"linked"/);
}, 120_000);
