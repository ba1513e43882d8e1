import { afterAll, describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { cpu } from '../src/index.js';
import type { MatmulPath } from '../src/kernels/matmul-path.js';
import { matmulPath, setMatmulPath } from '../src/kernels/matmul-path.js';
import { lastProductStats } from '../src/kernels/wasm/gemm-runner.js';
import { FRESH_CHOICE, preferThreads, recordRate } from '../src/kernels/wasm/thread-choice.js';
import { indices, rng, scrambled, view } from './views.js';

/**
 * Every float32 matmul path against a float64 reference, with the error bound of a float32 sum:
 * each output may be off by (k + 1) units of float32 rounding times the sum of |a| |b| of its terms.
 */

const k = cpu().kernels;
const PATHS: MatmulPath[] = ['js', 'wasm', 'wasm-threads'];
const U = 2 ** -24;

afterAll(() => {
  setMatmulPath('auto');
});

/** `count` random float32 values in [-1, 1). */
function f32(rand: () => number, count: number): Float32Array<ArrayBuffer> {
  return Float32Array.from({ length: count }, () => rand() * 2 - 1);
}

function contiguous(rand: () => number, shape: number[]): View<TypedArray> {
  return view(f32(rand, numel(shape)), shape);
}

/** A [..., rows, cols] view whose storage is [..., cols, rows]: the transpose of a contiguous array. */
function transposed(rand: () => number, shape: number[]): View<TypedArray> {
  const nd = shape.length;
  const [rows, cols] = [shape[nd - 2]!, shape[nd - 1]!];
  const strides = shape.map(() => 0);
  strides[nd - 1] = rows;
  strides[nd - 2] = 1;
  for (let d = nd - 3, s = rows * cols; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  return view(f32(rand, numel(shape)), shape, strides);
}

/** Storage index of a view's element idx (a prefix of its dims: the rest at 0). */
function offsetOf(v: View<TypedArray>, idx: readonly number[]): number {
  let i = v.offset;
  idx.forEach((x, d) => (i += x * v.strides[d]!));
  return i;
}

/** The product in float64 and, per output, the bound on a float32 sum's error. */
function reference(a: View<TypedArray>, b: View<TypedArray>): { want: Float64Array; tol: Float64Array } {
  const nd = a.shape.length;
  const [m, kk, n] = [a.shape[nd - 2]!, a.shape[nd - 1]!, b.shape[nd - 1]!];
  const [ars, acs, brs, bcs] = [a.strides[nd - 2]!, a.strides[nd - 1]!, b.strides[nd - 2]!, b.strides[nd - 1]!];
  const [ad, bd] = [a.storage, b.storage];
  const batches = indices(a.shape.slice(0, nd - 2));
  const want = new Float64Array(batches.length * m * n);
  const tol = new Float64Array(want.length);
  let o = 0;
  for (const bi of batches) {
    const [a0, b0] = [offsetOf(a, bi), offsetOf(b, bi)];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++, o++) {
        let s = 0;
        let abs = 0;
        for (let p = 0; p < kk; p++) {
          const t = ad[a0 + i * ars + p * acs]! * bd[b0 + p * brs + j * bcs]!;
          s += t;
          abs += Math.abs(t);
        }
        want[o] = s;
        tol[o] = (kk + 1) * U * abs + Number.MIN_VALUE;
      }
    }
  }
  return { want, tol };
}

function expectProduct(a: View<TypedArray>, b: View<TypedArray>): Float32Array {
  const got = k.matmul(a, b, 'float32');
  expect(got).toBeInstanceOf(Float32Array);
  const { want, tol } = reference(a, b);
  expect(got.length).toBe(want.length);
  let worst = -1;
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i]! - want[i]!) <= tol[i]!)) worst = i;
  }
  if (worst >= 0) expect.fail(`output ${worst}: got ${got[worst]}, want ${want[worst]} within ${tol[worst]}`);
  return got as Float32Array;
}

