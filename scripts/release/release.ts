import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freshDir, kB, pack } from './pack.ts';
import { bin, publicPackages, root } from './workspace.ts';

/**
 * `pnpm release`: builds, runs the packaging checks, packs every published package into
 * .release/, then publishes them with `changeset publish` (pnpm publish underneath, which applies
 * publishConfig as pnpm pack did), but only when npm has a token and the registry answers.
 * Without them it says which is missing and stops there, successfully: the tarballs are the
 * release candidate.
 */

const run = (cmd: string, args: string[]): void => {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
};

run(bin('turbo'), ['run', 'build', 'check:package', 'test:outside']);

const out = freshDir(join(root, '.release'));
console.log(`\npacked into ${out}:`);
for (const p of publicPackages()) {
  const t = pack(p.dir, out);
  console.log(`  ${p.name}@${p.version}: ${kB(t.packedBytes)}`);
}

/** Why publishing cannot happen here, or null when it can. */
function whyNotPublish(): string | null {
  // npm's own config decides the registry and holds the token (CI writes
  // `//<registry>/:_authToken=${NPM_TOKEN}` into .npmrc). `npm whoami` needs both.
  const npm = (args: string[]) => spawnSync('npm', args, { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const ping = npm(['ping']);
  if (ping.status !== 0) return `the npm registry does not answer (npm ping: ${(ping.stderr || ping.stdout).trim()})`;
  const whoami = npm(['whoami']);
  if (whoami.status !== 0)
    return 'npm has no token the registry accepts (npm whoami failed): `npm login`, or an _authToken line in .npmrc';
  return null;
}

const reason = whyNotPublish();
if (reason !== null) {
  console.log(`\nnot publishing: ${reason}. The tarballs in .release/ are what would be published.`);
} else {
  run(bin('changeset'), ['publish']);
}
