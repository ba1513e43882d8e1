import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, type Tarball } from './pack.ts';
import { publicPackages, root } from './workspace.ts';

/** The user's project of the outside-in test: a temporary folder outside the workspace. */
export interface ConsumerProject {
  readonly dir: string;
  readonly tarballs: ReadonlyMap<string, Tarball>;
}

/**
 * Packs every published package and installs the tarballs with npm into a copy of
 * scripts/release/consumer in a fresh temporary folder (outside the workspace, so nothing
 * resolves through pnpm's links or the `@ag/source` condition). npm reads its registry from the
 * machine's own configuration, for the packages' own dependencies (@webgpu/types).
 */
export function makeConsumerProject(): ConsumerProject {
  const base = mkdtempSync(join(tmpdir(), 'ag-outside-in-'));
  const tarballs = new Map<string, Tarball>();
  for (const p of publicPackages()) tarballs.set(p.name, pack(p.dir, join(base, 'tarballs')));
  const dir = join(base, 'project');
  cpSync(join(root, 'scripts/release/consumer'), dir, { recursive: true });
  npm(dir, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...[...tarballs.values()].map((t) => t.file)]);
  return { dir, tarballs };
}

/** npm as a user runs it: without the npm_* variables pnpm sets for scripts, so npm reads its own config. */
function npm(cwd: string, args: string[]): void {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  execFileSync('npm', args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

export type Resolution = 'bundler' | 'node16' | 'nodenext';

/**
 * Writes a tsconfig for one moduleResolution and type-checks the consumer's TypeScript with it,
 * the published declarations included (`skipLibCheck: false`: a broken .d.ts fails here, as it
 * would in a strict user's project). Under nodenext a CommonJS module (.cts) imports ag too.
 * Returns tsc's output ('' when it passes).
 */
export function typecheck(project: ConsumerProject, resolution: Resolution): string {
  const files = resolution === 'nodenext' ? ['consumer.ts', 'consumer.cts'] : ['consumer.ts'];
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      lib: ['es2023', 'dom'],
      module: resolution === 'bundler' ? 'esnext' : resolution,
      moduleResolution: resolution,
      types: [],
      skipLibCheck: false,
    },
    files,
  };
  const name = `tsconfig.${resolution}.json`;
  writeFileSync(join(project.dir, name), JSON.stringify(config, null, 2));
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', name], { cwd: project.dir, stdio: 'pipe' });
    return '';
  } catch (e) {
    const { stdout, stderr } = e as { stdout: Buffer; stderr: Buffer };
    return `${stdout.toString()}${stderr.toString()}` || String(e);
  }
}

/** Runs a script of the project with Node; its stdout (throws with stderr on failure). */
export function runNode(project: ConsumerProject, script: string): string {
  return execFileSync(process.execPath, [script], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}
