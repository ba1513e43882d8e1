import { hypot, ones, tensor, xlogy } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';

/**
 * Elementwise composites with PyTorch's gradients: hypot, logaddexp(2), xlogy, logit, sinc,
 * deg2rad/rad2deg, heaviside and clip. Values are worked by hand from their definitions
 * (Pythagorean triples, logs of small sums); gradients are the derivatives.yaml formulas.
 */
const m = (xs: readonly number[], f: (v: number) => number) => xs.map(f);
const sincAt = [0, 0.5, 1.5, -0.25];
const sincRef = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
const sincGrad = (x: number) =>
  x === 0 ? 0 : (Math.PI * x * Math.cos(Math.PI * x) - Math.sin(Math.PI * x)) / (Math.PI * x * x);

export const specialMathCases = [
  {
    id: 'hypot',
    inputs: [
      { values: [3, 5, -8, 0], requiresGrad: true },
      { values: [4, 12, 15, 2], requiresGrad: true },
    ],
    run: (a, b) => a.hypot(b),
    expected: [5, 13, 17, 2],
    grads: [
      [3 / 5, 5 / 13, -8 / 17, 0],
      [4 / 5, 12 / 13, 15 / 17, 1],
    ],
    gradFn: 'HypotBackward0',
  },
  {
    id: 'hypot/no-overflow-and-infinities',
    inputs: [{ values: [1e30, Infinity, 0, 3e-30] }, { values: [1e30, NaN, 0, 4e-30] }],
    // squares of 1e30 overflow float32 and those of 3e-30 underflow: scaled, sqrt(2) 1e30 and 5e-30
    run: (a, b) => hypot(a, b),
    expected: [Math.SQRT2 * 1e30, Infinity, 0, 5e-30],
  },
  {
    id: 'logaddexp',
    inputs: [
      { values: [0, 1, -2], requiresGrad: true },
      { values: [0, 3, -2], requiresGrad: true },
    ],
    run: (a, b) => a.logaddexp(b),
    expected: [Math.LN2, 3 + Math.log1p(Math.exp(-2)), -2 + Math.LN2],
    grads: [
      [0.5, 1 / (1 + Math.exp(2)), 0.5],
      [0.5, 1 / (1 + Math.exp(-2)), 0.5],
    ],
    gradFn: 'LogaddexpBackward0',
  },
  {
    id: 'logaddexp/extremes',
    inputs: [{ values: [1000, -Infinity, Infinity, -1000] }, { values: [1000, -Infinity, Infinity, 0] }],
    run: (a, b) => a.logaddexp(b),
    expected: [1000 + Math.LN2, -Infinity, Infinity, 0],
  },
  {
    id: 'logaddexp2',
    inputs: [
      { values: [0, 1, 3], requiresGrad: true },
      { values: [0, 3, 3], requiresGrad: true },
    ],
    run: (a, b) => a.logaddexp2(b),
    expected: [1, Math.log2(10), 4],
    grads: [
      [0.5, 1 / 5, 0.5],
      [0.5, 4 / 5, 0.5],
    ],
    gradFn: 'Logaddexp2Backward0',
  },
  {
    id: 'xlogy',
    inputs: [
      { values: [0, 2, 3], requiresGrad: true },
      { values: [2, 3, 0.5], requiresGrad: true },
    ],
    run: (x, y) => x.xlogy(y),
    expected: [0, 2 * Math.log(3), 3 * Math.log(0.5)],
    grads: [
      [Math.LN2, Math.log(3), Math.log(0.5)],
      [0, 2 / 3, 6],
    ],
    gradFn: 'XlogyBackward0',
  },
  {
    id: 'xlogy/zero-x-and-nan',
    inputs: [{ values: [0, 0, 1, 0] }, { values: [0, NaN, NaN, -1] }],
    // 0 where x is 0 (even at y <= 0), NaN wherever y is NaN
    run: (x, y) => xlogy(x, y),
    expected: [0, NaN, NaN, 0],
  },
  {
    id: 'xlogy/number-x',
    inputs: [{ values: [1, 4], requiresGrad: true }],
    run: (y) => xlogy(2, y),
    expected: [0, 2 * Math.log(4)],
    grads: [[2, 0.5]],
    gradFn: 'XlogyBackward1',
  },
  {
    id: 'xlogy/number-y-int-x',
    inputs: [{ values: [0, 3], dtype: 'int32' }],
    run: (x) => xlogy(x, Math.E),
    expected: [0, 3],
    dtype: 'float32',
  },
  {
    id: 'xlogy/number-y',
    inputs: [{ values: [0.5, 2], requiresGrad: true }],
    run: (x) => xlogy(x, 4),
    expected: [0.5 * Math.log(4), 2 * Math.log(4)],
    grads: [[Math.log(4), Math.log(4)]],
    gradFn: 'XlogyBackward2',
  },
  {
    id: 'logit',
    inputs: [{ values: [0.25, 0.5, 0.75], requiresGrad: true }],
    run: (a) => a.logit(),
    expected: [-Math.log(3), 0, Math.log(3)],
    grads: [[16 / 3, 4, 16 / 3]],
    gradFn: 'LogitBackward0',
  },
  {
    id: 'logit/eps-clamps',
    inputs: [{ values: [0, 0.25, 0.6, 1], requiresGrad: true }],
    // clamped to [0.25, 0.75]: the gradient is 1/(x(1-x)) inside (inclusive), 0 outside
    run: (a) => a.logit(0.25),
    expected: [-Math.log(3), -Math.log(3), Math.log(1.5), Math.log(3)],
    grads: [[0, 16 / 3, 1 / 0.24, 0]],
    gradFn: 'LogitBackward0',
    noGradcheck: true,
  },
  {
    id: 'logit/edges',
    inputs: [{ values: [0, 1, -0.5, 1.5] }],
    run: (a) => a.logit(),
    expected: [-Infinity, Infinity, NaN, NaN],
  },
  {
    id: 'sinc',
    inputs: [{ values: sincAt, requiresGrad: true }],
    run: (a) => a.sinc(),
    expected: m(sincAt, sincRef),
    grads: [m(sincAt, sincGrad)],
    gradFn: 'SincBackward0',
  },
  {
    id: 'deg2rad',
    inputs: [{ values: [180, 90, -45], requiresGrad: true }],
    run: (a) => a.deg2rad(),
    expected: [Math.PI, Math.PI / 2, -Math.PI / 4],
    grads: [[Math.PI / 180, Math.PI / 180, Math.PI / 180]],
    gradFn: 'Deg2RadBackward0',
  },
  {
    id: 'deg2rad/int',
    inputs: [{ values: [180, -360], dtype: 'int32' }],
    run: (a) => a.deg2rad(),
    expected: [Math.PI, -2 * Math.PI],
    dtype: 'float32',
  },
  {
    id: 'rad2deg',
    inputs: [{ values: [Math.PI, -Math.PI / 6, 1], requiresGrad: true }],
    run: (a) => a.rad2deg(),
    expected: [180, -30, 180 / Math.PI],
    grads: [[180 / Math.PI, 180 / Math.PI, 180 / Math.PI]],
    gradFn: 'Rad2DegBackward0',
  },
  {
    id: 'heaviside',
    inputs: [{ values: [-1.5, 0, 2, NaN, -0] }, { values: [0.5] }],
    run: (x, v) => x.heaviside(v),
    expected: [0, 0.5, 1, 0, 0.5],
  },
  {
    id: 'heaviside/int',
    inputs: [
      { values: [-2, 0, 3], dtype: 'int32' },
      { values: [7, 8, 9], dtype: 'int32' },
    ],
    run: (x, v) => x.heaviside(v),
    expected: [0, 8, 1],
    dtype: 'int32',
  },
  {
    id: 'clip',
    inputs: [{ values: [-2, 0.5, 3], requiresGrad: true }],
    run: (a) => a.clip(-1, 1),
    expected: [-1, 0.5, 1],
    grads: [[0, 1, 0]],
    gradFn: 'ClampBackward1',
  },
] as const satisfies readonly OpCase[];

export const specialMathErrors = [
  {
    id: 'error/hypot-int',
    inputs: () => [ones([2], { dtype: 'int32' }), ones([2], { dtype: 'int32' })],
    run: (a, b) => hypot(a, b),
    throws: /hypot: expected floating point tensors \(float32 or float64\), got dtype int32/,
    kind: 'dtype',
  },
  {
    id: 'error/heaviside-dtypes',
    inputs: () => [ones([2]), tensor([1], { dtype: 'int32' })],
    run: (x, v) => x.heaviside(v),
    throws: /heaviside: heaviside is not yet implemented for tensors with different dtypes \(got float32 and int32\)/,
    kind: 'dtype',
  },
] as const satisfies readonly ErrorCase[];
