import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { BINARY_OPS, COMPARE_OPS } from '@ag/core';
import { I32_MAX, I32_MIN, k } from './kernel-helpers.js';
import { at, f64, indices, randoms, rng, scrambled, toArray, view } from './views.js';

/** The binary, compare and where kernels on strided and broadcast views, against the naive elementwise loop. */
/** The naive elementwise reference: op over every index, read through strides. */
function naive2(a: View<TypedArray>, b: View<TypedArray>, fn: (x: number, y: number) => number): number[] {
  return indices(a.shape).map((idx) => fn(at(a, idx), at(b, idx)));
}

describe('binary', () => {
  const closed: Record<string, (x: number, y: number) => number> = {
    add: (x, y) => x + y,
    sub: (x, y) => x - y,
    mul: (x, y) => x * y,
    div: (x, y) => x / y,
    pow: (x, y) => Math.pow(Math.abs(x), y),
    maximum: Math.max,
    minimum: Math.min,
    atan2: Math.atan2,
    remainder: (x, y) => x - Math.floor(x / y) * y,
    fmod: (x, y) => x - Math.trunc(x / y) * y,
  };
  const floatOps = BINARY_OPS.filter((op) => !op.startsWith('bitwise'));
  it.each(floatOps.map((op) => [op]))('%s on transposed, broadcast and offset views', (op) => {
    const rand = rng(2);
    const a = scrambled(rand, [4, 3, 5]);
    const b = view(randoms(rand, 8), [4, 3, 5], [0, 1, 0], 2); // broadcast over dims 0 and 2
    const pa = op === 'pow' ? view(Float64Array.from(a.storage, Math.abs), a.shape, a.strides, a.offset) : a;
    expect(toArray(k.binary(op, pa, b, 'float64'))).toEqual(naive2(a, b, closed[op]!));
    const scalar = view(Float64Array.from([0.5]), [4, 3, 5], [0, 0, 0]);
    expect(toArray(k.binary(op, pa, scalar, 'float64'))).toEqual(naive2(a, scalar, closed[op]!));
  });

  // The bitwise ops, integer only, against BigInt arithmetic; shifts by -2..40 cross both edges.
  const big = (f: (x: bigint, y: bigint) => bigint) => (x: number, y: number) =>
    Number(BigInt.asIntN(32, f(BigInt(x), BigInt(y))));
  const bitwise: Record<string, (x: number, y: number) => number> = {
    bitwiseAnd: big((x, y) => x & y),
    bitwiseOr: big((x, y) => x | y),
    bitwiseXor: big((x, y) => x ^ y),
    bitwiseLeftShift: (x, y) => (y < 0 || y >= 32 ? 0 : big((p, q) => p << q)(x, y)),
    bitwiseRightShift: (x, y) => big((p, q) => p >> q)(x, y < 0 || y > 31 ? 31 : y),
  };
  it.each(Object.keys(bitwise).map((op) => [op]))('%s on int32 transposed and broadcast views', (op) => {
    const rand = rng(3);
    const a = scrambled(rand, [4, 3, 5]);
    const ai = view(
      Int32Array.from(a.storage, (v) => Math.floor(v * 2 ** 31)),
      a.shape,
      a.strides,
      a.offset,
    );
    const amounts = Int32Array.from(randoms(rand, 8), (v) => Math.floor((v + 1) * 21) - 2);
    const b = view(amounts, [4, 3, 5], [0, 1, 0], 2);
    expect(toArray(k.binary(op as (typeof BINARY_OPS)[number], ai, b, 'int32'))).toEqual(naive2(ai, b, bitwise[op]!));
  });

  it('rounds float32 results and reads int32 operands as float32 first', () => {
    const got = k.binary('add', f64([0.1]), f64([0.2]), 'float32');
    expect(got[0]).toBe(Math.fround(0.1 + 0.2));
    const big = view(Int32Array.from([16777217]), [1]);
    expect(k.binary('mul', big, view(Float32Array.from([3]), [1]), 'float32')[0]).toBe(50331648);
  });

  it('wraps int32 like C', () => {
    const i32 = (...v: number[]) => view(Int32Array.from(v), [v.length]);
    expect(toArray(k.binary('add', i32(I32_MAX, I32_MIN), i32(1, -1), 'int32'))).toEqual([I32_MIN, I32_MAX]);
    expect(toArray(k.binary('sub', i32(I32_MIN), i32(1), 'int32'))).toEqual([I32_MAX]);
    expect(toArray(k.binary('mul', i32(65536, 123456789), i32(65536, 987654321), 'int32'))).toEqual([
      0,
      Number(BigInt.asIntN(32, 123456789n * 987654321n)),
    ]);
    expect(
      toArray(k.binary('pow', i32(3, 2, -2, 1, -1, -1, 5, 0), i32(21, 31, 3, -4, -3, -2, -1, 0), 'int32')),
    ).toEqual([Number(BigInt.asIntN(32, 3n ** 21n)), I32_MIN, -8, 1, -1, 1, 0, 1]);
    expect(toArray(k.binary('div', i32(-7, 7), i32(2, 2), 'int32'))).toEqual([-3, 3]);
  });

  it('propagates NaN through maximum and minimum, and follows C pow', () => {
    expect(toArray(k.binary('maximum', f64([NaN, 1]), f64([1, NaN]), 'float64'))).toEqual([NaN, NaN]);
    expect(toArray(k.binary('minimum', f64([NaN, 1]), f64([1, NaN]), 'float64'))).toEqual([NaN, NaN]);
    expect(toArray(k.binary('pow', f64([1, -1, NaN]), f64([NaN, Infinity, 0]), 'float64'))).toEqual([1, 1, 1]);
    expect(toArray(k.binary('div', f64([1, -1, 0]), f64([0, 0, 0]), 'float64'))).toEqual([Infinity, -Infinity, NaN]);
  });

  it('stores bool results as 0/1 and handles empty and 0-d shapes', () => {
    const t = view(Uint8Array.from([1, 1, 0]), [3]);
    expect(toArray(k.binary('add', t, t, 'bool'))).toEqual([1, 1, 0]);
    expect(
      k.binary('add', view(new Float32Array(0), [0, 3]), view(new Float32Array(0), [0, 3]), 'float32').length,
    ).toBe(0);
    expect(
      toArray(k.binary('sub', view(Float32Array.from([5]), []), view(Float32Array.from([2]), []), 'float32')),
    ).toEqual([3]);
  });
});

