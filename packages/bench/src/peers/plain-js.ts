import type { Contender, Preparation } from '../contender.js';
import { SHAPES, randomF32 } from '../data.js';

/**
 * The floor for memory-bound work: plain loops into preallocated arrays, no library. The issue
 * asks ag's elementwise ops and reductions to stay within 2x of this. (No allocation per run,
 * which a library that returns a fresh tensor cannot avoid without a buffer pool.)
 */
export function plainJsContender(): Contender {
  const n = SHAPES.elementwise;
  const loop = (f: () => unknown): Promise<Preparation> => Promise.resolve({ run: () => Promise.resolve(f()) });
  return {
    name: 'plain js',
    setup: () => Promise.resolve(undefined),
    note: () => 'preallocated loops, the floor for memory-bound work',
    add() {
      const [a, b, out] = [randomF32(n, 1), randomF32(n, 2), new Float32Array(n)];
      return loop(() => {
        for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
      });
    },
    reluAffine() {
      const [x, w, b, out] = [randomF32(n, 1), randomF32(n, 2), randomF32(n, 3), new Float32Array(n)];
      return loop(() => {
        for (let i = 0; i < n; i++) {
          const v = x[i]! * w[i]! + b[i]!;
          out[i] = v > 0 ? v : 0;
        }
      });
    },
    sum() {
      const x = randomF32(SHAPES.sum, 1);
      return loop(() => {
        // Four accumulators: one is bound by the latency of each add.
        let s0 = 0,
          s1 = 0,
          s2 = 0,
          s3 = 0;
        for (let i = 0; i < x.length; i += 4) {
          s0 += x[i]!;
          s1 += x[i + 1]!;
          s2 += x[i + 2]!;
          s3 += x[i + 3]!;
        }
        return s0 + s1 + s2 + s3;
      });
    },
    softmax() {
      const [r, c] = SHAPES.softmax;
      const [x, out] = [randomF32(r * c, 1, 4), new Float32Array(r * c)];
      return loop(() => {
        for (let i = 0; i < r; i++) {
          const o = i * c;
          let m = -Infinity;
          for (let j = 0; j < c; j++) m = Math.max(m, x[o + j]!);
          let s = 0;
          for (let j = 0; j < c; j++) s += out[o + j] = Math.exp(x[o + j]! - m);
          for (let j = 0; j < c; j++) out[o + j]! /= s;
        }
      });
    },
  };
}
