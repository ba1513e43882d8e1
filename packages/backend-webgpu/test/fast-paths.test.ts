import { asStrided, tensor } from '@ag/core';
import { describe, expect, it } from 'vitest';
import type { WebGPUBackend } from '../src/index.js';
import { nodeBackend, useBackend, values } from './gpu.js';

/**
 * The paths that only large tensors take, which the conformance suite's small cases never reach:
 * vec4 elementwise kernels with several elements per invocation, operands constant along runs of
 * 4, reductions split into slices, serial row reductions, the direct-index assign. Checked
 * against plain JavaScript on both kernel tunings (emulated and real-GPU).
 */
const backend = await nodeBackend();
const gpuTuned = backend === null ? null : await nodeBackend({ emulated: false });

function close(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-6): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i]!, want[i]!];
    if (!(Math.abs(g - w) <= tol * (1 + Math.abs(w)))) expect(g, `element ${i}`).toBe(w);
  }
}

function suite(title: string, gpu: WebGPUBackend | null): void {
  describe.runIf(gpu !== null)(title, () => {
    useBackend(gpu!);

    const [R, C] = [512, 256];
    const a = values(R * C, 1);
    const b = values(R * C, 2);
    const col = values(R, 3);
    const row = values(C, 4);

    it('elementwise over large tensors: contiguous, offset, scalar, column and row broadcast, transposed', async () => {
      const ta = tensor(a).reshape([R, C]);
      const tb = tensor(b).reshape([R, C]);
      close(
        await ta.add(tb).toTypedArray(),
        a.map((v, i) => v + b[i]!),
      );
      // Offsets 4 (vec4 loads) and 1 (scalar kernel).
      for (const off of [4, 1]) {
        const n = R * C - 8;
        const got = await tensor(a)
          .narrow(0, off, n)
          .mul(tensor(b).narrow(0, 8, n))
          .toTypedArray();
        close(
          got,
          Float32Array.from({ length: n }, (_, i) => a[off + i]! * b[8 + i]!),
        );
      }
      close(
        await ta.mul(2.5).toTypedArray(),
        a.map((v) => v * 2.5),
      );
      close(
        await ta.sub(tensor(col).reshape([R, 1])).toTypedArray(),
        a.map((v, i) => v - col[Math.floor(i / C)]!),
      );
      close(
        await ta.div(tensor(row)).toTypedArray(),
        a.map((v, i) => v / row[i % C]!),
      );
      const tt = tensor(b).reshape([C, R]).transpose(0, 1);
      close(
        await ta.add(tt).toTypedArray(),
        a.map((v, i) => v + b[(i % C) * R + Math.floor(i / C)]!),
      );
      close(
        await ta.gt(0).toTypedArray(),
        Array.from(a, (v) => +(v > 0)),
      );
    });

    it('a row repeated over a matrix (a bias): vec4 and scalar, at offsets, rows of odd length, int32, 3-d', async () => {
      const ta = tensor(a).reshape([R, C]);
      close(
        await ta.add(tensor(row)).toTypedArray(),
        a.map((v, i) => v + row[i % C]!),
      );
      // The row at offset 4 (vec4 loads) and 1 (scalar), and rows of 255 (no vec4).
      for (const off of [4, 1]) {
        const r = tensor(row).narrow(0, off, C - 8);
        const m = ta.narrow(1, 0, C - 8);
        close(
          await m.add(r).toTypedArray(),
          Float32Array.from(
            { length: R * (C - 8) },
            (_, i) => a[Math.floor(i / (C - 8)) * C + (i % (C - 8))]! + row[off + (i % (C - 8))]!,
          ),
        );
      }
      const odd = tensor(a.subarray(0, R * 255)).reshape([R, 255]);
      close(
        await odd.mul(tensor(row.subarray(0, 255))).toTypedArray(),
        a.subarray(0, R * 255).map((v, i) => v * row[i % 255]!),
      );
      const ints = tensor(Int32Array.from(a, (v) => Math.round(v * 1000))).reshape([R, C]);
      const intRow = Int32Array.from(row, (v) => Math.round(v * 100));
      expect(Array.from(await ints.sub(tensor(intRow)).toTypedArray())).toEqual(
        Array.from(a, (v, i) => Math.round(v * 1000) - intRow[i % C]!),
      );
      const cube = tensor(a).reshape([8, R / 8, C]);
      close(
        await cube.add(tensor(row)).relu().toTypedArray(),
        a.map((v, i) => Math.max(0, v + row[i % C]!)),
      );
    });

    it('strided operands over many rows (walked a row at a time on an emulated GPU): windows, transposes, mixed operands', async () => {
      // A convolution's columns: 3 x 3 windows of an [8, 4, 18, 18] input, as [4, 3, 3, 8, 16, 16], made contiguous.
      const [N, Ch, H] = [8, 4, 18];
      const x0 = values(N * Ch * H * H, 5);
      const cols = asStrided(tensor(x0), [Ch, 3, 3, N, 16, 16], [H * H, H, 1, Ch * H * H, H, 1], 0);
      const want = new Float32Array(Ch * 9 * N * 256);
      let o = 0;
      for (let c = 0; c < Ch; c++)
        for (let di = 0; di < 3; di++)
          for (let dj = 0; dj < 3; dj++)
            for (let n = 0; n < N; n++)
              for (let i = 0; i < 16; i++)
                for (let j = 0; j < 16; j++) want[o++] = x0[((n * Ch + c) * H + i + di) * H + j + dj]!;
      close(await cols.contiguous().toTypedArray(), want);
      // A transposed operand beside a contiguous one, a repeated row, and a scalar, in int32 too.
      const ta = tensor(a).reshape([R, C]);
      const tt = tensor(b).reshape([C, R]).transpose(0, 1);
      close(
        await ta.mul(tt).add(tensor(row)).toTypedArray(),
        a.map((v, i) => v * b[(i % C) * R + Math.floor(i / C)]! + row[i % C]!),
        1e-5,
      );
      close(
        await tt.sub(tensor(row)).mul(3).toTypedArray(),
        a.map((_, i) => (b[(i % C) * R + Math.floor(i / C)]! - row[i % C]!) * 3),
        1e-5,
      );
      const ints = tensor(Int32Array.from(b, (v) => Math.round(v * 1000)))
        .reshape([C, R])
        .transpose(0, 1);
      expect(Array.from(await ints.add(7).toTypedArray())).toEqual(
        Array.from(a, (_, i) => Math.round(b[(i % C) * R + Math.floor(i / C)]! * 1000) + 7),
      );
    });

    it('split reductions over many elements: sum, max with NaN, int32 wrap, any, prod', async () => {
      const n = 1 << 20;
      const x = values(n, 5);
      let s = 0;
      for (const v of x) s += v;
      expect(await tensor(x).sum().item()).toBeCloseTo(s, 1);
      const withNan = x.slice();
      withNan[n - 3] = Number.NaN;
      expect(await tensor(withNan).max().item()).toBeNaN();
      expect(await tensor(x).amin().item()).toBe(x.reduce((p, q) => Math.min(p, q), Infinity));
      const ints = Int32Array.from({ length: n }, (_, i) => (i % 7) * 1_000_000);
      let w = 0;
      for (const v of ints) w = (w + v) | 0;
      expect(await tensor(ints).sum().item()).toBe(w);
      const flags = new Uint8Array(n);
      expect(await tensor(flags).any().item()).toBe(0);
      flags[n - 1] = 1;
      expect(await tensor(flags).any().item()).toBe(1);
      const ones = new Float32Array(n).fill(1);
      ones[12345] = 2;
      ones[n - 1] = 0.5;
      expect(await tensor(ones).prod().item()).toBe(1);
      // A sliced view: the reduced block is no longer the whole buffer.
      expect(
        await tensor(x)
          .narrow(0, 3, n - 10)
          .sum()
          .item(),
      ).toBeCloseTo(s - x.subarray(0, 3).reduce((p, q) => p + q, 0) - x.subarray(n - 7).reduce((p, q) => p + q, 0), 1);
    });

    it('row and column reductions of a matrix, and of its transpose', async () => {
      const t = tensor(a).reshape([R, C]);
      const rowSums = Float32Array.from({ length: R }, (_, r) =>
        a.subarray(r * C, (r + 1) * C).reduce((p, q) => p + q, 0),
      );
      const colMax = Float32Array.from({ length: C }, (_, c) =>
        Math.max(...Array.from({ length: R }, (_, r) => a[r * C + c]!)),
      );
      close(await t.sum(1).toTypedArray(), rowSums, 1e-4);
      close(await t.amax(0).toTypedArray(), colMax);
      close(await t.transpose(0, 1).sum(0).toTypedArray(), rowSums, 1e-4);
      close(await t.transpose(0, 1).amax(1).toTypedArray(), colMax);
    });

    it('in-place updates of large tensors and of a transposed view', async () => {
      const p = tensor(a.slice()).reshape([R, C]);
      p.sub_(tensor(b).reshape([R, C]).mul(0.5));
      close(
        await p.toTypedArray(),
        a.map((v, i) => v - b[i]! * 0.5),
      );
      const q = tensor(a.slice()).reshape([R, C]);
      q.transpose(0, 1).add_(tensor(b).reshape([C, R]));
      close(
        await q.toTypedArray(),
        a.map((v, i) => v + b[(i % C) * R + Math.floor(i / C)]!),
      );
    });
  });
}

suite('webgpu fast paths of large tensors', backend);
suite('webgpu fast paths of large tensors, real-GPU kernels', gpuTuned);
