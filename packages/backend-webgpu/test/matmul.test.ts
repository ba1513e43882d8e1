import type { Tensor } from '@ag/core';
import { tensor } from '@ag/core';
import { describe, expect, it } from 'vitest';
import { chooseTile, isDirect } from '../src/kernels/matmul.js';
import { directWidth } from '../src/wgsl/matmul-direct.js';
import type { WebGPUBackend } from '../src/index.js';
import { nodeBackend, useBackend, values } from './gpu.js';

const backend = await nodeBackend();
// The same device kind with the kernels a real GPU gets (layout-specific staging, tiles sized to fill multiprocessors).
const gpuTuned = backend === null ? null : await nodeBackend({ emulated: false });

interface Operand {
  /** Row-major host values of the logical [batch..., rows, cols] matrix, for the reference. */
  readonly data: Float32Array;
  readonly shape: readonly number[];
  readonly tensor: Tensor;
}

/**
 * A logical [rows, cols] matrix with optional batch dims, stored transposed when asked (the
 * tensor is then a transposed view, as the backward pass makes), at a nonzero offset.
 */
function operand(batch: readonly number[], rows: number, cols: number, transposed: boolean, seed: number): Operand {
  const count = batch.reduce((p, q) => p * q, 1) * rows * cols;
  const data = values(count, seed);
  const stored = new Float32Array(count + 3);
  const plane = rows * cols;
  for (let p = 0; p < count / Math.max(plane, 1); p++) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++)
        stored[3 + p * plane + (transposed ? c * rows + r : r * cols + c)] = data[p * plane + r * cols + c]!;
    }
  }
  const flat = tensor(stored).narrow(0, 3, count);
  const t = transposed ? flat.reshape([...batch, cols, rows]).transpose(-1, -2) : flat.reshape([...batch, rows, cols]);
  return { data, shape: [...batch, rows, cols], tensor: t };
}

/** C = A B in float64 with broadcast batch dims, and sum |A||B| per element to scale the tolerance. */
function reference(a: Operand, b: Operand, batch: readonly number[]): { c: Float64Array; scale: Float64Array } {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1]!;
  const count = batch.reduce((p, q) => p * q, 1);
  const c = new Float64Array(count * m * n);
  const scale = new Float64Array(count * m * n);
  const planeOf = (shape: readonly number[], idx: number) => {
    // The batch index of the output, broadcast onto an operand's (right-aligned) batch dims.
    const dims = shape.slice(0, -2);
    let p = 0;
    let rem = idx;
    let stride = 1;
    for (let d = batch.length - 1; d >= 0; d--) {
      const coord = rem % batch[d]!;
      rem = Math.floor(rem / batch[d]!);
      const od = d - (batch.length - dims.length);
      if (od >= 0) {
        if (dims[od]! > 1) p += coord * stride;
        stride *= dims[od]!;
      }
    }
    return p;
  };
  for (let z = 0; z < count; z++) {
    const pa = planeOf(a.shape, z) * m * k;
    const pb = planeOf(b.shape, z) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        let abs = 0;
        for (let q = 0; q < k; q++) {
          const x = a.data[pa + i * k + q]! * b.data[pb + q * n + j]!;
          s += x;
          abs += Math.abs(x);
        }
        c[z * m * n + i * n + j] = s;
        scale[z * m * n + i * n + j] = abs;
      }
    }
  }
  return { c, scale };
}

async function check(a: Operand, b: Operand, batch: readonly number[] = []): Promise<void> {
  const got = (await a.tensor.matmul(b.tensor).toTypedArray()) as Float32Array;
  const { c, scale } = reference(a, b, batch);
  expect(got.length).toBe(c.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < c.length; i++) {
    const err = Math.abs(got[i]! - c[i]!) / (scale[i]! * 1e-5 + 1e-6);
    if (err > worst) [worst, at] = [err, i];
  }
  // float32 accumulation: within 1e-5 of the sum of |products| (the error bound is ~K * 2^-24 of it).
  expect(worst, `element ${at}: got ${got[at]}, want ${c[at]}`).toBeLessThanOrEqual(1);
}

