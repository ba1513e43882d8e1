import { type Tensor, memory, ones, registerBackend, setDefaultDevice, unregisterBackend, zeros } from '@ag/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpu } from '../src/index.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 5)); // lets FinalizationRegistry callbacks run
  }
}

/** The line of this file that holds `marker`, read from the file itself. */
function lineOf(marker: string): number {
  const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  return lines.findIndex((l) => l.includes(`// ${marker}`) && !l.includes('lineOf')) + 1;
}

const leaked: Tensor[] = [];

function leakBig(): void {
  for (let i = 0; i < 3; i++) leaked.push(zeros([16, 16])); // leak: big
}

function leakSmall(): void {
  leaked.push(ones([8], { dtype: 'float64' })); // leak: small
}

function leakWithScalar(): void {
  leaked.push(zeros([4]).mul(7.25)); // leak: product
}

function madeAndDropped(): void {
  zeros([32, 32]).add(ones([32, 32])); // dropped: collected
}

describe('memory({ leaks: true }) on the CPU', () => {
  beforeAll(() => {
    registerBackend(cpu());
    setDefaultDevice('cpu');
    memory.recordHistory();
  });
  afterAll(() => {
    memory.recordHistory(false);
    unregisterBackend('cpu');
  });

  it('names the lines that made the tensors still alive, most bytes first, and none that were freed', async () => {
    leakBig();
    leakSmall();
    leakWithScalar();
    madeAndDropped();
    zeros([64]).dispose(); // dropped: disposed
    await settle();
    const { leaks } = memory({ leaks: true });
    const file = 'memory-leaks.test.ts';
    const big = leaks!.find((s) => s.site.endsWith(`${file}:${lineOf('leak: big')}`));
    const small = leaks!.find((s) => s.site.endsWith(`${file}:${lineOf('leak: small')}`));
    expect(big).toMatchObject({ tensors: 3, bytes: 3 * 16 * 16 * 4 });
    expect(small).toMatchObject({ tensors: 1, bytes: 8 * 8 });
    // The product only: `zeros` was collected, and the cached scalar operand 7.25 is core's own.
    const product = leaks!.find((s) => s.site.endsWith(`${file}:${lineOf('leak: product')}`));
    expect(product).toMatchObject({ tensors: 1, bytes: 4 * 4 });
    expect(big!.stack.split('\n')[0]).toContain(`${file}:${lineOf('leak: big')}`);
    expect(leaks!.indexOf(big!)).toBeLessThan(leaks!.indexOf(small!));
    for (let i = 1; i < leaks!.length; i++) expect(leaks![i - 1]!.bytes).toBeGreaterThanOrEqual(leaks![i]!.bytes);
    for (const marker of ['dropped: collected', 'dropped: disposed']) {
      expect(leaks!.some((s) => s.site.endsWith(`${file}:${lineOf(marker)}`))).toBe(false);
    }
    // With history recorded from the start, the counts are exact and the report covers them all
    // but the cached scalars.
    const cpuInfo = memory().backends.cpu!;
    expect(cpuInfo.unwatched).toBe(0);
    expect(cpuInfo.cached.tensors).toBeGreaterThan(0);
    expect(cpuInfo.tensors - cpuInfo.cached.tensors).toBe(leaks!.reduce((n, s) => n + s.tensors, 0));
    expect(cpuInfo.bytes - cpuInfo.cached.bytes).toBe(leaks!.reduce((n, s) => n + s.bytes, 0));
  });

  it('drops a site once its tensors are disposed', async () => {
    for (const t of leaked.splice(0)) t.dispose();
    await settle();
    const { leaks } = memory({ leaks: true });
    expect(leaks!.some((s) => s.site.includes('memory-leaks.test.ts:'))).toBe(false);
  });
});
