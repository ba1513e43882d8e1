import type { Tensor } from '@ag/core';
import { functional, noGrad, tensor, tidy } from '@ag/core';
import { describe, expect, it } from 'vitest';
import type { WebGPUBackend } from '../src/index.js';
import { nodeBackend, useBackend, values } from './gpu.js';

/**
 * Elementwise chains fused at flush (fusion.ts): the values are plain JavaScript's, the fused
 * counts in `memory()` show which chains became one dispatch, and intermediates that something
 * still reads (a live tensor, a later op) keep their values. Large sizes take the vec4 kernels,
 * small ones the scalar ones. Every tensor lives on the device (`hostElements: 0`): small ones
 * would otherwise be computed on the host (host.ts) and launch nothing to fuse.
 */
const backend = await nodeBackend({ hostElements: 0 });

function close(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-6): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i]!, want[i]!];
    if (!(Math.abs(g - w) <= tol * (1 + Math.abs(w)))) expect(g, `element ${i}`).toBe(w);
  }
}

/** The fused chains and the kernels they replaced while `fn` runs (and its work is flushed). */
async function counting<T>(
  gpu: WebGPUBackend,
  fn: () => Promise<T>,
): Promise<{ value: T; chains: number; kernels: number }> {
  gpu.flush();
  const before = gpu.memory();
  const value = await fn();
  gpu.flush();
  const after = gpu.memory();
  return { value, chains: after.fusedChains - before.fusedChains, kernels: after.fusedKernels - before.fusedKernels };
}

const f32 = (x: number) => Math.fround(x);

