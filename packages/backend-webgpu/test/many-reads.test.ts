import { describe, expect, it } from 'vitest';
import { nodeBackend, useBackend } from './gpu.js';
import { manyReads } from './scenarios/many-reads.js';

const backend = await nodeBackend();

describe.runIf(backend !== null)('webgpu: many reads in flight', () => {
  useBackend(backend!);

  it('resolves every read of 20 interleaved async loops and of a burst of 200 with the right values', async () => {
    const report = await manyReads();
    expect(report.mismatches).toEqual([]);
    expect(report.reads).toBe(20 * 10 * 2 + 200);
    // Each loop has up to two reads pending at once.
    expect(report.loopsMaxInFlight).toBeGreaterThan(2);
    expect(report.maxInFlight).toBe(200);
    console.log(
      `many reads: ${report.reads} reads, at most ${report.loopsMaxInFlight} in flight in the loops, ${report.maxInFlight} in the burst`,
    );
  });
});
