import { ones, polygamma } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { erfSeries } from './reference-math.js';

/**
 * The special functions: erfc, erfinv, lgamma, digamma and polygamma. Expected values are closed
 * forms: Γ at half-integers (Γ(1/2) = √π), ψ(1) = -γ and ψ(n + 1/2) = -γ - 2 ln 2 + Σ 2/(2k-1),
 * ψ⁽ⁿ⁾(1) = (-1)ⁿ⁺¹ n! ζ(n+1) with ζ(2) = π²/6, ζ(3) (Apéry's constant) and ζ(4) = π⁴/90, the
 * recurrences ψ⁽ⁿ⁾(x+1) = ψ⁽ⁿ⁾(x) + (-1)ⁿ n!/xⁿ⁺¹; erfinv is checked on erf values of an
 * independent series (reference-math.ts), erfc against tabulated values.
 */
const EULER = 0.5772156649015329; // the Euler–Mascheroni constant γ
const ZETA3 = 1.2020569031595942; // Apéry's constant
const PI2 = Math.PI ** 2;
const LN2 = Math.LN2;
const SQRT_PI = Math.sqrt(Math.PI);
/** ψ(n + 1/2) = -γ - 2 ln 2 + Σ_{k=1..n} 2/(2k - 1). */
const digammaHalf = (n: number) => {
  let s = -EULER - 2 * LN2;
  for (let k = 1; k <= n; k++) s += 2 / (2 * k - 1);
  return s;
};
/** The harmonic number H_n = Σ 1/k, so that ψ(n + 1) = H_n - γ. */
const harmonic = (n: number) => {
  let s = 0;
  for (let k = 1; k <= n; k++) s += 1 / k;
  return s;
};
const ERFC_2 = 0.004677734981047266; // tabulated
const ERFC_5 = 1.5374597944280349e-12;
const ERFC_9 = 4.13703174651381e-37;
const erfinvAt = [-0.9, -0.5, 0.1, 0.6, 1];
// Far enough out that float32's gradcheck step (1e-2) straddles too much curvature: values only.
const erfinvTails = [-1.5, 2, 2.5];

