import { functional as F, tensor, type Tensor } from '@ag/core';
import { describe, expect, it } from 'vitest';
import { nodeBackend, useBackend, values } from './gpu.js';

const backend = await nodeBackend();

const EPS = 1e-5;

/** The definition in float64: y, and for the loss sum(G * y) the gradients of x, w and b. */
function reference(x: Float32Array, w: Float32Array | null, b: Float32Array | null, G: Float32Array, cols: number) {
  const y: number[] = [];
  const dx: number[] = [];
  const dw = new Array<number>(cols).fill(0);
  const db = new Array<number>(cols).fill(0);
  for (let at = 0; at < x.length; at += cols) {
    const row = Array.from(x.subarray(at, at + cols));
    const mu = row.reduce((p, v) => p + v, 0) / cols;
    const rstd = 1 / Math.sqrt(row.reduce((p, v) => p + (v - mu) ** 2, 0) / cols + EPS);
    const xhat = row.map((v) => (v - mu) * rstd);
    const gh = xhat.map((_, j) => G[at + j]! * (w?.[j] ?? 1));
    const meanGh = gh.reduce((p, v) => p + v, 0) / cols;
    const meanGhXhat = gh.reduce((p, v, j) => p + v * xhat[j]!, 0) / cols;
    xhat.forEach((h, j) => {
      y.push(h * (w?.[j] ?? 1) + (b?.[j] ?? 0));
      dx.push(rstd * (gh[j]! - meanGh - h * meanGhXhat));
      dw[j]! += G[at + j]! * h;
      db[j]! += G[at + j]!;
    });
  }
  return { y, dx, dw, db };
}

async function close(t: Tensor, want: number[]): Promise<void> {
  const got = await t.toTypedArray();
  expect(got.length).toBe(want.length);
  want.forEach((v, i) => {
    expect(got[i]).toBeCloseTo(v, 4);
  });
}

// The fused kernels against the definition, forward and gradients, through core's layerNorm.
if (backend !== null) {
  describe('layerNorm kernels', () => {
    useBackend(backend);

    it.each([
      ['with weight and bias, contiguous', true, false],
      ['without the affine, from a transposed input', false, true],
    ])('%s', async (_, affine, transposed) => {
      const [rows, cols] = [37, 24];
      const xv = values(rows * cols, 1).map((v) => v * 3 + 0.5);
      const wv = values(cols, 2);
      const bv = values(cols, 3);
      const G = values(rows * cols, 4);
      // Stored as [cols, rows] and transposed: the kernel reads a strided view.
      const x = transposed
        ? tensor(Float32Array.from({ length: rows * cols }, (_, i) => xv[(i % rows) * cols + Math.floor(i / rows)]!))
            .reshape(cols, rows)
            .t()
            .requiresGrad_()
        : tensor(xv).reshape(rows, cols).requiresGrad_();
      const w = affine ? tensor(wv).requiresGrad_() : null;
      const b = affine ? tensor(bv).requiresGrad_() : null;
      const y = F.layerNorm(x, cols, { weight: w, bias: b, eps: EPS });
      y.mul(tensor(G).reshape(rows, cols)).sum().backward();
      const want = reference(xv, affine ? wv : null, affine ? bv : null, G, cols);
      await close(y, want.y);
      await close(x.grad!, want.dx);
      if (w !== null) await close(w.grad!, want.dw);
      if (b !== null) await close(b.grad!, want.db);
    });
  });
}
