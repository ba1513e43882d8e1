import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const pkg = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the site as `pnpm docs:build` does (the generated pages, then VitePress, whose build
 * fails on a dead internal link) into a fresh temporary folder: turbo may run the package's own
 * build into docs/.vitepress/dist at the same time. Resolves to that folder.
 */
export async function buildSite(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'ag-docs-'));
  const opts = { cwd: pkg, maxBuffer: 64 * 1024 * 1024 };
  await run('pnpm', ['run', '--silent', 'generate'], opts);
  await run(join(pkg, 'node_modules/.bin/vitepress'), ['build', 'docs', '--outDir', out], opts);
  return out;
}
