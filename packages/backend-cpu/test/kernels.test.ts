import { describe, expect, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import { BINARY_OPS, COMPARE_OPS, REDUCE_OPS, UNARY_OPS, contiguousStrides, numel } from '@ag/core';
import { cpu } from '../src/index.js';
import { at, f64, indices, randoms, rng, scrambled, toArray, view } from './views.js';

const backend = cpu();
const k = backend.kernels;
const I32_MIN = -2147483648;
const I32_MAX = 2147483647;

describe('backend', () => {
  it('names itself and its dtypes', () => {
    expect(backend.name).toBe('cpu');
    expect([...backend.dtypes]).toEqual(['float32', 'float64', 'int32', 'bool']);
  });

  it('copies on upload and on read', async () => {
    const data = Float32Array.from([1, 2, 3]);
    const s = backend.upload(data, 'float32');
    data[0] = 9;
    expect(toArray(s)).toEqual([1, 2, 3]);
    const read = await backend.read(s, 'float32', 2);
    read[0] = 7;
    expect(toArray(read)).toEqual([7, 2]);
    expect(toArray(backend.readSync!(s, 'float32', 3))).toEqual([1, 2, 3]);
    expect(typeof backend.free).toBe('function'); // freed arrays go back to the pool (pool.test.ts)
  });

  it('normalizes bool on upload', () => {
    expect(toArray(backend.upload(Uint8Array.from([0, 2, 255]), 'bool'))).toEqual([0, 1, 1]);
  });
});

describe('fill', () => {
  it('fills in every dtype, bool as 0/1, keeping -0', () => {
    expect(toArray(k.fill(3, 2.5, 'float32'))).toEqual([2.5, 2.5, 2.5]);
    expect(toArray(k.fill(2, -2.7, 'int32'))).toEqual([-2, -2]);
    expect(toArray(k.fill(2, 2, 'bool'))).toEqual([1, 1]);
    expect(toArray(k.fill(1, NaN, 'bool'))).toEqual([1]);
    expect(Object.is(k.fill(1, -0, 'float64')[0], -0)).toBe(true);
    expect(k.fill(0, 1, 'float32').length).toBe(0);
  });
});

describe('copy', () => {
  it('gathers transposed, offset and broadcast views', () => {
    const x = view(Float32Array.from([9, 0, 1, 2, 3, 4, 5]), [3, 2], [1, 3], 1); // [[0,3],[1,4],[2,5]]
    expect(toArray(k.copy(x, 'float32'))).toEqual([0, 3, 1, 4, 2, 5]);
    const b = view(Float32Array.from([7, 8]), [3, 2], [0, 1]);
    expect(toArray(k.copy(b, 'float64'))).toEqual([7, 8, 7, 8, 7, 8]);
    expect(toArray(k.copy(view(Float32Array.from([1, 2, 3]), [], [], 2), 'float32'))).toEqual([3]);
    expect(k.copy(view(new Float32Array(0), [2, 0, 3]), 'float32').length).toBe(0);
  });

  it('casts as PyTorch does', () => {
    const x = f64([-2.7, 2.7, 0, 0.5, NaN]);
    expect(toArray(k.copy(x, 'int32')).slice(0, 4)).toEqual([-2, 2, 0, 0]);
    expect(toArray(k.copy(x, 'bool'))).toEqual([1, 1, 0, 1, 1]);
    expect(k.copy(f64([0.1]), 'float32')[0]).toBe(Math.fround(0.1));
    expect(k.copy(view(Int32Array.from([16777217]), [1]), 'float32')[0]).toBe(16777216);
    const strided = view(Float64Array.from([0.5, 9, 0, 9, -1]), [3], [2]);
    expect(toArray(k.copy(strided, 'bool'))).toEqual([1, 0, 1]);
  });
});

describe('unary', () => {
  const closed: Record<string, (x: number) => number> = {
    neg: (x) => -x,
    exp: Math.exp,
    log: Math.log,
    abs: Math.abs,
    sign: Math.sign,
    sqrt: Math.sqrt,
    sin: Math.sin,
    cos: Math.cos,
    tanh: Math.tanh,
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    relu: (x) => (x > 0 ? x : 0),
    floor: Math.floor,
    ceil: Math.ceil,
    logicalNot: (x) => (x === 0 ? 1 : 0),
    exp2: (x) => Math.pow(2, x),
    expm1: Math.expm1,
    log2: Math.log2,
    log10: Math.log10,
    log1p: Math.log1p,
    tan: Math.tan,
    asin: Math.asin,
    acos: Math.acos,
    atan: Math.atan,
    sinh: Math.sinh,
    cosh: Math.cosh,
    asinh: Math.asinh,
    acosh: Math.acosh,
    atanh: Math.atanh,
    erf: erfSeries,
    trunc: Math.trunc,
    round: (x) => (x - Math.floor(x) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x)),
  };
  it.each(UNARY_OPS.map((op) => [op]))('%s on a strided view matches its closed form', (op) => {
    const x = scrambled(rng(1), [3, 4, 5]);
    const out = op === 'logicalNot' ? 'bool' : 'float64';
    const got = k.unary(op, x, out);
    indices(x.shape).forEach((idx, i) => {
      const want = closed[op]!(at(x, idx));
      if (op === 'erf') expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(want)));
      else expect(got[i]).toBe(want);
    });
  });

  it('erf is accurate to double precision on every range of its approximation', () => {
    const xs = [1e-300, 1e-9, 0.1, 0.5, 0.84, 0.85, 1, 1.24, 1.26, 1.7, 2, -0.5, -2]; // the series cancels beyond 2
    const got = k.unary('erf', f64(xs), 'float64');
    xs.forEach((v, i) => {
      expect(Math.abs(got[i]! - erfSeries(v))).toBeLessThanOrEqual(2e-15 * Math.abs(erfSeries(v)));
    });
    // tabulated values, and the tails
    expect(toArray(k.unary('erf', f64([0.5, 1, 2.5, 3, 6, 40, -Infinity, NaN]), 'float64'))).toEqual([
      0.5204998778130465,
      0.8427007929497149,
      0.999593047982555,
      0.9999779095030014,
      1,
      1,
      -1,
      NaN,
    ]);
  });

  it('round sends halves to the even neighbour', () => {
    expect(
      toArray(
        k.unary('round', f64([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999999999999994, 4503599627370497]), 'float64'),
      ),
    ).toEqual([-2, -2, -0, 0, 2, 2, 0, 4503599627370497]);
  });

  it('relu keeps NaN and gives +0 for negatives and -Infinity', () => {
    const got = k.unary('relu', f64([NaN, -Infinity, Infinity, -3, -0, 2]), 'float32');
    expect(toArray(got)).toEqual([NaN, 0, Infinity, 0, 0, 2]);
    expect(Object.is(got[3], 0) && Object.is(got[4], 0)).toBe(true);
  });

  it('is integer on int32, wrapping, and normalizes bool', () => {
    const x = view(Int32Array.from([I32_MIN, -5, 0, 7]), [4]);
    expect(toArray(k.unary('neg', x, 'int32'))).toEqual([I32_MIN, 5, 0, -7]);
    expect(toArray(k.unary('abs', x, 'int32'))).toEqual([I32_MIN, 5, 0, 7]);
    expect(toArray(k.unary('sign', x, 'int32'))).toEqual([-1, -1, 0, 1]);
    expect(toArray(k.unary('logicalNot', f64([0, NaN, 2]), 'bool'))).toEqual([1, 0, 0]);
    expect(toArray(k.unary('sign', f64([NaN]), 'float64'))).toEqual([NaN]);
    expect(toArray(k.unary('abs', view(Uint8Array.from([0, 1]), [2]), 'bool'))).toEqual([0, 1]);
  });
});