export const specialFunctionCases = [
  {
    id: 'lgamma',
    inputs: [{ values: [0.5, 1, 2, 3, 4.5, -0.5], requiresGrad: true }],
    run: (a) => a.lgamma(),
    // Γ(4.5) = 3.5 · 2.5 · 1.5 · 0.5 · √π, Γ(-0.5) = -2√π
    expected: [Math.log(SQRT_PI), 0, 0, LN2, Math.log(3.5 * 2.5 * 1.5 * 0.5 * SQRT_PI), Math.log(2 * SQRT_PI)],
    grads: [[digammaHalf(0), -EULER, 1 - EULER, 1.5 - EULER, digammaHalf(4), digammaHalf(0) + 2]],
    gradFn: 'LgammaBackward0',
  },
  {
    id: 'lgamma/large',
    inputs: [{ values: [100, 30.5] }],
    run: (a) => a.lgamma(),
    // log(99!) by summing logs; Γ(30.5) = Γ(1/2) Π_{k<30} (k + 1/2)
    expected: [
      Array.from({ length: 98 }, (_, i) => Math.log(i + 2)).reduce((p, q) => p + q, 0),
      Array.from({ length: 30 }, (_, k) => Math.log(k + 0.5)).reduce((p, q) => p + q, Math.log(SQRT_PI)),
    ],
  },
  {
    id: 'lgamma/poles-and-infinities',
    inputs: [{ values: [0, -1, -3, Infinity, -Infinity, NaN] }],
    run: (a) => a.lgamma(),
    expected: [Infinity, Infinity, Infinity, Infinity, Infinity, NaN],
  },
  {
    id: 'lgamma/int-to-float',
    inputs: [{ values: [1, 4], dtype: 'int32' }],
    run: (a) => a.lgamma(),
    expected: [0, Math.log(6)],
    dtype: 'float32',
  },
  {
    id: 'digamma',
    inputs: [{ values: [1, 2, 0.5, -0.5, 10, 3.5], requiresGrad: true }],
    run: (a) => a.digamma(),
    expected: [-EULER, 1 - EULER, digammaHalf(0), digammaHalf(0) + 2, harmonic(9) - EULER, digammaHalf(3)],
    // trigamma: ψ'(1) = π²/6, ψ'(x + 1) = ψ'(x) - 1/x², ψ'(1/2) = π²/2
    grads: [
      [
        PI2 / 6,
        PI2 / 6 - 1,
        PI2 / 2,
        PI2 / 2 + 4,
        PI2 / 6 - Array.from({ length: 9 }, (_, k) => 1 / (k + 1) ** 2).reduce((p, q) => p + q, 0),
        PI2 / 2 - 4 - 4 / 9 - 4 / 25,
      ],
    ],
    gradFn: 'DigammaBackward0',
  },
  {
    id: 'digamma/poles',
    inputs: [{ values: [0, -1, -3] }],
    run: (a) => a.digamma(),
    // -Infinity at +0 (the limit from the right), NaN at the negative integers, as PyTorch
    expected: [-Infinity, NaN, NaN],
  },
  {
    id: 'polygamma/trigamma',
    inputs: [{ values: [0.5, 1, 2.5, -0.5], requiresGrad: true }],
    run: (a) => polygamma(1, a),
    expected: [PI2 / 2, PI2 / 6, PI2 / 2 - 4 - 4 / 9, PI2 / 2 + 4],
    // ψ''(1/2) = -14 ζ(3), ψ''(1) = -2 ζ(3), ψ''(x + 1) = ψ''(x) + 2/x³
    grads: [[-14 * ZETA3, -2 * ZETA3, -14 * ZETA3 + 16 + 2 / 1.5 ** 3, -14 * ZETA3 + 16]],
    gradFn: 'PolygammaBackward0',
  },
  {
    id: 'polygamma/higher-orders',
    inputs: [{ values: [1, 0.5, 2] }],
    run: (a) => polygamma(3, a).add(polygamma(2, a)),
    // ψ'''(1) = 6 ζ(4) = π⁴/15, ψ'''(1/2) = π⁴, ψ'''(2) = π⁴/15 - 6; ψ''(2) = -2 ζ(3) + 2
    expected: [Math.PI ** 4 / 15 - 2 * ZETA3, Math.PI ** 4 - 14 * ZETA3, Math.PI ** 4 / 15 - 6 - 2 * ZETA3 + 2],
  },
  {
    id: 'polygamma/negative-reflection',
    inputs: [{ values: [-1.5, -2.5] }],
    run: (a) => a.polygamma(2),
    // from ψ''(1/2) = -14 ζ(3) down by ψ''(x) = ψ''(x + 1) - 2/x³
    expected: [-14 * ZETA3 + 16 + 2 / 1.5 ** 3, -14 * ZETA3 + 16 + 2 / 1.5 ** 3 + 2 / 2.5 ** 3],
  },
  {
    id: 'polygamma/poles-odd',
    inputs: [{ values: [0, -2] }],
    run: (a) => polygamma(1, a),
    // (-1)ⁿ⁺¹ n! ζ(n + 1, x) with ζ infinite at the poles: +Infinity for odd n, as PyTorch
    expected: [Infinity, Infinity],
  },
  {
    id: 'polygamma/poles-even',
    inputs: [{ values: [0, -2] }],
    run: (a) => polygamma(2, a),
    expected: [-Infinity, -Infinity],
  },
  {
    id: 'polygamma/zero-is-digamma',
    inputs: [{ values: [1, 0.5], requiresGrad: true }],
    run: (a) => polygamma(0, a),
    expected: [-EULER, digammaHalf(0)],
    grads: [[PI2 / 6, PI2 / 2]],
    gradFn: 'PolygammaBackward0',
  },
  {
    id: 'erfc',
    inputs: [{ values: [-1, 0, 0.5, 2, 5], requiresGrad: true }],
    run: (a) => a.erfc(),
    expected: [1 + erfSeries(1), 1, 1 - erfSeries(0.5), ERFC_2, ERFC_5],
    grads: [[-1, 0, 0.5, 2, 5].map((v) => (-2 / SQRT_PI) * Math.exp(-v * v))],
    gradFn: 'ErfcBackward0',
  },
  {
    id: 'erfc/far-tail-relative',
    inputs: [{ values: [2, 5, 9] }],
    // through log, so that the tolerance is relative: 1 - erf(9) would be 0
    run: (a) => a.erfc().log(),
    expected: [Math.log(ERFC_2), Math.log(ERFC_5), Math.log(ERFC_9)],
  },
  {
    id: 'erfinv',
    inputs: [{ values: erfinvAt.map(erfSeries), requiresGrad: true }],
    run: (a) => a.erfinv(),
    expected: erfinvAt,
    // d erfinv(y)/dy = √π/2 exp(erfinv(y)²)
    grads: [erfinvAt.map((x) => (SQRT_PI / 2) * Math.exp(x * x))],
    gradFn: 'ErfinvBackward0',
  },
  {
    id: 'erfinv/tails',
    inputs: [{ values: erfinvTails.map(erfSeries) }],
    run: (a) => a.erfinv(),
    expected: erfinvTails,
  },
  {
    id: 'erfinv/edges',
    inputs: [{ values: [1, -1, 0, 1.5, -2, NaN] }],
    run: (a) => a.erfinv(),
    expected: [Infinity, -Infinity, 0, NaN, NaN, NaN],
  },
  // float64 to float64's precision (the default float64 tolerance is 1e-10 relative)
  {
    id: 'lgamma/float64',
    inputs: [{ values: [0.5, 4.5, -0.5, 100], dtype: 'float64' }],
    run: (a) => a.lgamma(),
    expected: [
      Math.log(SQRT_PI),
      Math.log(3.5 * 2.5 * 1.5 * 0.5 * SQRT_PI),
      Math.log(2 * SQRT_PI),
      Array.from({ length: 98 }, (_, i) => Math.log(i + 2)).reduce((p, q) => p + q, 0),
    ],
  },
  {
    id: 'digamma/float64',
    inputs: [{ values: [1, 0.5, -0.5, 3.5], dtype: 'float64' }],
    run: (a) => a.digamma(),
    expected: [-EULER, digammaHalf(0), digammaHalf(0) + 2, digammaHalf(3)],
  },
  {
    id: 'erfc/float64-tail',
    inputs: [{ values: [2, 5, 9, -1], dtype: 'float64' }],
    run: (a) => a.erfc().log(),
    expected: [Math.log(ERFC_2), Math.log(ERFC_5), Math.log(ERFC_9), Math.log(1 + erfSeries(1))],
  },
  {
    id: 'erfinv/float64',
    inputs: [{ values: [-1.5, -0.5, 0.1, 0.8, 2, 2.5].map(erfSeries), dtype: 'float64' }],
    run: (a) => a.erfinv(),
    expected: [-1.5, -0.5, 0.1, 0.8, 2, 2.5],
  },
] as const satisfies readonly OpCase[];

/** Bad input to the special functions. */
export const specialFunctionErrors = [
  {
    id: 'error/polygamma-negative-order',
    inputs: () => [ones([2])],
    run: (x) => polygamma(-1, x),
    throws: /polygamma: expected n to be a non-negative integer, got -1/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
