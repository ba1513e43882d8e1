import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { kernels } from '../src/kernels/index.js';
import { f64, view } from './views.js';

// The fused layer norm against its definition, a plain float64 loop here, and its gradients
// against central finite differences of that loop.

const EPS = 1e-5;

/** Deterministic values in [-2, 2). */
function values(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 4 - 2;
  });
}

/** The definition: each row of `cols` of `x` normalised, times w, plus b. */
function reference(x: number[], w: number[] | null, b: number[] | null, cols: number): number[] {
  const out: number[] = [];
  for (let at = 0; at < x.length; at += cols) {
    const row = x.slice(at, at + cols);
    const mu = row.reduce((p, v) => p + v, 0) / cols;
    const variance = row.reduce((p, v) => p + (v - mu) ** 2, 0) / cols;
    row.forEach((v, j) => out.push(((v - mu) / Math.sqrt(variance + EPS)) * (w?.[j] ?? 1) + (b?.[j] ?? 0)));
  }
  return out;
}

const [ROWS, COLS] = [4, 6];
const X = values(ROWS * COLS, 1);
const W = values(COLS, 2);
const B = values(COLS, 3);
const G = values(ROWS * COLS, 4);

/** X as a strided view: stored transposed, read through strides, so the kernel must gather it. */
function stridedX(): View<TypedArray> {
  const t = new Float64Array(ROWS * COLS);
  for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) t[c * ROWS + r] = X[r * COLS + c]!;
  return view(t, [ROWS, COLS], [1, ROWS]);
}

/** d/dv of sum(G * reference) by central differences, for each element of `v` (one of x, w, b). */
function numeric(which: 'x' | 'w' | 'b'): number[] {
  const h = 1e-6;
  const base = { x: X, w: W, b: B }[which];
  const loss = (v: number[]) => {
    const y = reference(which === 'x' ? v : X, which === 'w' ? v : W, which === 'b' ? v : B, COLS);
    return y.reduce((p, yi, i) => p + yi * G[i]!, 0);
  };
  return base.map((_, i) => {
    const up = [...base];
    const down = [...base];
    up[i]! += h;
    down[i]! -= h;
    return (loss(up) - loss(down)) / (2 * h);
  });
}

function close(actual: ArrayLike<number>, expected: readonly number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe('layerNorm kernel', () => {
  it('normalises each row, with and without the affine, contiguous or strided', () => {
    const x = f64(X, [ROWS, COLS]);
    close(kernels.layerNorm(x, f64(W), f64(B), COLS, EPS), reference(X, W, B, COLS), 12);
    close(kernels.layerNorm(stridedX(), f64(W), f64(B), COLS, EPS), reference(X, W, B, COLS), 12);
    close(kernels.layerNorm(x, null, null, COLS, EPS), reference(X, null, null, COLS), 12);
    // One row of all the elements: the normalised shape may span several dims.
    close(kernels.layerNorm(x, null, null, ROWS * COLS, EPS), reference(X, null, null, ROWS * COLS), 12);
  });

  it('keeps float32 in float32, within its rounding', () => {
    const x = view(Float32Array.from(X), [ROWS, COLS]);
    const y = kernels.layerNorm(x, view(Float32Array.from(W), [COLS]), null, COLS, EPS);
    expect(y).toBeInstanceOf(Float32Array);
    close(y, reference(X, W, null, COLS), 5);
  });

  it('gives the gradients of x, weight and bias that finite differences give', () => {
    for (const x of [f64(X, [ROWS, COLS]), stridedX()]) {
      const [dx, dw, db] = kernels.layerNormBackward(f64(G, [ROWS, COLS]), x, f64(W), COLS, EPS);
      close(dx, numeric('x'), 6);
      close(dw, numeric('w'), 6);
      close(db, numeric('b'), 6);
    }
  });

  it('takes an empty input', () => {
    expect(kernels.layerNorm(f64([], [0, COLS]), null, null, COLS, EPS)).toHaveLength(0);
    const [dx, dw, db] = kernels.layerNormBackward(f64([], [0, COLS]), f64([], [0, COLS]), null, COLS, EPS);
    expect([dx.length, Array.from(dw), Array.from(db)]).toEqual([0, new Array(COLS).fill(0), new Array(COLS).fill(0)]);
  });
});
