import type { Tensor } from '@ag/core';
import { getBackend, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

/**
 * Second order: the gradient of sum(g²), g the gradient of sum(f(x)) taken with createGraph,
 * against central differences of sum(g(x)²) (first-order gradients only). Exercises every
 * gradient rule's own differentiability (double backward).
 */
export async function secondOrder(f: (x: Tensor) => Tensor, x0: readonly number[]): Promise<string | null> {
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
  ['erfc-erfinv', (x) => x.erfc().add(x.mul(0.5).erfinv()), [-1.2, 0.3, 0.9]],
  ['lgamma-digamma', (x) => x.lgamma().add(x.digamma()), [0.7, 1.5, 3.2]],
  ['logcumsumexp-cummax', (x) => x.logcumsumexp(0).mul(x).add(x.cummax(0).values.mul(x)), [0.5, -1, 2]],
  ['polygamma', (x) => x.polygamma(1).add(x.neg().polygamma(2)), [-1.5, 0.7, 3.2]],
  [
    'hypot-logaddexp',
    (x) =>
      x
        .hypot(x.exp())
        .add(x.logaddexp(x.mul(x)))
        .add(x.logaddexp2(x.neg())),
    [-1, 0.3, 2],
  ],
  ['xlogy-logit-sinc', (x) => x.xlogy(x.exp()).add(x.sigmoid().logit()).add(x.sinc()), [-1.2, 0.3, 0.9]],
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

export const doubleBackwardScripts: readonly (ScriptCase & { id: `double-backward/${string}` })[] = second.map(
  ([name, f, x0]) => ({
    id: `double-backward/${name}` as const,
    run: async (check) => {
      check.equal(await secondOrder(f, x0), null, `second-order gradient of ${name}`);
    },
  }),
);
