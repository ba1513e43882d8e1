import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { cpu } from '../src/index.js';
import { binaryFns, intBinaryFns, unaryFns } from '../src/kernels/table.js';
import { at, indices, randoms, rng, view } from './views.js';

/**
 * The contiguous loops (unrolled by eight, indexing rows from 0) against the scalar table, on
 * sizes around the unrolling, on rows that start at an offset, and with a scalar on either side.
 */
const k = cpu().kernels;
const SIZES = [0, 1, 7, 8, 9, 15, 16, 17, 1023, 1025];
const rand = rng(6);

/** A contiguous float32 view of `n` random values behind `offset` padding values. */
function values(n: number, offset = 0, scale = 4): View<TypedArray> {
  const data = Float32Array.from(randoms(rand, n + offset), (v) => v * scale);
  return view(data, [n], [1], offset);
}

/** What `f` gives element by element, read through the views' strides, rounded to float32. */
function reference(shape: readonly number[], f: (idx: number[]) => number): number[] {
  return Array.from(Float32Array.from(indices(shape), f));
}

describe('contiguous binary loops', () => {
  for (const op of ['add', 'sub', 'mul', 'div'] as const) {
    it(`${op}: same-shape rows of every size, at offsets`, () => {
      for (const n of SIZES) {
        for (const [oa, ob] of [
          [0, 0],
          [3, 5],
        ] as const) {
          const a = values(n, oa);
          const b = values(n, ob);
          const want = reference([n], (i) => binaryFns[op](at(a, i), at(b, i)));
          expect(Array.from(k.binary(op, a, b, 'float32'))).toEqual(want);
        }
      }
    });

    it(`${op}: a broadcast scalar on either side`, () => {
      for (const n of SIZES) {
        const x = values(n, 2);
        const s = view(Float32Array.from([9, 0.75]), [n], [0], 1);
        expect(Array.from(k.binary(op, x, s, 'float32'))).toEqual(reference([n], (i) => binaryFns[op](at(x, i), 0.75)));
        expect(Array.from(k.binary(op, s, x, 'float32'))).toEqual(reference([n], (i) => binaryFns[op](0.75, at(x, i))));
      }
    });
  }

  it('rows against a per-row value, as softmax subtracts its max', () => {
    const [r, c] = [3, 515]; // rows long enough for the contiguous loops
    const x = view(Float32Array.from(randoms(rand, r * c + 1)), [r, c], [c, 1], 1);
    const m = view(Float32Array.from(randoms(rand, r)), [r, c], [1, 0]);
    for (const op of ['sub', 'div'] as const) {
      const want = reference([r, c], (i) => binaryFns[op](at(x, i), at(m, i)));
      expect(Array.from(k.binary(op, x, m, 'float32'))).toEqual(want);
      const wantLeft = reference([r, c], (i) => binaryFns[op](at(m, i), at(x, i)));
      expect(Array.from(k.binary(op, m, x, 'float32'))).toEqual(wantLeft);
    }
  });

  it('keeps signed zeros: x - 0 and 0 - x as IEEE subtraction gives them', () => {
    const zeros = view(Float64Array.from([0, -0, 0, -0, 0, -0, 0, -0, 0, -0]), [10]);
    const zero = view(Float64Array.from([0]), [10], [0]);
    const negZero = view(Float64Array.from([-0]), [10], [0]);
    for (const s of [zero, negZero]) {
      const right = k.binary('sub', zeros, s, 'float64');
      const left = k.binary('sub', s, zeros, 'float64');
      for (let i = 0; i < 10; i++) {
        expect(Object.is(right[i], at(zeros, [i]) - at(s, [i]))).toBe(true);
        expect(Object.is(left[i], at(s, [i]) - at(zeros, [i]))).toBe(true);
      }
    }
  });

  it('wraps int32 add and sub, and leaves int32 mul and div their own meaning', () => {
    const big = [2147483647, -2147483648, 123456789, -987654321, 65536, 3, -7, 46341, 1, 0, 2147483000];
    const a = view(Int32Array.from(big), [big.length]);
    const b = view(Int32Array.from(big.map((v, i) => (i % 2 === 0 ? v : -v | 0))), [big.length]);
    const s = view(Int32Array.from([-2147483648]), [big.length], [0]);
    for (const op of ['add', 'sub', 'mul', 'div'] as const) {
      for (const [x, y] of [
        [a, b],
        [a, s],
        [s, a],
      ] as const) {
        const want = Array.from(Int32Array.from(indices(x.shape), (i) => intBinaryFns[op](at(x, i), at(y, i))));
        expect(Array.from(k.binary(op, x, y, 'int32'))).toEqual(want);
      }
    }
  });
});

describe('contiguous unary and sum loops', () => {
  it('relu on odd sizes and offsets, with NaN, infinities and signed zeros', () => {
    const special = [NaN, -Infinity, Infinity, -0, 0, -1e-30, 3.5, -2];
    for (const n of SIZES) {
      const data = Float64Array.from(
        { length: n + 3 },
        (_, i) => special[i % special.length]! * (i % 3 === 0 ? 1 : rand()),
      );
      const x = view(data, [n], [1], 3);
      const got = k.unary('relu', x, 'float64');
      for (let i = 0; i < n; i++) expect(Object.is(got[i], unaryFns.relu(data[i + 3]!))).toBe(true);
    }
  });

  it('exp on odd sizes and offsets, rounded to float32 once', () => {
    for (const n of SIZES) {
      const x = values(n, 5);
      expect(Array.from(k.unary('exp', x, 'float32'))).toEqual(reference([n], (i) => Math.exp(at(x, i))));
    }
  });

  it('sums contiguous rows of every size, at an offset', () => {
    for (const n of SIZES) {
      const x = values(n, 3, 1);
      const want = Array.from({ length: n }, (_, i) => at(x, [i])).reduce((s, v) => s + v, 0);
      expect(k.reduce('sum', x, [0], 'float64')[0]).toBeCloseTo(want, 10);
      const rows = view(x.storage, [2, Math.floor(n / 2)], [Math.floor(n / 2), 1], 3);
      const got = k.reduce('sum', rows, [1], 'float64');
      for (let r = 0; r < 2; r++) {
        const row = indices([Math.floor(n / 2)]).map(([j]) => at(rows, [r, j!]));
        expect(got[r]).toBeCloseTo(
          row.reduce((s, v) => s + v, 0),
          10,
        );
      }
      expect(numel(rows.shape)).toBeLessThanOrEqual(n);
    }
  });
});
