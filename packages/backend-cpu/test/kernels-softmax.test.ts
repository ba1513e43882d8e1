import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { contiguousStrides, numel } from '@ag/core';
import { SOFTMAX_GENERATED_PATH, compileSoftmax, renderSoftmax } from '../scripts/compile-wasm.js';
import { expWasm, lastSoftmaxWorkers, softmaxWasmAvailable } from '../src/kernels/wasm/softmax-runner.js';
import { hardwareThreads } from '../src/kernels/wasm/worker-pool.js';
import { softmax } from '../src/kernels/softmax.js';
import { at, indices, randoms, rng, scrambled, view } from './views.js';

/** The distance from `got` to the exact `want`, in units in the last place of float32 at `want`. */
function ulps(got: number, want: number): number {
  const a = Math.abs(want);
  const exponent = a === 0 ? -149 : Math.max(Math.floor(Math.log2(a)) - 23, -149);
  return Math.abs(got - want) / 2 ** exponent;
}

describe('the vectorised exp (softmax.wat)', () => {
  it('is softmax.wat as compiled now (else run `pnpm --filter @ag/backend-cpu build:wasm`)', async () => {
    expect(readFileSync(SOFTMAX_GENERATED_PATH, 'utf8')).toBe(renderSoftmax(await compileSoftmax()));
  });

  it('runs here (Node has WebAssembly SIMD)', () => {
    expect(softmaxWasmAvailable()).toBe(true);
  });

  it('is within 2.2 ulp of exp over every float32 from -87.33654 to 0, and 0 below', () => {
    // Every 8191st bit pattern with the sign bit set: a quarter million non-positive floats of
    // every exponent, -Infinity and NaNs among them (softmax's exp sees x - max, never above 0).
    const bits = new Uint32Array(1 << 18);
    for (let i = 0; i < bits.length; i++) bits[i] = (0x80000000 + i * 8191) >>> 0;
    const x = new Float32Array(bits.buffer);
    const y = Float32Array.from(x);
    expWasm(y);
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      const want = Math.exp(x[i]!);
      if (Number.isNaN(want)) expect(y[i]).toBeNaN();
      else if (want < 2 ** -126) expect(y[i], `exp(${x[i]})`).toBe(0);
      else worst = Math.max(worst, ulps(y[i]!, want));
    }
    expect(worst).toBeLessThanOrEqual(2.2);
  });

  it('gives the limits: 1 at 0, 0 from just below the smallest normal result down, NaN for NaN', () => {
    const x = Float32Array.of(-Infinity, -1e30, -104, -87.34, -87.33, -20, -0, 0, NaN);
    const y = Float32Array.from(x);
    expWasm(y);
    expect(Array.from(y.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(ulps(y[4]!, Math.exp(Math.fround(-87.33)))).toBeLessThanOrEqual(2.2);
    expect(ulps(y[5]!, Math.exp(-20))).toBeLessThanOrEqual(2.2);
    expect([y[6], y[7]]).toEqual([1, 1]);
    expect(y[8]).toBeNaN();
  });
});

/** softmax (or logSoftmax) along `axis` by the definition, in float64, contiguous: the reference. */
function reference(x: View<TypedArray>, axis: number, log: boolean): number[] {
  const out = new Array<number>(numel(x.shape)).fill(0);
  const strides = contiguousStrides(x.shape);
  for (const idx of indices(x.shape)) {
    if (idx[axis] !== 0) continue;
    const line = Array.from({ length: x.shape[axis]! }, (_, j) => idx.map((v, d) => (d === axis ? j : v)));
    const values = line.map((i) => at(x, i));
    const max = values.some(Number.isNaN) ? NaN : Math.max(...values);
    const sum = values.reduce((s, v) => s + Math.exp(v - max), 0);
    line.forEach((i, j) => {
      const flat = i.reduce((s, v, d) => s + v * strides[d]!, 0);
      out[flat] = log ? values[j]! - max - Math.log(sum) : Math.exp(values[j]! - max) / sum;
    });
  }
  return out;
}

/** Every value within `tol` (relative, plus absolute near 0) of the reference; NaN where it is NaN. */
function expectClose(got: TypedArray, want: readonly number[], tol: number): void {
  expect(got.length).toBe(want.length);
  let bad = -1;
  for (let i = 0; i < want.length && bad < 0; i++) {
    const ok = Number.isNaN(want[i])
      ? Number.isNaN(got[i])
      : Math.abs(got[i]! - want[i]!) <= tol * (1 + Math.abs(want[i]!));
    if (!ok) bad = i;
  }
  expect(bad < 0 ? '' : `at ${bad}: ${got[bad]} vs ${want[bad]}`).toBe('');
}

/** The reference for dense rows of `n`, by the definition in float64: a plain loop, for large inputs. */
function rowsReference(x: TypedArray, n: number, log: boolean): number[] {
  const out = new Array<number>(x.length);
  for (let r = 0; r < x.length; r += n) {
    let max = -Infinity;
    for (let j = r; j < r + n; j++) max = Math.max(max, x[j]!);
    let sum = 0;
    for (let j = r; j < r + n; j++) sum += Math.exp(x[j]! - max);
    for (let j = r; j < r + n; j++) out[j] = log ? x[j]! - max - Math.log(sum) : Math.exp(x[j]! - max) / sum;
  }
  return out;
}

/** `values` (float64) as a float32 view of the same layout as `v`. */
function asF32(v: View<TypedArray>): View<TypedArray> {
  return { ...v, storage: Float32Array.from(v.storage), dtype: 'float32' };
}

describe('softmax kernel', () => {
  const rand = rng(18);
  // Dense rows with and without padding (n not a multiple of 16), rows longer than a block,
  // softmax over a leading or middle axis (the strided path), and transposed, offset views.
  const layouts: [string, View<TypedArray>, number][] = [
    [
      'dense rows, n a multiple of 16',
      view(
        randoms(rand, 6 * 64).map((v) => v * 8),
        [6, 64],
      ),
      1,
    ],
    [
      'dense rows, padded',
      view(
        randoms(rand, 7 * 37).map((v) => v * 8),
        [7, 37],
      ),
      1,
    ],
    [
      'one row longer than a block',
      view(
        randoms(rand, 16500).map((v) => v * 8),
        [1, 16500],
      ),
      1,
    ],
    ['more rows than a block holds', view(randoms(rand, 520 * 33), [520, 33]), 1],
    ['leading axis', view(randoms(rand, 5 * 9), [5, 9]), 0],
    ['middle axis', view(randoms(rand, 3 * 20 * 4), [3, 20, 4]), 1],
    ['size-1 dims after the axis', view(randoms(rand, 4 * 21), [4, 21, 1]), 1],
    ['transposed, offset view', scrambled(rand, [6, 19]), 1],
    ['transposed, along its other axis', scrambled(rand, [6, 19]), 0],
  ];
  for (const [name, x64, axis] of layouts) {
    for (const log of [false, true]) {
      const what = `${log ? 'logSoftmax' : 'softmax'}, ${name}`;
      it(`float32 (WebAssembly): ${what}`, () => {
        const x = asF32(x64);
        expectClose(softmax(x, axis, log, 'float32'), reference(x, axis, log), 2e-6);
      });
      it(`float64 (JavaScript): ${what}`, () => {
        expectClose(softmax(x64, axis, log, 'float64'), reference(x64, axis, log), 1e-14);
      });
    }
  }

  it('shares large inputs with a worker thread, with the same results', () => {
    // Past the size from which threads are used (2^18 floats), several blocks in the pipeline,
    // with rows padded or not; 30 x 1000 stays on one thread.
    let first = true;
    for (const [rows, n] of [
      [300, 1000],
      [280, 1001],
      [30, 1000],
    ] as const) {
      const x = asF32(
        view(
          randoms(rand, rows * n).map((v) => v * 8),
          [rows, n],
        ),
      );
      for (const log of [false, true]) {
        expectClose(softmax(x, 1, log, 'float32'), rowsReference(x.storage, n, log), 2e-6);
        if (rows === 30) expect(lastSoftmaxWorkers).toBe(0);
        // The first large call starts the workers and takes them (thread-choice.ts measures later).
        else if (first) expect(lastSoftmaxWorkers > 0).toBe(hardwareThreads() > 1);
        first = false;
      }
    }
  });

  const special: [string, number[], number[], number[]][] = [
    // values; softmax; logSoftmax, as PyTorch gives them
    ['-Infinity entries get 0', [-Infinity, 0, 0], [0, 0.5, 0.5], [-Infinity, -Math.LN2, -Math.LN2]],
    ['a row of -Infinity is NaN', [-Infinity, -Infinity], [NaN, NaN], [NaN, NaN]],
    ['a NaN makes its row NaN', [1, NaN, 2], [NaN, NaN, NaN], [NaN, NaN, NaN]],
    ['an Infinity makes its row NaN', [1, Infinity], [NaN, NaN], [NaN, NaN]],
    ['large values stay stable', [1000, 1000], [0.5, 0.5], [-Math.LN2, -Math.LN2]],
    ['far below the max underflows to 0', [0, -200], [1, 0], [0, -200]],
  ];
  for (const [name, values, soft, logSoft] of special) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${dtype}: ${name}`, () => {
        // Two rows, the second the special one, so one row's NaN cannot leak into another.
        const rows = [0.5, ...Array<number>(values.length - 1).fill(0), ...values];
        const storage = dtype === 'float32' ? Float32Array.from(rows) : Float64Array.from(rows);
        const x = view(storage, [2, values.length]);
        for (const [log, want] of [
          [false, soft],
          [true, logSoft],
        ] as const) {
          const got = Array.from(softmax(x, 1, log, dtype).subarray(values.length));
          want.forEach((w, i) => {
            if (Number.isNaN(w)) expect(got[i]).toBeNaN();
            else expect(got[i]).toBeCloseTo(w, 6);
          });
        }
      });
    }
  }

  it('takes empty tensors and 0-d ones', () => {
    expect(softmax(view(new Float32Array(0), [0, 5]), 1, false, 'float32').length).toBe(0);
    expect(softmax(view(new Float32Array(0), [5, 0]), 1, true, 'float32').length).toBe(0);
    expect(Array.from(softmax(view(Float32Array.of(3), []), 0, false, 'float32'))).toEqual([1]);
    expect(Array.from(softmax(view(Float64Array.of(3), []), 0, true, 'float64'))).toEqual([0]);
  });
});
