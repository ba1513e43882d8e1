import { mkdir, rm, writeFile } from 'node:fs/promises';
import { formatWithOptions } from 'node:util';
import { vi } from 'vitest';
import type { Example } from './extract.ts';

/**
 * Runs examples inside vitest: each is written to a module under apps/docs/.examples/ (inside
 * the package, so `@ag/*` resolve to the workspace's sources) and imported with a fresh module
 * registry, so one example's global state (a default dtype, a registered backend, anomaly mode)
 * never reaches the next. The CPU backend is registered first, on the module's first line, so
 * the example's own lines keep their numbers.
 */
const dir = new URL('../../.examples/', import.meta.url);

const PRELUDE =
  "import { registerBackend as __agRegister } from '@ag/core'; import { cpu as __agCpu } from '@ag/backend-cpu'; __agRegister(__agCpu()); ";

let counter = 0;

/** What the example prints with console.log, formatted as Node formats it (no colours), one string per call. */
export async function runExample(example: Example): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = new URL(`example-${process.pid}-${counter++}.ts`, dir);
  await writeFile(file, `${PRELUDE}${example.code}\n`);
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    printed.push(formatWithOptions({ colors: false }, ...args));
  });
  vi.resetModules();
  try {
    await import(/* @vite-ignore */ file.href);
  } catch (e) {
    throw new Error(`${example.file}:${example.line}: the example threw: ${(e as Error).stack ?? String(e)}`, {
      cause: e,
    });
  } finally {
    log.mockRestore();
    await rm(file, { force: true });
  }
  return printed.join('\n');
}

/** Null when the example prints what its page says; otherwise a message naming its file and line. */
export async function checkExample(example: Example): Promise<string | null> {
  const printed = await runExample(example);
  if (printed === example.expected) return null;
  return `${example.file}:${example.line}: the example printed\n${printed}\nbut the page says\n${example.expected}`;
}
