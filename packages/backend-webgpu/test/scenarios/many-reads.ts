import { arange } from '@ag/core';
import type { Tensor } from '@ag/core';

/**
 * Many reads in flight at once, from async functions that interleave ops, reads and awaits, on
 * the default backend; every value is checked against its closed form. Shared by the Node and
 * browser suites (no vitest here).
 */

export interface ManyReadsReport {
  readonly reads: number;
  /** The most reads pending at one time, in the loops and overall (the burst). */
  readonly loopsMaxInFlight: number;
  readonly maxInFlight: number;
  /** Each wrong value, as `where: got, expected` (empty when all are right). */
  readonly mismatches: readonly string[];
}

export async function manyReads(loops = 20, perLoop = 10, burst = 200): Promise<ManyReadsReport> {
  let reads = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const mismatches: string[] = [];
  const read = async (t: Tensor): Promise<number[]> => {
    reads++;
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    try {
      const v = await t.toArray();
      return (typeof v === 'number' ? [v] : v) as number[];
    } finally {
      inFlight--;
    }
  };
  const expect = (where: string, got: readonly number[], want: (j: number) => number, n: number) => {
    if (got.length !== n) mismatches.push(`${where}: ${got.length} values, expected ${n}`);
    for (let j = 0; j < n; j++)
      if (got[j] !== want(j)) mismatches.push(`${where}[${j}]: ${got[j]}, expected ${want(j)}`);
  };
  // Integers below 2^24 throughout, so float32 holds every value exactly.
  const loop = async (k: number) => {
    const n = 16 + k;
    for (let i = 0; i < perLoop; i++) {
      // t[j] = (k + 1) j + i
      const t = arange(n, undefined, 1, { dtype: 'float32' })
        .mul(k + 1)
        .add(i);
      const sum = read(t.sum());
      // Other loops run here: a microtask turn or a task, in a pattern that differs per loop.
      await ((k + i) % 2 === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, 0)));
      const doubled = read(t.mul(2));
      const [s, d] = await Promise.all([sum, doubled]);
      expect(`loop ${k} step ${i} sum`, s, () => ((k + 1) * n * (n - 1)) / 2 + i * n, 1);
      expect(`loop ${k} step ${i} 2t`, d, (j) => 2 * ((k + 1) * j + i), n);
    }
  };
  await Promise.all(Array.from({ length: loops }, (_, k) => loop(k)));
  const loopsMaxInFlight = maxInFlight;
  // Then `burst` reads started in one go, before any of them is awaited.
  const pending = Array.from({ length: burst }, (_, b) => read(arange(64, undefined, 1, { dtype: 'float32' }).add(b)));
  const values = await Promise.all(pending);
  values.forEach((got, b) => {
    expect(`burst ${b}`, got, (j) => j + b, 64);
  });
  return { reads, loopsMaxInFlight, maxInFlight, mismatches };
}
