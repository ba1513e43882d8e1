import type { OpCase } from '../case.js';
import { erfSeries } from './reference-math.js';

/**
 * The transcendental functions and powers (exponentials and logarithms, trigonometric and
 * hyperbolic functions, erf, square/reciprocal/rsqrt): expected values from JavaScript's Math and
 * an independent erf series; gradients are the textbook derivatives of sum(op(x)). Rounding is in
 * rounding.ts, clamping in clamp.ts.
 */
const m = (xs: readonly number[], f: (v: number) => number) => xs.map(f);
const pos = [0.5, 1.5, 2.5, 4];
const unit = [-0.9, -0.3, 0.2, 0.7];
const mixed = [-1.7, -0.4, 0.3, 1.2];
const ERF_0_5 = 0.5204998778130465; // tabulated
const ERF_1 = 0.8427007929497149;

export const elementwiseMathCases = [
  {
    id: 'exp2',
    inputs: [{ values: [-1, 0, 1.5, 3], requiresGrad: true }],
    run: (a) => a.exp2(),
    expected: [0.5, 1, 2 ** 1.5, 8],
    grads: [m([-1, 0, 1.5, 3], (v) => 2 ** v * Math.LN2)],
    gradFn: 'Exp2Backward0',
  },
  {
    id: 'expm1',
    inputs: [{ values: [-1, 1e-5, 0.5, 2], requiresGrad: true }],
    run: (a) => a.expm1(),
    expected: m([-1, 1e-5, 0.5, 2], Math.expm1),
    grads: [m([-1, 1e-5, 0.5, 2], Math.exp)],
    gradFn: 'Expm1Backward0',
  },
  {
    id: 'expm1/float64-tiny',
    inputs: [{ values: [1e-12, -1e-14], dtype: 'float64' }],
    run: (a) => a.expm1(),
    expected: [1e-12 + 5e-25, -1e-14 + 5e-29],
  },
  {
    id: 'log2',
    inputs: [{ values: pos, requiresGrad: true }],
    run: (a) => a.log2(),
    expected: m(pos, Math.log2),
    grads: [m(pos, (v) => 1 / (v * Math.LN2))],
    gradFn: 'Log2Backward0',
  },
  {
    id: 'log10',
    inputs: [{ values: [0.01, 2, 1000], requiresGrad: true }],
    run: (a) => a.log10(),
    expected: [-2, Math.log(2) / Math.LN10, 3],
    grads: [m([0.01, 2, 1000], (v) => 1 / (v * Math.LN10))],
    gradFn: 'Log10Backward0',
  },
  {
    id: 'log1p',
    inputs: [{ values: [-0.5, 1e-6, 1, 3], requiresGrad: true }],
    run: (a) => a.log1p(),
    expected: m([-0.5, 1e-6, 1, 3], Math.log1p),
    grads: [m([-0.5, 1e-6, 1, 3], (v) => 1 / (1 + v))],
    gradFn: 'Log1PBackward0',
  },
  {
    id: 'log1p/minus-one-and-below',
    inputs: [{ values: [-1, -2] }],
    run: (a) => a.log1p(),
    expected: [-Infinity, NaN],
  },
  {
    id: 'tan',
    inputs: [{ values: mixed, requiresGrad: true }],
    run: (a) => a.tan(),
    expected: m(mixed, Math.tan),
    grads: [m(mixed, (v) => 1 / Math.cos(v) ** 2)],
    gradFn: 'TanBackward0',
  },
  {
    id: 'asin',
    inputs: [{ values: unit, requiresGrad: true }],
    run: (a) => a.asin(),
    expected: m(unit, Math.asin),
    grads: [m(unit, (v) => 1 / Math.sqrt(1 - v * v))],
    gradFn: 'AsinBackward0',
  },
  {
    id: 'acos',
    inputs: [{ values: unit, requiresGrad: true }],
    run: (a) => a.acos(),
    expected: m(unit, Math.acos),
    grads: [m(unit, (v) => -1 / Math.sqrt(1 - v * v))],
    gradFn: 'AcosBackward0',
  },
  {
    id: 'asin/out-of-domain-nan',
    inputs: [{ values: [1.5, -2] }],
    run: (a) => a.asin(),
    expected: [NaN, NaN],
  },
  {
    id: 'atan',
    inputs: [{ values: [-3, -0.5, 0, 2], requiresGrad: true }],
    run: (a) => a.atan(),
    expected: [Math.atan(-3), Math.atan(-0.5), 0, Math.atan(2)],
    grads: [m([-3, -0.5, 0, 2], (v) => 1 / (1 + v * v))],
    gradFn: 'AtanBackward0',
  },
  {
    id: 'atan/infinities',
    inputs: [{ values: [Infinity, -Infinity] }],
    run: (a) => a.atan(),
    expected: [Math.PI / 2, -Math.PI / 2],
  },
  {
    id: 'sinh',
    inputs: [{ values: mixed, requiresGrad: true }],
    run: (a) => a.sinh(),
    expected: m(mixed, (v) => (Math.exp(v) - Math.exp(-v)) / 2),
    grads: [m(mixed, (v) => (Math.exp(v) + Math.exp(-v)) / 2)],
    gradFn: 'SinhBackward0',
  },
  {
    id: 'cosh',
    inputs: [{ values: mixed, requiresGrad: true }],
    run: (a) => a.cosh(),
    expected: m(mixed, (v) => (Math.exp(v) + Math.exp(-v)) / 2),
    grads: [m(mixed, (v) => (Math.exp(v) - Math.exp(-v)) / 2)],
    gradFn: 'CoshBackward0',
  },
  {
    id: 'asinh',
    inputs: [{ values: mixed, requiresGrad: true }],
    run: (a) => a.asinh(),
    expected: m(mixed, (v) => Math.log(v + Math.sqrt(v * v + 1))),
    grads: [m(mixed, (v) => 1 / Math.sqrt(v * v + 1))],
    gradFn: 'AsinhBackward0',
  },
  {
    id: 'acosh',
    inputs: [{ values: [1.5, 2, 5], requiresGrad: true }],
    run: (a) => a.acosh(),
    expected: m([1.5, 2, 5], (v) => Math.log(v + Math.sqrt(v * v - 1))),
    grads: [m([1.5, 2, 5], (v) => 1 / Math.sqrt(v * v - 1))],
    gradFn: 'AcoshBackward0',
  },
  {
    id: 'atanh',
    inputs: [{ values: unit, requiresGrad: true }],
    run: (a) => a.atanh(),
    expected: m(unit, (v) => 0.5 * Math.log((1 + v) / (1 - v))),
    grads: [m(unit, (v) => 1 / (1 - v * v))],
    gradFn: 'AtanhBackward0',
  },
  {
    id: 'atanh/at-one',
    inputs: [{ values: [1, -1, 2] }],
    run: (a) => a.atanh(),
    expected: [Infinity, -Infinity, NaN],
  },
  {
    id: 'erf',
    inputs: [{ values: [-2.5, -1, -0.5, 0, 0.3, 0.5, 1, 1.3, 2, 3], requiresGrad: true }],
    run: (a) => a.erf(),
    expected: [
      -erfSeries(2.5),
      -ERF_1,
      -ERF_0_5,
      0,
      erfSeries(0.3),
      ERF_0_5,
      ERF_1,
      erfSeries(1.3),
      erfSeries(2),
      erfSeries(3),
    ],
    grads: [m([-2.5, -1, -0.5, 0, 0.3, 0.5, 1, 1.3, 2, 3], (v) => (2 / Math.sqrt(Math.PI)) * Math.exp(-v * v))],
    gradFn: 'ErfBackward0',
  },
  // float64 tolerance (rtol 1e-10) across all four ranges of the kernel's approximation
  {
    id: 'erf/float64-precision',
    inputs: [{ values: [1e-10, 0.1, 0.5, 0.84, 0.9, 1, 1.2, 1.3, 2, 2.8, 2.9, 3], dtype: 'float64' }],
    run: (a) => a.erf(),
    expected: [1e-10, 0.1, 0.5, 0.84, 0.9, 1, 1.2, 1.3, 2, 2.8, 2.9, 3].map(erfSeries),
  },
  {
    id: 'erf/tails-inf-nan',
    inputs: [{ values: [6, 30, -Infinity, Infinity, NaN], dtype: 'float64' }],
    run: (a) => a.erf(),
    expected: [1, 1, -1, 1, NaN],
  },
  {
    id: 'erf/zero-dim',
    inputs: [{ values: 0.5 }],
    run: (a) => a.erf(),
    expected: ERF_0_5,
  },
  {
    id: 'erf/int32-gives-float',
    inputs: [{ values: [0, 1], dtype: 'int32' }],
    run: (a) => a.erf(),
    expected: [0, ERF_1],
    dtype: 'float32',
  },
  {
    id: 'sin/int32-gives-float',
    inputs: [{ values: [0, 1, 2], dtype: 'int32' }],
    run: (a) => a.sin(),
    expected: [0, Math.sin(1), Math.sin(2)],
    dtype: 'float32',
  },
  {
    id: 'unary/nan-inf-propagate',
    inputs: [{ values: [NaN, Infinity, -Infinity] }],
    run: (a) => a.exp().add(a.tanh()).add(a.sigmoid()),
    expected: [NaN, Infinity, -1],
  },
  {
    id: 'square',
    inputs: [{ values: [-3, 0.5, 2], requiresGrad: true }],
    run: (a) => a.square(),
    expected: [9, 0.25, 4],
    grads: [[-6, 1, 4]],
    gradFn: 'PowBackward0',
  },
  {
    id: 'square/int32-stays-int',
    inputs: [{ values: [-3, 4], dtype: 'int32' }],
    run: (a) => a.square(),
    expected: [9, 16],
    dtype: 'int32',
  },
  {
    id: 'reciprocal',
    inputs: [{ values: [-2, 0.5, 4], requiresGrad: true }],
    run: (a) => a.reciprocal(),
    expected: [-0.5, 2, 0.25],
    grads: [[-0.25, -4, -1 / 16]],
    gradFn: 'ReciprocalBackward0',
  },
  {
    id: 'reciprocal/int32-zero',
    inputs: [{ values: [0, 2], dtype: 'int32' }],
    run: (a) => a.reciprocal(),
    expected: [Infinity, 0.5],
    dtype: 'float32',
  },
  {
    id: 'rsqrt',
    inputs: [{ values: pos, requiresGrad: true }],
    run: (a) => a.rsqrt(),
    expected: m(pos, (v) => 1 / Math.sqrt(v)),
    grads: [m(pos, (v) => -0.5 * v ** -1.5)],
    gradFn: 'RsqrtBackward0',
  },
] as const satisfies readonly OpCase[];