/** The checks on one backend; `full` adds the exhaustive small sizes and int32. */
function suite(title: string, gpu: WebGPUBackend | null, full: boolean): void {
  describe.runIf(gpu !== null)(title, () => {
    useBackend(gpu!);

    const odd = [1, 3, 17, 65, 129];
    // The exhaustive small sizes and int32 run on one tuning only: they would add minutes of shader compiles.
    const itFull = (name: string, fn: () => Promise<void>) => {
      if (full) it(name, fn);
    };
    itFull('odd sizes: every m, k, n in {1, 3, 17, 65, 129}', async () => {
      let seed = 1;
      for (const m of odd)
        for (const k of odd)
          for (const n of odd) await check(operand([], m, k, false, seed++), operand([], k, n, false, seed++));
    });

    it('a dimension of 1000 in each place', async () => {
      await check(operand([], 1000, 65, false, 1), operand([], 65, 17, false, 2));
      await check(operand([], 17, 1000, false, 3), operand([], 1000, 129, false, 4));
      await check(operand([], 3, 129, false, 5), operand([], 129, 1000, false, 6));
      await check(operand([], 129, 129, false, 7), operand([], 129, 1000, false, 8));
    });

    /** Each shape with A and B in the given layouts (true: transposed, as the backward pass passes them). */
    const layouts = async (
      shapes: readonly (readonly [number, number, number])[],
      pairs: readonly (readonly [boolean, boolean])[],
    ) => {
      for (const [m, k, n] of shapes)
        for (const [ta, tb] of pairs) await check(operand([], m, k, ta, m + k), operand([], k, n, tb, n + k));
    };
    const both = [false, true].flatMap((ta) => [false, true].map((tb) => [ta, tb] as const));

    it('every kernel and tile shape (each of these picks a different one on an emulated GPU), transposed too', async () => {
      await layouts(
        [
          [256, 256, 256],
          [256, 256, 60],
          [60, 256, 256],
          [100, 100, 100],
        ],
        [
          [false, false],
          [true, true],
        ],
      );
    });

    it('transposed operands (A^T, B^T, both), as the backward pass passes them', async () => {
      await layouts(
        [
          [65, 17, 129],
          [129, 65, 3],
          [1, 129, 65],
          [200, 300, 100],
        ],
        both,
      );
    });

    it('batched, with broadcast batch dims and transposed planes', async () => {
      await check(operand([2, 1], 17, 65, false, 1), operand([3], 65, 129, true, 2), [2, 3]);
      await check(operand([4], 65, 3, true, 3), operand([], 3, 70, false, 4), [4]);
      await check(operand([], 33, 70, false, 5), operand([2, 3], 70, 9, false, 6), [2, 3]);
    });

    itFull('int32 matmul is exact, including past the tile edges', async () => {
      const [m, k, n] = [67, 45, 131];
      const ai = Int32Array.from({ length: m * k }, (_, i) => ((i * 7) % 11) - 5);
      const bi = Int32Array.from({ length: k * n }, (_, i) => ((i * 5) % 13) - 6);
      const got = await tensor(ai)
        .reshape([m, k])
        .matmul(tensor(bi).reshape([k, n]).transpose(0, 1).contiguous().transpose(0, 1))
        .toTypedArray();
      const want = new Int32Array(m * n);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) for (let q = 0; q < k; q++) want[i * n + j]! += ai[i * k + q]! * bi[q * n + j]!;
      expect(Array.from(got)).toEqual(Array.from(want));
    });
  });
}

suite('webgpu matmul (direct and tiled kernels) against a float64 reference', backend, true);
suite('webgpu tiled matmul, real-GPU kernels, against a float64 reference', gpuTuned, false);

describe('matmul tile choice', () => {
  it('sends small or thin products on an emulated GPU to the direct kernel, laid out to fit N', () => {
    expect(isDirect(128, 10, 256, 1, true)).toBe(true);
    expect(isDirect(100, 100, 100, 1, true)).toBe(true);
    expect(isDirect(128, 10, 256, 1, false)).toBe(false);
    expect(isDirect(128, 128, 256, 1, true)).toBe(false);
    // Big but thin: a tile would pad M = 32 or 16 to 64 rows.
    expect(isDirect(32, 8192, 144, 1, true)).toBe(true);
    expect(isDirect(16, 4096, 256, 1, true)).toBe(true);
    expect(isDirect(128, 256, 784, 1, true)).toBe(false);
    expect(isDirect(1024, 1024, 1024, 1, true)).toBe(false);
    expect([1, 4, 5, 10, 64, 65, 1000].map(directWidth)).toEqual([1, 1, 2, 4, 16, 16, 16]);
  });
  it('picks a small tile for a thin output and the 128 x 128 tile for a big one', () => {
    expect(chooseTile(1024, 1024, 1, true)).toMatchObject({ rm: 8, cn: 8 });
    expect(chooseTile(128, 10, 1, true).cn).toBe(4);
    expect(chooseTile(256, 60, 1, true)).toMatchObject({ rm: 8, cn: 4 });
    expect(chooseTile(60, 256, 1, true)).toMatchObject({ rm: 4, cn: 8 });
  });
  it('keeps a real GPU busy: smaller tiles when big ones leave multiprocessors idle', () => {
    const t = chooseTile(1024, 1024, 1, false);
    expect((1024 / (16 * t.rm)) * (1024 / (16 * t.cn))).toBeGreaterThanOrEqual(128);
    expect(chooseTile(8192, 8192, 1, false)).toMatchObject({ rm: 8, cn: 8 });
  });
});
