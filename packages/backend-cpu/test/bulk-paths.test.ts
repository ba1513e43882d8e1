import { describe, expect, it } from 'vitest';
import type { DType, TypedArray, View } from '@ag/core';
import { allocHost, contiguousStrides, numel } from '@ag/core';
import { cpu } from '../src/index.js';
import { at, indices, view } from './views.js';

/**
 * The paths taken by long contiguous rows: where's branchless select (4-byte values), sums over
 * leading axes (column sums), in-place writes as one memmove per row, and broadcast rows (a bias
 * over a batch). Each is checked element for element (Object.is: signed zeros and NaN count)
 * against a plain reference read through the strides.
 */
const k = cpu().kernels;

function expectSame(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`element ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

/** Deterministic values with signed zeros, NaN and infinities among them. */
function values(dtype: DType, n: number, seed: number): number[] {
  const floats = [1.5, -0, 0, -2.25, 3, Infinity, NaN, 0.1, -7, 2, -Infinity, 0.5, 1e30, -1e-30];
  const ints = [3, -7, 0, 2147483647, -2147483648, 5, 1, -1, 46341, 12];
  const pool = dtype === 'int32' ? ints : dtype === 'bool' ? [1, 0, 0, 1, 1, 0, 1] : floats;
  return Array.from({ length: n }, (_, i) => pool[(i * 7 + seed * 3 + ((i * i) >> 2)) % pool.length]!);
}

/** A contiguous view of `vals` with `shape`, behind `offset` elements of padding. */
function flat(dtype: DType, shape: readonly number[], vals: readonly number[], offset = 0): View<TypedArray> {
  const s = allocHost(dtype, offset + vals.length);
  vals.forEach((v, i) => (s[offset + i] = v));
  return view(s, shape, undefined, offset, dtype);
}

/** `v` read through its strides into `dtype`'s array, row-major. */
function dense(v: View<TypedArray>, dtype: DType = v.dtype): TypedArray {
  const res = allocHost(dtype, numel(v.shape));
  indices(v.shape).forEach((i, j) => (res[j] = at(v, i)));
  return res;
}

describe('where on contiguous rows of 4-byte values', () => {
  const LENGTHS = [0, 1, 3, 4, 5, 8, 13, 37, 1000];

  it('selects exactly, with rows or single values on either side', () => {
    for (const dtype of ['float32', 'int32'] as const) {
      for (const n of LENGTHS) {
        const cond = flat('bool', [n], values('bool', n, 1), 3);
        const a = flat(dtype, [n], values(dtype, n, 2), 1);
        const b = flat(dtype, [n], values(dtype, n, 3), 5);
        const va = view(a.storage, [n], [0], 1, dtype);
        const vb = view(b.storage, [n], [0], 5, dtype);
        for (const [x, y] of [
          [a, b],
          [a, vb],
          [va, b],
        ] as const) {
          const want = allocHost(dtype, n);
          for (let j = 0; j < n; j++) want[j] = at(cond, [j]) !== 0 ? at(x, [j]) : at(y, [j]);
          expectSame(k.where(cond, x, y, dtype), want);
        }
      }
    }
  });

  it('keeps NaN payloads and negative zero bit for bit', () => {
    const bits = Uint32Array.of(0x7fc00001, 0x80000000, 0xffc12345, 0x3f800000, 0x00000001);
    const a = view(new Float32Array(bits.buffer), [5]);
    const b = view(Float32Array.of(9, 9, 9, 9, 9), [5]);
    const got = k.where(view(Uint8Array.of(1, 1, 1, 0, 1), [5], undefined, 0, 'bool'), a, b, 'float32') as Float32Array;
    expectSame(
      new Uint32Array(got.buffer, got.byteOffset, 5),
      [0x7fc00001, 0x80000000, 0xffc12345, 0x41100000, 0x00000001],
    );
  });

  it('widens an operand of another storage type (bool read as int32) on the general loop', () => {
    const cond = view(Uint8Array.of(1, 0, 1, 0, 1), [5], undefined, 0, 'bool');
    const ones = view(Uint8Array.of(1, 1, 0, 1, 1), [5], undefined, 0, 'bool');
    const ints = view(Int32Array.of(-5, 6, -7, 8, -9), [5]);
    expectSame(k.where(cond, ones, ints, 'int32'), [1, 6, 0, 8, 1]);
  });

  it('reads a condition of any dtype as nonzero (NaN is true)', () => {
    const cond = view(Float32Array.of(0, -0, NaN, 2, 0, 0.5), [6]);
    const a = view(Int32Array.of(1, 2, 3, 4, 5, 6), [6]);
    const b = view(Int32Array.of(-1, -2, -3, -4, -5, -6), [6]);
    expectSame(k.where(cond, a, b, 'int32'), [-1, -2, 3, 4, -5, 6]);
  });

  it('leaves float64 and bool results to the general loop, with the same values', () => {
    for (const dtype of ['float64', 'bool'] as const) {
      const n = 11;
      const cond = flat('bool', [n], values('bool', n, 4));
      const a = flat(dtype, [n], values(dtype, n, 5));
      const b = view(flat(dtype, [1], [dtype === 'bool' ? 0 : -0]).storage, [n], [0], 0, dtype);
      const want = Array.from({ length: n }, (_, j) => (at(cond, [j]) !== 0 ? at(a, [j]) : at(b, [j])));
      expectSame(k.where(cond, a, b, dtype), want);
    }
  });
});

describe('sums over leading axes of a contiguous input', () => {
  it('add each column down its rows in order, as the row-by-row loop does', () => {
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      for (const shape of [
        [128, 256],
        [7, 13],
        [3, 8],
        [5, 1],
        [1, 9],
        [0, 4],
        [4, 0],
        [2, 6, 11],
        [6, 9, 2],
      ]) {
        const x = flat(
          dtype,
          shape,
          values(dtype, numel(shape), 6).map((v) => (dtype === 'int32' ? v : Number.isFinite(v) ? v : 0.75)),
          2,
        );
        for (const axes of [[0], shape.length === 3 ? [0, 1] : [0]]) {
          const outShape = shape.map((s, d) => (axes.includes(d) ? 1 : s));
          const got = k.reduce('sum', x, axes, dtype);
          // Reference: float64 (int32: wrapping) accumulators, rows added in order.
          const acc = dtype === 'int32' ? new Int32Array(numel(outShape)) : new Float64Array(numel(outShape));
          const outStrides = contiguousStrides(outShape);
          for (const i of indices(shape)) {
            const o = i.reduce((s, v, d) => s + (axes.includes(d) ? 0 : v * outStrides[d]!), 0);
            acc[o] = acc[o]! + at(x, i);
          }
          expectSame(got, dtype === 'float32' ? Float32Array.from(acc) : acc);
        }
      }
    }
  });

  it('keeps -0 out of an empty or all -0 sum (the identity is +0)', () => {
    expectSame(
      k.reduce('sum', flat('float32', [2, 9], new Array<number>(18).fill(-0)), [0], 'float32'),
      new Float32Array(9),
    );
  });
});

describe('in-place writes along contiguous rows', () => {
  it('writes a whole tensor, rows of a view and a cast', () => {
    const dst = flat('float32', [4, 6], values('float32', 24, 7));
    k.assign(dst, flat('float32', [4, 6], values('float32', 24, 8), 3));
    expectSame(dense(dst), Float32Array.from(values('float32', 24, 8)));

    // Rows 1..2, columns 2..5 of a 4 x 6 tensor: rows of 4 at stride 6.
    const base = flat('float32', [24], values('float32', 24, 9));
    const window = view(base.storage, [2, 4], [6, 1], 8, 'float32');
    const src = flat('float32', [2, 4], [1, 2, 3, 4, 5, 6, 7, 8]);
    const before = Array.from(base.storage);
    k.assign(window, src);
    const want = before.slice();
    [1, 2, 3, 4].forEach((v, j) => (want[8 + j] = v));
    [5, 6, 7, 8].forEach((v, j) => (want[14 + j] = v));
    expectSame(base.storage, Float32Array.from(want));

    // float64 into int32: the store truncates, as an element store does.
    const ints = flat('int32', [4], [0, 0, 0, 0]);
    k.assign(ints, flat('float64', [4], [2.9, -2.9, 2147483648, -0]));
    expectSame(ints.storage, Int32Array.of(2, -2, -2147483648, 0));
  });

  it('copies overlapping ranges of one storage as if through a temporary', () => {
    const s = Float32Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    k.assign(view(s, [6], undefined, 2), view(s, [6], undefined, 0));
    expectSame(s, [0, 1, 0, 1, 2, 3, 4, 5]);
  });

  it('still writes strided and broadcast sources element by element', () => {
    const dst = flat('float32', [3, 4], new Array<number>(12).fill(0));
    k.assign(dst, view(Float32Array.of(1, 2, 3), [3, 4], [1, 0]));
    expectSame(dst.storage, [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });
});

describe('a row broadcast over rows', () => {
  it('adds a bias to rows of every length the two loops split at', () => {
    for (const n of [100, 127, 128, 129, 300]) {
      const rows = 3;
      const x = flat('float32', [rows, n], values('float32', rows * n, 10), 1);
      const bias = view(flat('float32', [n], values('float32', n, 11)).storage, [rows, n], [0, 1], 0, 'float32');
      for (const op of ['add', 'sub', 'mul', 'div'] as const) {
        const f = {
          add: (p: number, q: number) => p + q,
          sub: (p: number, q: number) => p - q,
          mul: (p: number, q: number) => p * q,
          div: (p: number, q: number) => p / q,
        }[op];
        const want = Float32Array.from(indices([rows, n]), (i) => f(at(x, i), at(bias, i)));
        expectSame(k.binary(op, x, bias, 'float32'), want);
        const wantLeft = Float32Array.from(indices([rows, n]), (i) => f(at(bias, i), at(x, i)));
        expectSame(k.binary(op, bias, x, 'float32'), wantLeft);
      }
    }
  });
});

describe('a contiguous row compared with one value', () => {
  it('gives what the comparison gives, on either side, NaN and signed zeros included', () => {
    const fns = {
      eq: (p: number, q: number) => p === q,
      ne: (p: number, q: number) => p !== q,
      lt: (p: number, q: number) => p < q,
      le: (p: number, q: number) => p <= q,
      gt: (p: number, q: number) => p > q,
      ge: (p: number, q: number) => p >= q,
    };
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      for (const n of [0, 1, 7, 8, 9, 37]) {
        const x = flat(dtype, [n], values(dtype, n, 12), 2);
        for (const s of dtype === 'int32' ? [0, -7, 2147483647] : [0, -0, NaN, 1.5, -Infinity]) {
          const one = view(flat(dtype, [2], [9, s]).storage, [n], [0], 1, dtype);
          for (const op of Object.keys(fns) as (keyof typeof fns)[]) {
            const f = fns[op];
            expectSame(
              k.compare(op, x, one, dtype),
              Uint8Array.from({ length: n }, (_, j) => +f(at(x, [j]), s)),
            );
            expectSame(
              k.compare(op, one, x, dtype),
              Uint8Array.from({ length: n }, (_, j) => +f(s, at(x, [j]))),
            );
          }
        }
      }
    }
  });
});
