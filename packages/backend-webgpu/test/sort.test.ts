import { tensor } from '@ag/core';
import { describe, expect, it } from 'vitest';
import { nodeBackend, useBackend, values } from './gpu.js';

const backend = await nodeBackend();

/** The stable order of each line of `data` ([rows, n], row-major), by the host's sort with position as the tie-break. */
function reference(data: Float32Array, rows: number, n: number, descending: boolean): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const line = data.subarray(r * n, (r + 1) * n);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((i, j) => (descending ? line[j]! - line[i]! : line[i]! - line[j]!) || i - j);
    out.push(...order);
  }
  return out;
}

// The bitonic kernels against the host's sort, on lines of every path: many short lines (one
// workgroup each), and lines past a workgroup's 2048 entries (chunks merged across workgroups).
if (backend !== null) {
  describe('sort kernel', () => {
    useBackend(backend);

    for (const [rows, n, descending, ties] of [
      [300, 37, false, false],
      [5, 2048, true, true],
      [3, 2500, true, true],
      [1, 70000, false, false],
    ] as const) {
      it(`${rows} lines of ${n}${descending ? ', descending' : ''}${ties ? ', with ties' : ''}`, async () => {
        let data = values(rows * n, rows + n);
        // Values rounded to tenths repeat often: the order among them is the positions'.
        if (ties) data = data.map((v) => Math.round(v * 10) / 10);
        const x = tensor(data).reshape([rows, n]);
        const { values: sorted, indices } = x.sort(1, descending);
        const want = reference(data, rows, n, descending);
        expect(Array.from(await indices.toTypedArray())).toEqual(want);
        const got = await sorted.toTypedArray();
        expect(Array.from(got)).toEqual(want.map((i, k) => data[Math.floor(k / n) * n + i]!));
      });
    }

    it('int32 lines past a workgroup, with ties and negative values', async () => {
      const n = 3000;
      const data = Int32Array.from({ length: 2 * n }, (_, i) => ((i * 7919) % 601) - 300);
      const x = tensor(data).reshape([2, n]);
      const { values: sorted, indices } = x.sort(1, true);
      const want = reference(Float32Array.from(data), 2, n, true);
      expect(Array.from(await indices.toTypedArray())).toEqual(want);
      expect(Array.from(await sorted.toTypedArray())).toEqual(want.map((i, k) => data[Math.floor(k / n) * n + i]!));
    });

    it('NaN last ascending and first descending, past a workgroup', async () => {
      const n = 2600;
      const data = Float32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? NaN : (i * 37) % 101));
      const nans = Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 === 0);
      const finite = Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 !== 0);
      const byValue = (d: boolean) =>
        finite.slice().sort((i, j) => (d ? data[j]! - data[i]! : data[i]! - data[j]!) || i - j);
      const x = tensor(data);
      expect(Array.from(await x.argsort().toTypedArray())).toEqual([...byValue(false), ...nans]);
      expect(Array.from(await x.argsort(0, true).toTypedArray())).toEqual([...nans, ...byValue(true)]);
    });
  });
}
