import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is scripts/release/workspace.ts). */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A binary of the root's devDependencies (publint, attw, tsc, vite...). */
export const bin = (name: string): string => join(root, 'node_modules/.bin', name);

export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  /** The package's folder, absolute. */
  readonly dir: string;
}

/**
 * The packages that are published: every package under packages/ that is not private. Apps,
 * examples and the bench are private, so a new library is released the day it drops `private`.
 */
export function publicPackages(): PublicPackage[] {
  const out: PublicPackage[] = [];
  for (const entry of readdirSync(join(root, 'packages')).sort()) {
    const dir = join(root, 'packages', entry);
    let json: { name: string; version: string; private?: boolean };
    try {
      json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof json;
    } catch {
      continue; // not a package
    }
    if (json.private !== true) out.push({ name: json.name, version: json.version, dir });
  }
  return out;
}