describe.each(PATHS)('float32 matmul on the %s path', (path) => {
  const use = (): void => {
    setMatmulPath(path);
  };

  it('is selected', () => {
    use();
    expect(matmulPath()).toBe(path);
  });

  it('matches float64 on odd square sizes', () => {
    use();
    const rand = rng(11);
    for (const s of [1, 3, 7, 17, 65, 129, 257]) expectProduct(contiguous(rand, [s, s]), contiguous(rand, [s, s]));
  });

  it('matches float64 past every block size (1000+ rows, depths and columns)', () => {
    use();
    const rand = rng(12);
    for (const [m, kk, n] of [
      [1001, 33, 77],
      [5, 1025, 19],
      [9, 17, 1031],
      [130, 300, 1030],
    ] as const) {
      expectProduct(contiguous(rand, [m, kk]), contiguous(rand, [kk, n]));
    }
  });

  it('reads transposed, offset and strided operands', () => {
    use();
    const rand = rng(13);
    for (const [m, kk, n] of [
      [37, 29, 45],
      [129, 70, 66],
      [6, 300, 10],
    ] as const) {
      expectProduct(transposed(rand, [m, kk]), contiguous(rand, [kk, n]));
      expectProduct(contiguous(rand, [m, kk]), transposed(rand, [kk, n]));
      expectProduct(scrambled(rand, [m, kk]), scrambled(rand, [kk, n])); // offset 3, transposed
      // Every other row and every third column of larger arrays: the span is mostly gaps.
      const a = view(f32(rand, 2 * m * 3 * kk), [m, kk], [6 * kk, 3], 1);
      const b = view(f32(rand, kk * 2 * n + 5), [kk, n], [2 * n, 2], 5);
      expectProduct(a, b);
      // A float64 view cast as it is read (float32 storage is staged as it is, this is gathered).
      expectProduct(view(Float64Array.from(f32(rand, m * kk)), [m, kk]), contiguous(rand, [kk, n]));
    }
  });

  it('broadcasts over batches: shared weights, a shared lhs, per-matrix products', () => {
    use();
    const rand = rng(14);
    for (const [m, kk, n] of [
      [5, 4, 6],
      [33, 65, 17],
    ] as const) {
      const w = view(f32(rand, kk * n), [2, 3, kk, n], [0, 0, n, 1]); // one tall product
      expectProduct(contiguous(rand, [2, 3, m, kk]), w);
      const lhs = view(f32(rand, m * kk), [3, m, kk], [0, kk, 1]);
      expectProduct(lhs, transposed(rand, [3, kk, n]));
      expectProduct(transposed(rand, [2, m, kk]), view(w.storage, [2, kk, n], [0, n, 1]));
    }
  });

  it('gives zeros for K = 0 and nothing for M or N = 0', () => {
    use();
    expect(
      Array.from(k.matmul(view(new Float32Array(0), [3, 0]), view(new Float32Array(0), [0, 40]), 'float32')),
    ).toEqual(new Array<number>(120).fill(0));
    expect(k.matmul(view(new Float32Array(0), [0, 40]), contiguous(rng(1), [40, 40]), 'float32').length).toBe(0);
  });
});

describe('threads', () => {
  it('splits large products by columns and by rows, bit for bit as one thread computes them', () => {
    const rand = rng(15);
    // Wide (columns split), tall (rows split) and a transposed, batched square: each product
    // above the threshold for threads (2^24 multiply-adds).
    const cases: [View<TypedArray>, View<TypedArray>][] = [
      [contiguous(rand, [64, 520]), contiguous(rand, [520, 600])],
      [contiguous(rand, [600, 100]), transposed(rand, [100, 300])],
      [transposed(rand, [2, 270, 250]), contiguous(rand, [2, 250, 260])],
    ];
    for (const [a, b] of cases) {
      setMatmulPath('wasm-threads');
      const threaded = expectProduct(a, b);
      expect(lastProductStats().threads).toBeGreaterThanOrEqual(2);
      expect(lastProductStats().chunks).toBeGreaterThanOrEqual(2);
      setMatmulPath('wasm');
      const single = k.matmul(a, b, 'float32');
      expect(lastProductStats()).toEqual({ threads: 1, chunks: 1, workerChunks: 0 });
      expect(Array.from(threaded)).toEqual(Array.from(single));
    }
  });

  it('has workers compute chunks (the main thread takes the chunks of a worker that wakes late)', () => {
    setMatmulPath('wasm-threads');
    const rand = rng(18);
    const [a, b] = [contiguous(rand, [256, 512]), contiguous(rand, [512, 1024])];
    const want = Array.from(expectProduct(a, b));
    let workerChunks = 0;
    for (let run = 0; run < 20 && workerChunks === 0; run++) {
      expect(Array.from(k.matmul(a, b, 'float32'))).toEqual(want);
      workerChunks = lastProductStats().workerChunks;
    }
    expect(workerChunks).toBeGreaterThan(0);
  });

  it('learns whether threads pay: measures both modes, keeps the faster, tries the slower every 8 products', () => {
    let s = FRESH_CHOICE;
    expect(preferThreads(s)).toBe(true);
    s = recordRate(s, true, 10); // threads: 10 multiply-adds per ms (a busy machine)
    expect(preferThreads(s)).toBe(false);
    s = recordRate(s, false, 20); // one thread: 20
    const modes: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      const threaded = preferThreads(s);
      modes.push(threaded);
      s = recordRate(s, threaded, threaded ? 10 : 20);
    }
    // 8 large products after the first threaded one (the 2 measurements included), threads again.
    expect(modes).toEqual([false, false, false, false, false, false, true, false, false, false]);
    // The machine frees up: threads measure 40, and win from then on.
    for (let i = 0; i < 8; i++) s = recordRate(s, preferThreads(s), preferThreads(s) ? 40 : 20);
    expect(preferThreads(s)).toBe(true);
    expect(s.many).toBeGreaterThan(s.one!);
  });

  it('keeps small products on the main thread', () => {
    setMatmulPath('wasm-threads');
    expectProduct(contiguous(rng(16), [200, 300]), contiguous(rng(17), [300, 250]));
    expect(lastProductStats().threads).toBe(1);
  });
});

describe('setMatmulPath', () => {
  it('returns to the best path on auto', () => {
    setMatmulPath('js');
    setMatmulPath('auto');
    expect(matmulPath()).not.toBe('js'); // Node 20 has WebAssembly SIMD
  });
});
