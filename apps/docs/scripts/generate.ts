import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import type { BenchResults } from '../../../packages/bench/src/results.ts';
import { benchSection } from './bench-section.ts';
import { conformanceFamilies, recordedResults } from './conformance-data.ts';
import { conformancePage } from './conformance-page.ts';
import { runSeedCells, tutorialPage } from './tutorial-page.ts';

/**
 * Writes the site's generated pages before VitePress builds or serves it: the tutorial in both
 * languages from @ag/conformance's seedCells (run here, their output checked against the seed's),
 * the conformance matrix from the outcomes the backends recorded (packages/conformance/results),
 * and the performance guide's results from `pnpm bench`'s latest run (packages/bench/results: the
 * section the guide includes from .vitepress/generated/, and the chart, copied to public/generated/).
 * The generated files are ignored by git.
 */
const docs = fileURLToPath(new URL('../docs/', import.meta.url));

async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(`${docs}${path}`), { recursive: true });
  await writeFile(`${docs}${path}`, text);
}

registerBackend(cpu());
const cells = await runSeedCells();
await write('tutorial.md', tutorialPage('en', cells));
await write('ko/tutorial.md', tutorialPage('ko', cells));

const [families, recorded] = await Promise.all([conformanceFamilies(), recordedResults()]);
await write('conformance.md', conformancePage('en', families, recorded));
await write('ko/conformance.md', conformancePage('ko', families, recorded));

const bench = new URL('../../../packages/bench/results/', import.meta.url);
const results = JSON.parse(await readFile(new URL('latest.json', bench), 'utf8')) as BenchResults;
await write('public/generated/bench.svg', await readFile(new URL('latest.svg', bench), 'utf8'));
await write('.vitepress/generated/bench-en.md', benchSection('en', results, '/generated/bench.svg'));
await write('.vitepress/generated/bench-ko.md', benchSection('ko', results, '/generated/bench.svg'));
