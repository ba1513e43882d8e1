import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { runSeedCells, tutorialPage } from './tutorial-page.ts';

/**
 * Writes the site's generated pages before VitePress builds or serves it: the tutorial in both
 * languages from @ag/conformance's seedCells (run here, their output checked against the seed's).
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
