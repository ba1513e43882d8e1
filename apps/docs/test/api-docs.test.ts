import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('../', import.meta.url));

/**
 * The API reference's rule, with the site's own TypeDoc options (typedoc.json): an exported
 * symbol without a TSDoc comment fails the docs build, naming the symbol.
 */
it('fails the API reference on an undocumented export, naming it', async () => {
  const out = await mkdtemp(join(tmpdir(), 'ag-typedoc-'));
  const fixture = join(pkg, 'test/fixtures/undocumented');
  // The site's options, with the fixture for entry point (an options file's own `tsconfig`
  // would win over a command-line one, so the fixture's options extend the site's).
  const options = join(out, 'typedoc.json');
  const own = { entryPoints: [`${fixture}/index.ts`], tsconfig: `${fixture}/tsconfig.json`, out: join(out, 'api') };
  await writeFile(options, JSON.stringify({ extends: [join(pkg, 'typedoc.json')], ...own }));
  const run = promisify(execFile)(join(pkg, 'node_modules/.bin/typedoc'), ['--options', options], { cwd: pkg });
  try {
    // TypeDoc exits non-zero and names the export on stderr; null would mean the build passed.
    const stderr = await run.then(
      () => null,
      (e: unknown) => (e as { stderr: string }).stderr,
    );
    expect(stderr).toMatch(/undocumentedExport .*does not have any documentation/);
    expect(stderr).not.toMatch(/\bdocumented\b.*does not have/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 120_000);
