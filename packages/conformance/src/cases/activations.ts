import { ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { normalCdf, normalPdf, sigmoidRef, softplusRef } from './reference-math.js';

/**
 * Pointwise activations: expected values from closed forms (JavaScript's Math and an independent
 * erf series), gradients the derivatives of sum(f(x)). Inputs avoid the kinks so the
 * finite-difference check applies. Softmax is in softmax.ts.
 */
const xs = [-2, -0.5, 0.5, 1.5];
const m = (f: (v: number) => number, v: readonly number[] = xs) => v.map(f);
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const K = Math.sqrt(2 / Math.PI);
const geluTanh = (v: number) => 0.5 * v * (1 + Math.tanh(K * (v + 0.044715 * v ** 3)));
const geluTanhGrad = (v: number) => {
  const t = Math.tanh(K * (v + 0.044715 * v ** 3));
  return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K * (1 + 3 * 0.044715 * v * v);
};
const mishRef = (v: number) => v * Math.tanh(softplusRef(v));

export const activationCases = [
  {
    id: 'sigmoid/int32-gives-float',
    inputs: [{ values: [0, 1], dtype: 'int32' }],
    run: (a) => a.sigmoid(),
    expected: [0.5, sigmoidRef(1)],
    dtype: 'float32',
  },
  {
    id: 'logSigmoid',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.logSigmoid(),
    expected: m((v) => Math.log(sigmoidRef(v))),
    grads: [m((v) => 1 - sigmoidRef(v))],
    gradFn: 'LogSigmoidBackward0',
  },
  {
    id: 'logSigmoid/stable-extremes',
    inputs: [{ values: [-200, 200], dtype: 'float64' }],
    run: (a) => a.logSigmoid(),
    expected: [-200, -Math.exp(-200)],
  },
  {
    id: 'relu/int32',
    inputs: [{ values: [-3, 0, 4], dtype: 'int32' }],
    run: (a) => a.relu(),
    expected: [0, 0, 4],
    dtype: 'int32',
  },
  {
    id: 'relu/grad-zero-at-zero',
    inputs: [{ values: [0, 1], requiresGrad: true }],
    run: (a) => a.relu(),
    expected: [0, 1],
    grads: [[0, 1]],
    noGradcheck: true,
  },
  {
    id: 'relu6',
    inputs: [{ values: [-1, 3, 7], requiresGrad: true }],
    run: (a) => a.relu6(),
    expected: [0, 3, 6],
    grads: [[0, 1, 0]],
    gradFn: 'HardtanhBackward0',
  },
  {
    id: 'leakyRelu',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.leakyRelu(),
    expected: m((v) => (v > 0 ? v : 0.01 * v)),
    grads: [m((v) => (v > 0 ? 1 : 0.01))],
    gradFn: 'LeakyReluBackward0',
  },
  {
    id: 'leakyRelu/slope',
    inputs: [{ values: [-2, 0, 3], requiresGrad: true }],
    run: (a) => a.leakyRelu(0.2),
    expected: [-0.4, 0, 3],
    grads: [[0.2, 0.2, 1]],
    noGradcheck: true,
  },
  {
    id: 'elu',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.elu(),
    expected: m((v) => (v > 0 ? v : Math.exp(v) - 1)),
    grads: [m((v) => (v > 0 ? 1 : Math.exp(v)))],
    gradFn: 'EluBackward0',
  },
  {
    id: 'elu/alpha',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.elu(0.5),
    expected: m((v) => (v > 0 ? v : 0.5 * (Math.exp(v) - 1))),
    grads: [m((v) => (v > 0 ? 1 : 0.5 * Math.exp(v)))],
  },
  {
    id: 'selu',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.selu(),
    expected: m((v) => SELU_SCALE * (v > 0 ? v : SELU_ALPHA * (Math.exp(v) - 1))),
    grads: [m((v) => SELU_SCALE * (v > 0 ? 1 : SELU_ALPHA * Math.exp(v)))],
    gradFn: 'EluBackward0',
  },
  {
    id: 'celu',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.celu(2),
    expected: m((v) => (v > 0 ? v : 2 * (Math.exp(v / 2) - 1))),
    grads: [m((v) => (v > 0 ? 1 : Math.exp(v / 2)))],
    gradFn: 'EluBackward0',
  },
  {
    id: 'gelu',
    inputs: [{ values: [-2, -0.5, 0, 0.5, 1.5, 3], requiresGrad: true }],
    run: (a) => a.gelu(),
    expected: m((v) => v * normalCdf(v), [-2, -0.5, 0, 0.5, 1.5, 3]),
    grads: [m((v) => normalCdf(v) + v * normalPdf(v), [-2, -0.5, 0, 0.5, 1.5, 3])],
    gradFn: 'GeluBackward0',
  },
  // gelu(1) = (1 + erf(1/sqrt 2)) / 2 = 0.8413447460685429 (the normal CDF at 1, tabulated)
  {
    id: 'gelu/float64-tabulated',
    inputs: [{ values: [1], dtype: 'float64' }],
    run: (a) => a.gelu(),
    expected: [0.8413447460685429],
  },
  {
    id: 'gelu/tanh',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.gelu('tanh'),
    expected: m(geluTanh),
    grads: [m(geluTanhGrad)],
    gradFn: 'GeluBackward0',
  },
  {
    id: 'silu',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.silu(),
    expected: m((v) => v * sigmoidRef(v)),
    grads: [m((v) => sigmoidRef(v) * (1 + v * (1 - sigmoidRef(v))))],
    gradFn: 'SiluBackward0',
  },
  {
    id: 'mish',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.mish(),
    expected: m(mishRef),
    grads: [
      m((v) => {
        const t = Math.tanh(softplusRef(v));
        return t + v * (1 - t * t) * sigmoidRef(v);
      }),
    ],
    gradFn: 'MishBackward0',
  },
  {
    id: 'softplus',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.softplus(),
    expected: m(softplusRef),
    grads: [m(sigmoidRef)],
    gradFn: 'SoftplusBackward0',
  },
  {
    id: 'softplus/beta-threshold',
    inputs: [{ values: [-2, 0.5, 1, 4], requiresGrad: true }],
    run: (a) => a.softplus(2, 3),
    expected: [softplusRef(-4) / 2, softplusRef(1) / 2, softplusRef(2) / 2, 4],
    grads: [[sigmoidRef(-4), sigmoidRef(1), sigmoidRef(2), 1]],
  },
  {
    id: 'softplus/large-no-overflow',
    inputs: [{ values: [-800, 15, 800], dtype: 'float64' }],
    run: (a) => a.softplus(1, 1000),
    expected: [0, 15 + Math.log1p(Math.exp(-15)), 800],
  },
  {
    id: 'softsign',
    inputs: [{ values: xs, requiresGrad: true }],
    run: (a) => a.softsign(),
    expected: m((v) => v / (1 + Math.abs(v))),
    grads: [m((v) => 1 / (1 + Math.abs(v)) ** 2)],
  },
  {
    id: 'softsign/int32-gives-float',
    inputs: [{ values: [-1, 3], dtype: 'int32' }],
    run: (a) => a.softsign(),
    expected: [-0.5, 0.75],
    dtype: 'float32',
  },
  {
    id: 'hardtanh',
    inputs: [{ values: [-2, -0.5, 0.5, 1.5], requiresGrad: true }],
    run: (a) => a.hardtanh(),
    expected: [-1, -0.5, 0.5, 1],
    grads: [[0, 1, 1, 0]],
    gradFn: 'HardtanhBackward0',
  },
  {
    id: 'hardtanh/bounds-grad-zero',
    inputs: [{ values: [-2, -2.5, 2, 0.5], requiresGrad: true }],
    run: (a) => a.hardtanh(-2, 2),
    expected: [-2, -2, 2, 0.5],
    grads: [[0, 0, 0, 1]],
    noGradcheck: true,
  },
  {
    id: 'hardtanh/int32',
    inputs: [{ values: [-5, 0, 5], dtype: 'int32' }],
    run: (a) => a.hardtanh(-2, 2),
    expected: [-2, 0, 2],
    dtype: 'int32',
  },
  {
    id: 'hardsigmoid',
    inputs: [{ values: [-4, -1, 0.5, 2, 4], requiresGrad: true }],
    run: (a) => a.hardsigmoid(),
    expected: [0, 2 / 6, 3.5 / 6, 5 / 6, 1],
    grads: [[0, 1 / 6, 1 / 6, 1 / 6, 0]],
    gradFn: 'HardsigmoidBackward0',
  },
  {
    id: 'hardswish',
    inputs: [{ values: [-4, -1, 0.5, 2, 4], requiresGrad: true }],
    run: (a) => a.hardswish(),
    expected: [-0, -2 / 6, (0.5 * 3.5) / 6, (2 * 5) / 6, 4],
    grads: [[0, -1 / 3 + 0.5, 0.5 / 3 + 0.5, 2 / 3 + 0.5, 1]],
    gradFn: 'HardswishBackward0',
  },
] as const satisfies readonly OpCase[];

/** Bad input to the activations. */
export const activationErrors = [
  {
    id: 'error/gelu-of-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (x) => x.gelu(),
    throws: /gelu: expected a floating point tensor .*got dtype int32/,
    kind: 'dtype',
  },
  {
    id: 'error/gelu-bad-approximate',
    inputs: () => [ones([2])],
    run: (x) => x.gelu('fast' as 'tanh'),
    throws: /gelu: argument 1 \('approximate'\) got "fast"; it expects "none" or "tanh"/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
