import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConformanceResults } from '../../../packages/conformance/scripts/results-reporter.ts';
import { BACKENDS, type Family, type Recorded } from './conformance-page.ts';

/**
 * What the conformance page is made of: the suite's op families, one per case file of
 * @ag/conformance (src/cases/<family>.ts, its cases in the file's order), and each backend's
 * recorded results (packages/conformance/results/<backend>.json), null where none is recorded.
 * Both are found from @ag/conformance's own source folder (the workspace's `@ag/source` export).
 */
const conformanceSrc = dirname(fileURLToPath(import.meta.resolve('@ag/conformance')));

/** Every case id an export of a case module holds: arrays of cases (objects with a string `id`). */
function caseIds(module: Record<string, unknown>): string[] {
  return Object.values(module)
    .filter(Array.isArray)
    .flatMap((list: unknown[]) =>
      list.flatMap((c) =>
        typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string'
          ? [(c as { id: string }).id]
          : [],
      ),
    );
}

/** The suite's families, in file-name order, each with its ids in the order the file lists them. */
export async function conformanceFamilies(): Promise<Family[]> {
  const dir = join(conformanceSrc, 'cases');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && f !== 'index.ts').sort();
  const families: Family[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    const ids = [...new Set(caseIds(module))];
    if (ids.length > 0) families.push({ name: file.replace(/\.ts$/, ''), ids });
  }
  return families;
}

/** Each backend's recorded results, in BACKENDS' order. */
export async function recordedResults(dir: string = join(conformanceSrc, '../results')): Promise<Recorded[]> {
  return Promise.all(
    BACKENDS.map(async (b) => {
      const file = join(dir, `${b.file}.json`);
      if (!existsSync(file)) return null;
      const json = JSON.parse(await readFile(file, 'utf8')) as ConformanceResults;
      return json.cases;
    }),
  );
}