describe.runIf(backend !== null)('fused elementwise chains', () => {
  const gpu = backend!;
  useBackend(gpu);

  for (const n of [200_704, 100]) {
    it(`the SGD update p.sub_(g.mul(lr)) is one dispatch, its intermediates unwritten (${n} elements)`, async () => {
      const [p0, g] = [values(n, 1), values(n, 2)];
      const p = tensor(p0);
      const grad = tensor(g);
      const { chains, kernels } = await counting(gpu, async () => {
        tidy(() => noGrad(() => p.sub_(grad.mul(0.01))));
        await p.toTypedArray();
      });
      expect([chains, kernels]).toEqual([1, 3]);
      close(
        await p.toTypedArray(),
        p0.map((v, i) => f32(v - f32(g[i]! * f32(0.01)))),
      );
    });
  }

  it('an intermediate a live tensor holds is still written', async () => {
    const n = 200_704;
    const [p0, g] = [values(n, 3), values(n, 4)];
    const p = tensor(p0);
    const grad = tensor(g);
    let step: Tensor | null = null;
    const { chains, kernels } = await counting(gpu, async () => {
      step = grad.mul(0.5);
      noGrad(() => p.sub_(step!));
      await p.toTypedArray();
    });
    expect([chains, kernels]).toEqual([1, 3]);
    close(
      await step!.toTypedArray(),
      g.map((v) => f32(v * 0.5)),
    );
    close(
      await p.toTypedArray(),
      p0.map((v, i) => f32(v - f32(g[i]! * 0.5))),
    );
    // Nothing later in the batch reads `held`, but it is held: read after the batch, it must be there.
    const held = grad.mul(2);
    close(
      await held.add(1).toTypedArray(),
      g.map((v) => f32(f32(v * 2) + 1)),
    );
    close(
      await held.toTypedArray(),
      g.map((v) => f32(v * 2)),
    );
    // Read in the same batch: the read copies `held` after the fused kernel.
    const again = grad.mul(3);
    const [h, s] = await Promise.all([again.toTypedArray(), again.add(1).toTypedArray()]);
    close(
      h,
      g.map((v) => f32(v * 3)),
    );
    close(
      s,
      g.map((v) => f32(f32(v * 3) + 1)),
    );
  });

  it('relu backward (gt then where) and a forward chain with broadcast scalars', async () => {
    const n = 64 * 512;
    const x0 = values(n, 5);
    const x = tensor(x0).reshape([64, 512]).requiresGrad_();
    const { value: y, kernels } = await counting(gpu, async () => {
      const y = x.mul(3).add(0.5).relu();
      y.mul(2).sum().backward();
      return y.toTypedArray();
    });
    expect(kernels).toBeGreaterThanOrEqual(2);
    close(
      y,
      x0.map((v) => Math.max(0, f32(f32(v * 3) + 0.5))),
    );
    close(
      await x.grad!.toTypedArray(),
      x0.map((v) => (f32(f32(v * 3) + 0.5) > 0 ? 6 : 0)),
    );
  });

  it('one buffer read both four at a time and as a broadcast element', async () => {
    const n = 8192;
    const a0 = values(n, 12);
    const a = tensor(a0);
    const { value, kernels } = await counting(gpu, async () =>
      tidy(() => a.mul(a.narrow(0, 5, 1)).add(a)).toTypedArray(),
    );
    expect(kernels).toBe(2);
    close(
      value,
      a0.map((v) => f32(f32(v * a0[5]!) + v)),
    );
  });

  // Fused kernels: vec4, sub+exp+mul (the row-broadcast mul reads its row four at a time, and
  // z's add, scalar beside a vec4 neg, stays apart); scalar, sub+exp+mul and add+neg (the sub
  // before walks [R, C], the add [R, C / 2, 2]).
  for (const [R, C, fused] of [
    [512, 256, 3],
    [6, 10, 5],
  ] as const) {
    it(`strided operands: row and column broadcasts over one shape, and over two (${R} x ${C})`, async () => {
      const [x0, col, row] = [values(R * C, 13), values(R, 14), values(C, 15)];
      const x = tensor(x0).reshape([R, C]);
      const { value, kernels } = await counting(gpu, async () => {
        const y = tidy(() =>
          x
            .sub(tensor(col).reshape([R, 1]))
            .exp()
            .mul(tensor(row)),
        );
        // The same values seen as [R, C / 2, 2] against a broadcast [C / 2, 1]: another collapsed shape.
        const half = tensor(row.subarray(0, C / 2)).reshape([C / 2, 1]);
        const z = tidy(() =>
          x
            .sub(tensor(col).reshape([R, 1]))
            .reshape([R, C / 2, 2])
            .add(half)
            .neg(),
        );
        return Promise.all([y.toTypedArray(), z.toTypedArray()]);
      });
      expect(kernels).toBe(fused);
      const s = (i: number) => f32(x0[i]! - col[Math.floor(i / C)]!);
      close(
        value[0],
        x0.map((_, i) => f32(f32(Math.exp(s(i))) * row[i % C]!)),
        1e-5,
      );
      close(
        value[1],
        x0.map((_, i) => -f32(s(i) + row[Math.floor((i % C) / 2)]!)),
      );
    });
  }

  it('a long run of small ops becomes kernels of at most 16 stages', async () => {
    const x0 = values(64, 16);
    const { value, chains, kernels } = await counting(gpu, async () => {
      let x = tensor(x0);
      for (let i = 0; i < 40; i++) {
        const t = x.mul(0.5);
        const y = t.add(0.25);
        t.dispose();
        x.dispose();
        x = y;
      }
      return x.toTypedArray();
    });
    // 80 ops, but the first add's constant is filled in between it and the first mul (not adjacent).
    expect([chains, kernels]).toEqual([5, 79]);
    close(
      value,
      x0.map((v) => {
        for (let i = 0; i < 40; i++) v = f32(f32(v * 0.5) + 0.25);
        return v;
      }),
    );
  });

  it('softmax and crossEntropy keep their values', async () => {
    const [R, C] = [128, 10];
    const x0 = values(R * C, 6);
    const { value: got, kernels } = await counting(gpu, () =>
      functional.softmax(tensor(x0).reshape([R, C]), 1).toTypedArray(),
    );
    // x - max, then exp: one kernel.
    expect(kernels).toBeGreaterThanOrEqual(2);
    const want = new Float32Array(R * C);
    for (let r = 0; r < R; r++) {
      const row = x0.subarray(r * C, (r + 1) * C);
      const m = Math.max(...row);
      const e = Array.from(row, (v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      e.forEach((v, c) => (want[r * C + c] = v / s));
    }
    close(got, want, 1e-5);
    const labels = tensor(Int32Array.from({ length: R }, (_, i) => i % C));
    const loss = await functional.crossEntropy(tensor(x0).reshape([R, C]), labels).item();
    let l = 0;
    for (let r = 0; r < R; r++) l -= Math.log(want[r * C + (r % C)]!);
    expect(loss).toBeCloseTo(l / R, 4);
  });

  for (const n of [8192, 30]) {
    it(`int32 and bool chains convert as the unfused kernels do (${n} elements)`, async () => {
      const a0 = Int32Array.from({ length: n }, (_, i) => ((i * 7919) % 201) - 100);
      const b0 = Int32Array.from({ length: n }, (_, i) => ((i * 104729) % 13) - 6);
      const a = tensor(a0);
      const b = tensor(b0);
      const { value, kernels } = await counting(gpu, async () => {
        const q = tidy(() => a.div(b, { roundingMode: 'trunc' }).mul(3).add(b).gt(2).logicalNot());
        const m = tidy(() => a.gt(0).add(b.lt(0)).mul(a));
        const c = tidy(() => a.mul(2.75).to('int32').sub(b).to('float32').div(4));
        return Promise.all([q.toTypedArray(), m.toTypedArray(), c.toTypedArray()]);
      });
      expect(kernels).toBeGreaterThanOrEqual(5);
      const trunc = (x: number, y: number) => (y === 0 ? 0 : Math.trunc(x / y));
      expect(Array.from(value[0])).toEqual(Array.from(a0, (v, i) => +!(trunc(v, b0[i]!) * 3 + b0[i]! > 2)));
      expect(Array.from(value[1])).toEqual(Array.from(a0, (v, i) => ((+(v > 0) | +(b0[i]! < 0)) === 1 ? v : 0)));
      expect(Array.from(value[2])).toEqual(Array.from(a0, (v, i) => f32((Math.trunc(f32(v * 2.75)) - b0[i]!) / 4)));
    });
  }

  it('in place onto the input, on offset views, and from an aliased source', async () => {
    for (const n of [16_384, 50]) {
      const x0 = values(n + 8, 7);
      for (const off of [4, 1]) {
        const x = tensor(x0);
        const { kernels } = await counting(gpu, async () => {
          tidy(() => noGrad(() => x.narrow(0, off, n).mul_(2).add_(1)));
          await x.toTypedArray();
        });
        expect(kernels).toBeGreaterThanOrEqual(2);
        close(
          await x.toTypedArray(),
          x0.map((v, i) => (i >= off && i < off + n ? f32(f32(v * 2) + 1) : v)),
        );
      }
      // dst[i] = src[i + 1] and src[i - 1] within one buffer: read at another index than written,
      // so not one kernel (which would race: an invocation reads what another has overwritten).
      for (const [to, from] of [
        [0, 1],
        [1, 0],
      ] as const) {
        const y = tensor(x0);
        tidy(() => noGrad(() => y.narrow(0, to, n).copy_(y.narrow(0, from, n).mul(1))));
        close(
          await y.toTypedArray(),
          x0.map((v, i) => (i >= to && i < to + n ? x0[i - to + from]! : v)),
        );
        // The view itself as the source overlaps the destination in part: PyTorch's error, and
        // nothing written.
        expect(() => noGrad(() => y.narrow(0, to, n).copy_(y.narrow(0, from, n)))).toThrow(
          /copy_: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location/,
        );
      }
      const z = tensor(x0);
      tidy(() => noGrad(() => z.copy_(z)));
      close(await z.toTypedArray(), x0);
    }
  });

  it('a buffer released and reacquired within the batch', async () => {
    const n = 8192;
    const [a0, b0] = [values(n, 8), values(n, 9)];
    const a = tensor(a0);
    const b = tensor(b0);
    const out: Tensor[] = [];
    const { value } = await counting(gpu, async () => {
      // Each step's intermediates go back to the pool at once, and the next step takes the same buffers.
      for (let k = 0; k < 4; k++) {
        out.push(
          tidy(() => {
            const t = a.mul(k);
            const u = t.add(b);
            return u.mul(u).sub(t);
          }),
        );
      }
      return Promise.all(out.map((t) => t.toTypedArray()));
    });
    // The mul's buffer goes back to the pool after the add reads it, and `v` takes it: the chain
    // need not write the mul's values, and `v`'s, written after, must survive.
    const [x0, y0] = [values(n, 10), values(n, 11)];
    const { value: uv } = await counting(gpu, async () => {
      const t = tensor(x0).mul(2);
      const u = t.add(1);
      t.dispose();
      const v = tensor(y0).mul(3);
      return Promise.all([u.toTypedArray(), v.toTypedArray()]);
    });
    close(
      uv[0],
      x0.map((v) => f32(f32(v * 2) + 1)),
    );
    close(
      uv[1],
      y0.map((v) => f32(v * 3)),
    );
    // An upload that takes the mul's buffer flushes the batch first; the upload's values must win.
    const t2 = tensor(x0).mul(2);
    const u2 = t2.add(1);
    t2.dispose();
    const up = tensor(y0);
    close(
      await u2.toTypedArray(),
      x0.map((v) => f32(f32(v * 2) + 1)),
    );
    close(await up.toTypedArray(), y0);
    // A write into part of the mul's result after the add reads it: not a fresh write, so the mul's values stay.
    const t = tensor(x0).mul(2);
    const u = t.add(1);
    noGrad(() => t.narrow(0, 0, 4).zero_());
    close(
      await u.toTypedArray(),
      x0.map((v) => f32(f32(v * 2) + 1)),
    );
    close(
      await t.toTypedArray(),
      x0.map((v, i) => (i < 4 ? 0 : f32(v * 2))),
    );
    value.forEach((got, k) => {
      const want = a0.map((v, i) => {
        const t = f32(v * k);
        const u = f32(t + b0[i]!);
        return f32(f32(u * u) - t);
      });
      close(got, want);
    });
  });
});

const unfused = backend === null ? null : await nodeBackend({ fuse: false, hostElements: 0 });

describe.runIf(unfused !== null)('fusion turned off', () => {
  useBackend(unfused!);

  it('launches every kernel as recorded', async () => {
    const n = 4096;
    const [p0, g] = [values(n, 1), values(n, 2)];
    const p = tensor(p0);
    const grad = tensor(g);
    const { chains } = await counting(unfused!, async () => {
      tidy(() => noGrad(() => p.sub_(grad.mul(0.01))));
      await p.toTypedArray();
    });
    expect(chains).toBe(0);
    close(
      await p.toTypedArray(),
      p0.map((v, i) => f32(v - f32(g[i]! * f32(0.01)))),
    );
  });
});