/** erf by its Maclaurin series (|x| <= 3 here), independent of the kernel's rational approximations. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 300; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

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
  it.each(BINARY_OPS.map((op) => [op]))('%s on transposed, broadcast and offset views', (op) => {
    const rand = rng(2);
    const a = scrambled(rand, [4, 3, 5]);
    const b = view(randoms(rand, 8), [4, 3, 5], [0, 1, 0], 2); // broadcast over dims 0 and 2
    const pa = op === 'pow' ? view(Float64Array.from(a.storage, Math.abs), a.shape, a.strides, a.offset) : a;
    expect(toArray(k.binary(op, pa, b, 'float64'))).toEqual(naive2(a, b, closed[op]!));
    const scalar = view(Float64Array.from([0.5]), [4, 3, 5], [0, 0, 0]);
    expect(toArray(k.binary(op, pa, scalar, 'float64'))).toEqual(naive2(a, scalar, closed[op]!));
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

function close(got: ArrayLike<number>, want: readonly number[], tol = 1e-12): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(want[i]!)));
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

/** The naive triple loop, over every batch index. */
function naiveMatmul(a: View<TypedArray>, b: View<TypedArray>): number[] {
  const nd = a.shape.length;
  const [m, kk, n] = [a.shape[nd - 2]!, a.shape[nd - 1]!, b.shape[nd - 1]!];
  const out: number[] = [];
  for (const bi of indices(a.shape.slice(0, nd - 2))) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < kk; p++) s += at(a, [...bi, i, p]) * at(b, [...bi, p, j]);
        out.push(s);
      }
    }
  }
  return out;
}

