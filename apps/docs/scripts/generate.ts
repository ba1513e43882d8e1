import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { conformanceFamilies, recordedResults } from './conformance-data.ts';
import { conformancePage } from './conformance-page.ts';
import { runSeedCells, tutorialPage } from './tutorial-page.ts';

/**
 * Writes the site's generated pages before VitePress builds or serves it: the tutorial in both
 * languages from @ag/conformance's seedCells (run here, their output checked against the seed's),
 * and the conformance matrix from the outcomes the backends recorded (packages/conformance/results).
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
