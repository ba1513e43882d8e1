import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { bin } from './workspace.ts';
import { kB, pack } from './pack.ts';
import { measureBudgets, reportBudgets } from './size.ts';

/**
 * `pnpm check:package` in a published package (turbo runs it after the build): packs it as it
 * would be published, then checks the tarball itself, not the folder:
 * - publint --strict: exports, files, types and metadata as npm and bundlers read them;
 * - attw with the `esm-only` profile: the types resolve under node16 (ESM), nodenext and bundler.
 *   The packages are ESM only and CommonJS loads them through Node's require(esm), so the
 *   CommonJS resolutions of node10 and node16, which assume a CommonJS build, are left out;
 *   the outside-in test (scripts/release/test) proves require() and nodenext from CommonJS;
 * - the size budgets of .size-limit.json, if it has one.
 */
const dir = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'ag-check-package-'));
try {
  const tarball = pack(dir, tmp);
  console.log(`${basename(tarball.file)}: ${kB(tarball.packedBytes)} packed`);
  execFileSync(bin('publint'), ['run', '--strict', tarball.file], { stdio: 'inherit' });
  execFileSync(bin('attw'), ['--profile', 'esm-only', '--no-emoji', '--format', 'table-flipped', tarball.file], {
    stdio: 'inherit',
  });
  const { lines, ok } = reportBudgets(await measureBudgets(dir));
  for (const line of lines) console.log(line);
  if (!ok) {
    console.error('check:package: a size budget is exceeded (.size-limit.json)');
    process.exitCode = 1;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