// float32 products accumulate in float32 (as PyTorch's do): a few hundred terms, each rounded.
const F32_SUM = 1e-5;

describe('matmul', () => {
  it('matches the triple loop on random sizes, contiguous and transposed', () => {
    const rand = rng(5);
    const size = () => 1 + Math.floor(rand() * 70);
    for (let t = 0; t < 12; t++) {
      const [m, kk, n] = [size(), size(), size()];
      const a = t % 2 === 0 ? view(randoms(rand, m * kk), [m, kk]) : scrambled(rand, [m, kk]);
      const b = t % 3 === 0 ? view(randoms(rand, kk * n), [kk, n]) : scrambled(rand, [kk, n]);
      close(k.matmul(a, b, 'float64'), naiveMatmul(a, b));
      close(k.matmul(a, b, 'float32'), naiveMatmul(a, b), F32_SUM);
    }
  });

  it('takes both the dot-product path (small) and the packed path, across the packing blocks', () => {
    const rand = rng(6);
    const sizes = [
      [1, 1, 1],
      [8, 16, 8],
      [8, 16, 9],
      [67, 300, 9],
      [3, 5, 2051],
      [17, 1, 33],
    ];
    for (const [m, kk, n] of sizes as [number, number, number][]) {
      const a = view(randoms(rand, m * kk), [m, kk]);
      const b = scrambled(rand, [kk, n]);
      close(k.matmul(a, b, 'float64'), naiveMatmul(a, b));
      close(k.matmul(a, b, 'float32'), naiveMatmul(a, b), F32_SUM);
    }
  });

  it('handles batches: broadcast weights (stride 0), broadcast lhs, transposed', () => {
    const rand = rng(7);
    for (const [m, kk, n] of [
      [5, 4, 6],
      [20, 30, 10],
    ] as [number, number, number][]) {
      const x = view(randoms(rand, 6 * m * kk), [2, 3, m, kk]);
      const w = view(randoms(rand, kk * n), [2, 3, kk, n], [0, 0, n, 1]); // one tall product
      close(k.matmul(x, w, 'float64'), naiveMatmul(x, w));
      const lhs = view(randoms(rand, m * kk), [3, m, kk], [0, kk, 1]);
      const rhs = scrambled(rand, [3, kk, n]);
      close(k.matmul(lhs, rhs, 'float64'), naiveMatmul(lhs, rhs));
      const xt = scrambled(rand, [2, m, kk]); // batch and rows do not merge: one product per matrix
      const w2 = view(w.storage, [2, kk, n], [0, n, 1]);
      close(k.matmul(xt, w2, 'float32'), naiveMatmul(xt, w2), F32_SUM);
    }
  });

  it('gives zeros for K = 0 and empty outputs for M or N = 0', () => {
    expect(toArray(k.matmul(view(new Float32Array(0), [2, 0]), view(new Float32Array(0), [0, 3]), 'float32'))).toEqual([
      0, 0, 0, 0, 0, 0,
    ]);
    expect(k.matmul(view(new Float32Array(0), [0, 4]), view(new Float32Array(12), [4, 3]), 'float32').length).toBe(0);
    expect(k.matmul(view(new Float32Array(8), [2, 4]), view(new Float32Array(0), [4, 0]), 'float32').length).toBe(0);
  });

  it('is exact and wrapping on int32, and or-of-ands on bool', () => {
    const a = view(Int32Array.from([65536, 1, 3, I32_MAX]), [2, 2]);
    const b = view(Int32Array.from([65536, 2, 1, 1]), [2, 2], [1, 2]); // [[65536,1],[2,1]]
    expect(toArray(k.matmul(a, b, 'int32'))).toEqual([
      2,
      65537,
      Number(BigInt.asIntN(32, 3n * 65536n + 2n * 2147483647n)),
      I32_MIN + 2,
    ]);
    const t = view(Uint8Array.from([1, 0, 1, 1]), [2, 2]);
    expect(toArray(k.matmul(t, t, 'bool'))).toEqual([1, 0, 1, 1]);
  });
});
