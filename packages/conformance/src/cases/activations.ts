import type { Tensor } from '@ag/core';
import { getBackend, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { normalCdf, normalPdf, sigmoidRef, softplusRef } from './reference-math.js';

/**
 * Activations and softmax: expected values from closed forms (JavaScript's Math and an
 * independent erf series), gradients the derivatives of sum(f(x)). Inputs avoid the kinks so
 * the finite-difference check applies.
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
const softmaxRef = (row: readonly number[]) => {
  const e = row.map(Math.exp);
  const s = e.reduce((p, q) => p + q, 0);
  return e.map((v) => v / s);
};

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
  {
    id: 'softmax/last-dim',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [-1, 0, 5],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.softmax(-1),
    expected: [softmaxRef([1, 2, 3]), softmaxRef([-1, 0, 5])],
    grads: [
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    gradFn: 'SoftmaxBackward0',
  },
  {
    id: 'softmax/weighted-grad',
    inputs: [{ values: [0.5, -1, 2], requiresGrad: true }],
    run: (a) => a.softmax(0).mul(a.softmax(0)),
    expected: softmaxRef([0.5, -1, 2]).map((p) => p * p),
    grads: [
      (() => {
        const p = softmaxRef([0.5, -1, 2]);
        const s2 = p.reduce((q, r) => q + r * r, 0);
        return p.map((pi) => 2 * pi * (pi - s2));
      })(),
    ],
  },
  {
    id: 'softmax/dim0-3d',
    inputs: [{ values: [[[1, 2]], [[3, 0]]], requiresGrad: true }],
    run: (a) => a.softmax(0),
    expected: [[[sigmoidRef(-2), sigmoidRef(2)]], [[sigmoidRef(2), sigmoidRef(-2)]]],
  },
  {
    id: 'softmax/large-values-stable',
    inputs: [{ values: [1000, 1001, 1002] }],
    run: (a) => a.softmax(0),
    expected: softmaxRef([0, 1, 2]),
  },
  {
    id: 'softmax/minus-inf-entry',
    inputs: [{ values: [-Infinity, 0, 0] }],
    run: (a) => a.softmax(0),
    expected: [0, 0.5, 0.5],
  },
  {
    id: 'softmax/zero-dim',
    inputs: [{ values: 3, requiresGrad: true }],
    run: (a) => a.softmax(0),
    expected: 1,
    grads: [0],
  },
  {
    id: 'logSoftmax/dim1',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [-1, 0, 5],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.logSoftmax(1),
    expected: [softmaxRef([1, 2, 3]).map(Math.log), softmaxRef([-1, 0, 5]).map(Math.log)],
    grads: [[softmaxRef([1, 2, 3]).map((p) => 1 - 3 * p), softmaxRef([-1, 0, 5]).map((p) => 1 - 3 * p)]],
    gradFn: 'LogSoftmaxBackward0',
  },
  {
    id: 'logSoftmax/large-values-stable',
    inputs: [{ values: [[-1000], [1000]] }],
    run: (a) => a.logSoftmax(-2),
    expected: [[-2000], [0]],
  },
  {
    id: 'logSoftmax/zero-dim',
    inputs: [{ values: 3 }],
    run: (a) => a.logSoftmax(-1),
    expected: 0,
  },
] as const satisfies readonly OpCase[];

/**
 * Second order: the gradient of sum(g²), g the gradient of sum(f(x)) taken with createGraph,
 * against central differences of sum(g(x)²) (first-order gradients only). Exercises every
 * gradient rule's own differentiability (double backward).
 */
async function secondOrder(f: (x: Tensor) => Tensor, x0: readonly number[]): Promise<string | null> {
  const f64 = getBackend().dtypes.includes('float64');
  const dtype = f64 ? 'float64' : 'float32';
  const eps = f64 ? 1e-6 : 1e-2;
  const tol = f64 ? 1e-5 : 5e-2;
  const firstGrad = (xs: readonly number[], createGraph: boolean) => {
    const x = tensor([...xs], { dtype, requiresGrad: true });
    f(x).sum().backward(undefined, { createGraph });
    return { x, g: x.grad! };
  };
  const phi = async (xs: readonly number[]) => {
    const g = await firstGrad(xs, false).g.toTypedArray();
    return Array.from(g).reduce((a, v) => a + v * v, 0);
  };
  const { x, g } = firstGrad(x0, true);
  x.grad = null;
  g.mul(g).sum().backward();
  const analytic = Array.from(await x.grad!.toTypedArray());
  for (let i = 0; i < x0.length; i++) {
    const up = [...x0];
    const down = [...x0];
    up[i]! += eps;
    down[i]! -= eps;
    const numeric = ((await phi(up)) - (await phi(down))) / (2 * eps);
    if (Math.abs(numeric - analytic[i]!) > tol * (1 + Math.abs(numeric))) {
      return `element ${i}: double backward gives ${analytic[i]}, finite differences ${numeric}`;
    }
  }
  return null;
}

const second: readonly [string, (x: Tensor) => Tensor, readonly number[]][] = [
  ['erf', (x) => x.erf(), [-1.2, 0.3, 0.9]],
  ['tan', (x) => x.tan(), [-0.7, 0.2, 1.1]],
  ['asin', (x) => x.asin(), [-0.6, 0.1, 0.8]],
  ['acos', (x) => x.acos(), [-0.6, 0.1, 0.8]],
  ['atan', (x) => x.atan(), [-2, 0.4, 1.3]],
  ['sinh-cosh', (x) => x.sinh().mul(x.cosh()), [-1, 0.5, 1.5]],
  ['asinh-acosh', (x) => x.asinh().add(x.add(2).acosh()), [-0.5, 0.5, 1.5]],
  ['atanh', (x) => x.atanh(), [-0.6, 0.1, 0.8]],
  ['log1p-expm1', (x) => x.log1p().mul(x.expm1()), [-0.5, 0.3, 2]],
  ['exp2-log2-log10', (x) => x.exp2().mul(x.log2()).add(x.log10()), [0.5, 1.5, 3]],
  ['rsqrt-reciprocal', (x) => x.rsqrt().add(x.reciprocal()), [0.5, 1.5, 3]],
  ['atan2', (x) => x.atan2(x.mul(x).add(0.5)), [-1, 0.3, 2]],
  ['clamp-tensor', (x) => x.mul(x).clamp(x.mul(0.1), 3), [-1.2, 0.7, 2.5]],
  ['gelu', (x) => x.gelu(), [-1.5, 0.2, 1.1]],
  ['gelu-tanh', (x) => x.gelu('tanh'), [-1.5, 0.2, 1.1]],
  ['silu', (x) => x.silu(), [-1.5, 0.2, 1.1]],
  ['mish', (x) => x.mish(), [-1.5, 0.2, 1.1]],
  ['softplus', (x) => x.softplus(2, 3), [-1.5, 0.2, 1.1]],
  ['logSigmoid', (x) => x.logSigmoid(), [-1.5, 0.2, 1.1]],
  ['elu-selu-celu', (x) => x.elu().add(x.selu()).add(x.celu(0.5)).mul(x), [-1.5, 0.2, 1.1]],
  ['leakyRelu-hardswish', (x) => x.leakyRelu(0.1).add(x.hardswish()).mul(x), [-1.5, 0.2, 1.1]],
  ['softmax', (x) => x.reshape(2, 2).softmax(1).mul(x.reshape(2, 2)), [-1.5, 0.2, 1.1, 0.4]],
  ['logSoftmax', (x) => x.reshape(2, 2).logSoftmax(0).mul(x.reshape(2, 2).exp()), [-1.5, 0.2, 1.1, 0.4]],
  [
    'lerp-addcmul-addcdiv',
    (x) => x.lerp(x.mul(x), x.sigmoid()).addcmul(x, x.exp()).addcdiv(x, x.add(3)),
    [-1.5, 0.2, 1.1],
  ],
];

export const activationScripts: readonly (ScriptCase & { id: `double-backward/${string}` })[] = second.map(
  ([name, f, x0]) => ({
    id: `double-backward/${name}` as const,
    run: async (check) => {
      check.equal(await secondOrder(f, x0), null, `second-order gradient of ${name}`);
    },
  }),
);

/** Bad input to the activations. */
export const activationErrors = [
  {
    id: 'error/gelu-of-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (x) => x.gelu(),
    throws: /gelu: expected a floating point tensor .*got dtype int32/,
  },
  {
    id: 'error/softmax-of-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (x) => x.softmax(0),
    throws: /softmax: expected a floating point tensor .*got dtype int32/,
  },
  {
    id: 'error/softmax-dim-out-of-range',
    inputs: () => [ones([2, 3])],
    run: (x) => x.logSoftmax(2),
    throws: /logSoftmax: dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
  },
  {
    id: 'error/gelu-bad-approximate',
    inputs: () => [ones([2])],
    run: (x) => x.gelu('fast' as 'tanh'),
    throws: /gelu: approximate must be 'none' or 'tanh', got 'fast'/,
  },
] as const satisfies readonly ErrorCase[];
