import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { REDUCE_OPS, contiguousStrides, numel } from '@ag/core';
import { I32_MAX, I32_MIN, close, k } from './kernel-helpers.js';
import { at, f64, indices, randoms, rng, scrambled, toArray, view } from './views.js';

/** The reduce kernel over any set of axes, against the naive fold. */
/** The naive reduction reference: every output index folds the input indices that map onto it. */
function naiveReduce(op: string, x: View<TypedArray>, axes: readonly number[]): number[] {
  const outShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const groups: number[][] = Array.from({ length: numel(outShape) }, () => []);
  const outStrides = contiguousStrides(outShape);
  for (const idx of indices(x.shape)) {
    const o = idx.reduce((acc, v, d) => acc + (axes.includes(d) ? 0 : v * outStrides[d]!), 0);
    groups[o]!.push(at(x, idx));
  }
  const fold = {
    sum: (a: number, b: number) => a + b,
    prod: (a: number, b: number) => a * b,
    max: Math.max,
    min: Math.min,
  }[op]!;
  const init = { sum: 0, prod: 1, max: -Infinity, min: Infinity }[op]!;
  return groups.map((g) => g.reduce((acc, v) => fold(acc, v), init));
}

describe('reduce', () => {
  const cases: [string, number[], number[]][] = [
    ['all', [3, 4, 5], [0, 1, 2]],
    ['last axis', [6, 9], [1]],
    ['leading axis', [9, 6], [0]],
    ['middle axis', [3, 7, 4], [1]],
    ['outer and inner axes', [3, 2, 5, 4], [0, 3]],
    ['no axes', [2, 3], []],
  ];
  for (const op of REDUCE_OPS) {
    it.each(cases)(`${op} over %s, contiguous and transposed`, (_, shape, axes) => {
      const rand = rng(3);
      const contiguous = view(randoms(rand, numel(shape)), shape);
      close(k.reduce(op, contiguous, axes, 'float64'), naiveReduce(op, contiguous, axes));
      const transposed = scrambled(rand, shape);
      close(k.reduce(op, transposed, axes, 'float64'), naiveReduce(op, transposed, axes));
    });
  }

  it('reads broadcast inputs and long rows (several accumulators)', () => {
    const b = view(Float64Array.from([1, 2, 3]), [1000, 3], [0, 1]);
    expect(toArray(k.reduce('sum', b, [0], 'float64'))).toEqual([1000, 2000, 3000]);
    expect(toArray(k.reduce('sum', b, [0, 1], 'float32'))).toEqual([6000]);
    const x = view(randoms(rng(4), 1003), [1003]);
    close(k.reduce('sum', x, [0], 'float64'), naiveReduce('sum', x, [0]));
    close(k.reduce('max', x, [0], 'float64'), naiveReduce('max', x, [0]));
  });

  it('gives the identity over empty sets and empty outputs for empty kept dims', () => {
    const empty = view(new Float32Array(0), [2, 0]);
    expect(toArray(k.reduce('sum', empty, [1], 'float32'))).toEqual([0, 0]);
    expect(toArray(k.reduce('prod', empty, [1], 'float32'))).toEqual([1, 1]);
    expect(k.reduce('sum', empty, [0], 'float32').length).toBe(0);
    expect(toArray(k.reduce('sum', view(Float32Array.from([4]), []), [], 'float32'))).toEqual([4]);
  });

  it('propagates NaN through max and min, group by group', () => {
    const x = f64([1, NaN, 3, 4, 5, 6, 7, 8, 9, 10], [2, 5]);
    expect(toArray(k.reduce('max', x, [1], 'float64'))).toEqual([NaN, 10]);
    expect(toArray(k.reduce('min', x, [1], 'float64'))).toEqual([NaN, 6]);
    expect(toArray(k.reduce('max', x, [0], 'float64'))).toEqual([6, NaN, 8, 9, 10]);
  });

  it('wraps int32 sums and products and normalizes bool', () => {
    const i32 = view(Int32Array.from([I32_MAX, 1, 65536, 65536, 3, -7]), [3, 2]);
    expect(toArray(k.reduce('sum', i32, [1], 'int32'))).toEqual([I32_MIN, 131072, -4]);
    expect(toArray(k.reduce('prod', i32, [1], 'int32'))).toEqual([I32_MAX, 0, -21]);
    expect(toArray(k.reduce('sum', i32, [0], 'int32'))).toEqual([I32_MAX + 65536 + 3 - 2 ** 32, 65530]);
    expect(toArray(k.reduce('max', i32, [0, 1], 'int32'))).toEqual([I32_MAX]);
    expect(toArray(k.reduce('min', i32, [0, 1], 'int32'))).toEqual([-7]);
    const bools = view(Uint8Array.from([0, 1, 0, 0]), [2, 2]);
    expect(toArray(k.reduce('max', bools, [1], 'bool'))).toEqual([1, 0]);
    expect(toArray(k.reduce('sum', bools, [0, 1], 'int32'))).toEqual([1]);
  });
});
