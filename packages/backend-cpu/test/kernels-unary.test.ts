import { describe, expect, it } from 'vitest';
import { UNARY_OPS } from '@ag/core';
import { I32_MIN, k } from './kernel-helpers.js';
import { at, f64, indices, rng, scrambled, toArray, view } from './views.js';

/** The unary kernel: every op on strided views against its closed form in JavaScript's Math. */
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
    erfc: (x) => 1 - erfSeries(x),
    lgamma: lgammaRef,
    digamma: digammaRef,
    trunc: Math.trunc,
    round: (x) => (x - Math.floor(x) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x)),
  };
  it.each(UNARY_OPS.map((op) => [op]))('%s on a strided view matches its closed form', (op) => {
    const x = scrambled(rng(1), [3, 4, 5]);
    const out = op === 'logicalNot' ? 'bool' : 'float64';
    const got = k.unary(op, x, out);
    indices(x.shape).forEach((idx, i) => {
      const v = at(x, idx);
      // erfinv is checked through erf: the series at the kernel's answer gives back the input.
      if (op === 'erfinv') expect(Math.abs(erfSeries(got[i]!) - v)).toBeLessThanOrEqual(1e-15);
      else if (op in APPROXIMATE) {
        const want = closed[op]!(v);
        expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(APPROXIMATE[op]! * Math.max(1, Math.abs(want)));
      } else expect(got[i]).toBe(closed[op]!(v));
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

/** Ops without a closed form in Math: compared with an independent computation, to this tolerance. */
const APPROXIMATE: Record<string, number> = { erf: 1e-15, erfc: 1e-15, lgamma: 1e-13, digamma: 1e-13 };

/** log|Γ(x)| by the recurrence up to x + n >= 30 and Stirling's series there (not the kernel's Lanczos sum). */
function lgammaRef(x: number): number {
  let shift = 0;
  let v = x;
  for (; v < 30; v++) shift += Math.log(Math.abs(v));
  const y = 1 / (v * v);
  const series = (1 / 12 - y * (1 / 360 - y * (1 / 1260 - y / 1680))) / v;
  return (v - 0.5) * Math.log(v) - v + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

/** ψ(x) by the recurrence up to x + n >= 30 and the asymptotic series there (no reflection). */
function digammaRef(x: number): number {
  let shift = 0;
  let v = x;
  for (; v < 30; v++) shift += 1 / v;
  const y = 1 / (v * v);
  const series = y * (1 / 12 - y * (1 / 120 - y * (1 / 252 - y / 240)));
  return Math.log(v) - 0.5 / v - series - shift;
}

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
