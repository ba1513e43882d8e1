import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Tarball {
  /** The .tgz, absolute. */
  readonly file: string;
  /** Its size on disk (what npm downloads). */
  readonly packedBytes: number;
}

/**
 * Packs the package in `dir` into `dest` with pnpm, as `pnpm publish` would: `workspace:`
 * ranges become versions and `publishConfig` replaces `exports` (dropping the `@ag/source`
 * condition, whose sources are not in the tarball). npm pack would do neither.
 */
export function pack(dir: string, dest: string): Tarball {
  mkdirSync(dest, { recursive: true });
  const before = new Set(readdirSync(dest));
  execFileSync('pnpm', ['pack', '--pack-destination', dest], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const made = readdirSync(dest).filter((f) => f.endsWith('.tgz') && !before.has(f));
  if (made.length !== 1) throw new Error(`pack: expected one new tarball in ${dest} from ${dir}, found ${made.length}`);
  const file = join(dest, made[0]!);
  return { file, packedBytes: statSync(file).size };
}

/** A fresh empty folder (removed first if it exists). */
export function freshDir(path: string): string {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
}

/** "12.3 kB" (kilobytes of 1000 bytes, as npm and size-limit count them). */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
