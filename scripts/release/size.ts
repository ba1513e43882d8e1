import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sizeLimit from 'size-limit';
import smallLib from '@size-limit/preset-small-lib';
import { kB } from './pack.ts';

/**
 * The size budgets of a package: its `.size-limit.json`, in size-limit's own format (`name`,
 * `path`, `limit`, `ignore`), measured with size-limit's preset for libraries (bundled, minified;
 * gzipped, as the budgets are stated). size-limit's CLI needs Node 22 (it imports `glob` from
 * `node:fs/promises`), so this calls its API, which runs on Node 20.
 */

interface Budget {
  readonly name: string;
  readonly path: string | string[];
  readonly limit: string;
  readonly ignore?: string[];
}

export interface Measured {
  readonly name: string;
  readonly bytes: number;
  readonly limitBytes: number;
}

/** "100 kB" -> 100000 (size-limit counts kB as 1000 bytes). */
export function parseLimit(limit: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|kB|MB)$/.exec(limit.trim());
  if (m === null) throw new Error(`size budget: limit '${limit}' is not a size like '100 kB' (B, kB or MB)`);
  return Number(m[1]) * { B: 1, kB: 1e3, MB: 1e6 }[m[2] as 'B' | 'kB' | 'MB'];
}

/** Measures every budget of the package in `dir` (none when it has no .size-limit.json). */
export async function measureBudgets(dir: string): Promise<Measured[]> {
  const config = resolve(dir, '.size-limit.json');
  if (!existsSync(config)) return [];
  const budgets = JSON.parse(readFileSync(config, 'utf8')) as Budget[];
  const out: Measured[] = [];
  for (const b of budgets) {
    const files = (Array.isArray(b.path) ? b.path : [b.path]).map((p) => resolve(dir, p));
    for (const f of files)
      if (!existsSync(f)) throw new Error(`size budget '${b.name}': ${f} is missing (build first)`);
    // The API takes size-limit's internal config (`files`, not `path`) and gives one result a check.
    const results = (await sizeLimit([smallLib], {
      cwd: dir,
      checks: [{ name: b.name, files, gzip: true, ...(b.ignore ? { ignore: b.ignore } : {}) }],
    })) as { size?: number }[];
    const bytes = results[0]?.size;
    if (bytes === undefined) throw new Error(`size budget '${b.name}': size-limit measured nothing`);
    out.push({ name: b.name, bytes, limitBytes: parseLimit(b.limit) });
  }
  return out;
}

/** One line per budget, and whether all are met. */
export function reportBudgets(measured: readonly Measured[]): { lines: string[]; ok: boolean } {
  const lines = measured.map(
    (m) => `${m.bytes <= m.limitBytes ? 'ok  ' : 'OVER'} ${m.name}: ${kB(m.bytes)} (budget ${kB(m.limitBytes)})`,
  );
  return { lines, ok: measured.every((m) => m.bytes <= m.limitBytes) };
}