describe('compare', () => {
  const closed: Record<string, (x: number, y: number) => boolean> = {
    eq: (x, y) => x === y,
    ne: (x, y) => x !== y,
    lt: (x, y) => x < y,
    le: (x, y) => x <= y,
    gt: (x, y) => x > y,
    ge: (x, y) => x >= y,
  };
  it.each(COMPARE_OPS.map((op) => [op]))('%s into bool with NaN false except ne', (op) => {
    const a = view(Float64Array.from([1, 2, NaN, 3, 2, NaN]), [2, 3], [1, 2]);
    const b = view(Float64Array.from([2, NaN, 2]), [2, 3], [0, 1]);
    const got = k.compare(op, a, b, 'float64');
    expect(got).toBeInstanceOf(Uint8Array);
    expect(toArray(got)).toEqual(naive2(a, b, (x, y) => +closed[op]!(x, y)));
  });

  it('compares in the cmp dtype', () => {
    const big = view(Int32Array.from([16777217]), [1]);
    expect(toArray(k.compare('eq', big, view(Float32Array.from([16777216]), [1]), 'float32'))).toEqual([1]);
    expect(toArray(k.compare('eq', big, view(Float64Array.from([16777216]), [1]), 'float64'))).toEqual([0]);
  });
});

describe('where', () => {
  it('selects through strided views and casts to out', () => {
    const cond = view(Uint8Array.from([1, 0, 0, 1]), [2, 2], [1, 2]); // [[1,0],[0,1]]
    const a = f64([1.5, 2.5, 3.5, 4.5], [2, 2]);
    const b = view(Float64Array.from([-1]), [2, 2], [0, 0]);
    expect(toArray(k.where(cond, a, b, 'float64'))).toEqual([1.5, -1, -1, 4.5]);
    expect(toArray(k.where(cond, a, b, 'int32'))).toEqual([1, -1, -1, 4]);
    expect(toArray(k.where(cond, a, f64([0, 0, 0, 0], [2, 2]), 'bool'))).toEqual([1, 0, 0, 1]);
  });
});
