import { isFloating } from '../dtype.js';
import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { wrap } from './dispatch.js';
import {
  abs,
  add,
  div,
  exp,
  gt,
  le,
  log,
  logicalAnd,
  lt,
  maximum,
  minimum,
  mul,
  neg,
  sigmoid,
  sub,
  tanh,
  where,
} from './elementwise.js';
import { sum } from './reduce.js';
import { softmaxGrad } from './softmax-grad.js';
import { reshape } from './view.js';
import { clamp, erf, expm1, log1p } from './unary-math.js';
import { defineOp } from './op-node.js';
import { DTypeError, ValueError } from '../errors.js';

/**
 * Activations, as torch.nn.functional has them. Each is composed from public ops and recorded as
 * one node with PyTorch's grad_fn name and its derivative written with public ops (so double
 * backward works). Floating dtypes only, unless PyTorch accepts ints (hardtanh, relu6).
 */

function floatOnly(op: string, x: Tensor): void {
  if (!isFloating(x.dtype)) {
    throw new DTypeError(
      `${op}: expected a floating point tensor (float32 or float64), got dtype ${x.dtype}; convert with .float() first`,
    );
  }
}

/** log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)), stable at both ends. */
export function logSigmoid(x: Tensor): Tensor {
  floatOnly('logSigmoid', x);
  return defineOp(
    'LogSigmoidBackward0',
    [x],
    () => sub(minimum(x, 0), log1p(exp(neg(abs(x))))),
    [x],
    (g, [sx]) => [mul(g, sigmoid(neg(sx)))],
    null,
  );
}

/** max(x, negativeSlope * x); the slope's side at 0, as PyTorch. */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  floatOnly('leakyRelu', x);
  return defineOp(
    'LeakyReluBackward0',
    [x],
    () => where(gt(x, 0), x, mul(x, negativeSlope)),
    [x],
    (g, [sx]) => [where(gt(sx, 0), g, mul(g, negativeSlope))],
    null,
  );
}

/** clamp(x, minVal, maxVal); the gradient is zero at and beyond the bounds (torch's hardtanh_backward). */
export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  if (x.dtype === 'bool') throw new DTypeError('hardtanh: not supported for bool tensors');
  return defineOp(
    'HardtanhBackward0',
    [x],
    () => clamp(x, minVal, maxVal),
    [x],
    (g, [sx]) => [where(logicalAnd(gt(sx, minVal), lt(sx, maxVal)), g, 0)],
    null,
  );
}

/** min(max(x, 0), 6). */
export const relu6 = (x: Tensor): Tensor => hardtanh(x, 0, 6);

/** x for x > 0, alpha * (exp(x / inputScale) - 1) * scale otherwise: elu, selu and celu (EluBackward0). */
function eluFamily(op: string, x: Tensor, alpha: number, scale: number, inputScale: number): Tensor {
  floatOnly(op, x);
  const neg = (t: Tensor) => mul(expm1(inputScale === 1 ? t : mul(t, inputScale)), alpha * scale);
  return defineOp(
    'EluBackward0',
    [x],
    () => where(gt(x, 0), scale === 1 ? x : mul(x, scale), neg(x)),
    [x],
    (g, [sx]) => [
      where(
        gt(sx, 0),
        scale === 1 ? g : mul(g, scale),
        mul(g, mul(exp(inputScale === 1 ? sx : mul(sx, inputScale)), alpha * scale * inputScale)),
      ),
    ],
    null,
  );
}

export const elu = (x: Tensor, alpha = 1): Tensor => eluFamily('elu', x, alpha, 1, 1);
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
export const selu = (x: Tensor): Tensor => eluFamily('selu', x, SELU_ALPHA, SELU_SCALE, 1);
export function celu(x: Tensor, alpha = 1): Tensor {
  if (alpha === 0) throw new ValueError('celu: ZeroDivisionError, alpha cannot be 0');
  return eluFamily('celu', x, alpha, 1, 1 / alpha);
}

export type GeluApproximate = 'none' | 'tanh';
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

/**
 * x * Phi(x), Phi the standard normal CDF (through erf); with 'tanh', PyTorch's approximation
 * 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x³))).
 */
export function gelu(x: Tensor, approximate: GeluApproximate | { approximate?: GeluApproximate } = 'none'): Tensor {
  const mode = typeof approximate === 'string' ? approximate : (approximate.approximate ?? 'none');
  floatOnly('gelu', x);
  if (mode === 'tanh') {
    const inner = (t: Tensor) => mul(add(t, mul(mul(mul(t, t), t), GELU_C)), SQRT_2_OVER_PI);
    return defineOp(
      'GeluBackward0',
      [x],
      () => mul(mul(x, 0.5), add(tanh(inner(x)), 1)),
      [x],
      (g, [sx]) => {
        const t = tanh(inner(sx));
        const dInner = mul(add(mul(mul(sx, sx), 3 * GELU_C), 1), SQRT_2_OVER_PI);
        return [mul(g, add(mul(add(t, 1), 0.5), mul(mul(mul(sx, 0.5), sub(1, mul(t, t))), dInner)))];
      },
      null,
    );
  }
  if (mode !== 'none') throw new ValueError(`gelu: approximate must be 'none' or 'tanh', got '${String(mode)}'`);
  const cdf = (t: Tensor) => mul(add(erf(mul(t, Math.SQRT1_2)), 1), 0.5);
  return defineOp(
    'GeluBackward0',
    [x],
    () => mul(x, cdf(x)),
    [x],
    (g, [sx]) => {
      const pdf = mul(exp(mul(mul(sx, sx), -0.5)), 1 / Math.sqrt(2 * Math.PI));
      return [mul(g, add(cdf(sx), mul(sx, pdf)))];
    },
    null,
  );
}

/** x * sigmoid(x). */
export function silu(x: Tensor): Tensor {
  floatOnly('silu', x);
  return defineOp(
    'SiluBackward0',
    [x],
    () => mul(x, sigmoid(x)),
    [x],
    (g, [sx]) => {
      const s = sigmoid(sx);
      return [mul(g, mul(s, add(mul(sx, sub(1, s)), 1)))];
    },
    null,
  );
}

/** log(1 + exp(x)) computed as max(x, 0) + log1p(exp(-|x|)), which neither overflows nor underflows. */
function softplusRaw(z: Tensor): Tensor {
  return add(maximum(z, 0), log1p(exp(neg(abs(z)))));
}

/** log(1 + exp(beta x)) / beta, and x itself where beta x > threshold (as PyTorch). */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  floatOnly('softplus', x);
  const bx = (t: Tensor) => (beta === 1 ? t : mul(t, beta));
  return defineOp(
    'SoftplusBackward0',
    [x],
    () => where(gt(bx(x), threshold), x, beta === 1 ? softplusRaw(x) : div(softplusRaw(bx(x)), beta)),
    [x],
    (g, [sx]) => [where(gt(bx(sx), threshold), g, mul(g, sigmoid(bx(sx))))],
    null,
  );
}

/** x * tanh(softplus(x)). */
export function mish(x: Tensor): Tensor {
  floatOnly('mish', x);
  return defineOp(
    'MishBackward0',
    [x],
    () => mul(x, tanh(softplusRaw(x))),
    [x],
    (g, [sx]) => {
      const t = tanh(softplusRaw(sx));
      return [mul(g, add(t, mul(mul(sx, sub(1, mul(t, t))), sigmoid(sx))))];
    },
    null,
  );
}

/** x / (1 + |x|) (a composite in PyTorch too: DivBackward0). */
export function softsign(x: Tensor): Tensor {
  return div(x, add(abs(x), 1));
}

/** relu6(x + 3) / 6; the gradient 1/6 strictly inside (-3, 3). */
export function hardsigmoid(x: Tensor): Tensor {
  floatOnly('hardsigmoid', x);
  return defineOp(
    'HardsigmoidBackward0',
    [x],
    () => div(clamp(add(x, 3), 0, 6), 6),
    [x],
    (g, [sx]) => [where(logicalAnd(gt(sx, -3), lt(sx, 3)), div(g, 6), 0)],
    null,
  );
}

/** x * relu6(x + 3) / 6; the gradient as torch's hardswish_backward (x/3 + 1/2 on [-3, 3]). */
export function hardswish(x: Tensor): Tensor {
  floatOnly('hardswish', x);
  return defineOp(
    'HardswishBackward0',
    [x],
    () => div(mul(x, clamp(add(x, 3), 0, 6)), 6),
    [x],
    (g, [sx]) => [where(lt(sx, -3), 0, where(le(sx, 3), mul(g, add(div(sx, 3), 0.5)), g))],
    null,
  );
}

/** `x - max(x)` along `d` (the max a constant): what makes softmax stable. 0-d as one element. */
function shifted(x: Tensor, d: number): Tensor {
  if (x.ndim === 0) return reshape(shifted(reshape(x, [1]), 0), []);
  const kept = x.shape.map((n, i) => (i === d ? 1 : n));
  const max = wrap(x.backend, x.backend.kernels.reduce('max', x, [d], x.dtype), kept, x.dtype);
  return disposing(sub(x, max), max);
}

/**
 * `y`, after disposing the forward's `temporaries`: their memory goes back to the backend's pool
 * for the next op at once, where the collector would take a while (softmax of 4096x1024 makes
 * two 16 MB intermediates per call).
 */
function disposing(y: Tensor, ...temporaries: Tensor[]): Tensor {
  for (const t of temporaries) t.dispose();
  return y;
}

/** softmax (or logSoftmax) through the backend's fused kernel; null where it has none. */
function fused(x: Tensor, d: number, log: boolean): Tensor | null {
  const kernels = x.backend.kernels;
  if (kernels.softmax === undefined) return null;
  return wrap(x.backend, kernels.softmax(x, d, log, x.dtype), x.shape, x.dtype);
}

function softmaxDim(op: string, x: Tensor, dim: number): number {
  floatOnly(op, x);
  return normalizeDim(op, dim, x.ndim);
}

/**
 * exp(x) / sum(exp(x)) along `dim` (any dim, negative from the end), computed after subtracting the max.
 *
 * @example
 * ```ts example
 * import { softmax, tensor } from '@ag/core';
 *
 * // equal logits share the mass equally, whatever their value
 * console.log(softmax(tensor([[0, 0], [5, 5]]), 1));
 * ```
 *
 * ```text
 * tensor([[0.5000, 0.5000],
 *         [0.5000, 0.5000]])
 * ```
 */
export function softmax(x: Tensor, dim: number): Tensor {
  const d = softmaxDim('softmax', x, dim);
  return defineOp(
    'SoftmaxBackward0',
    [x],
    () => {
      const y = fused(x, d, false);
      if (y !== null) return y;
      const s = shifted(x, d);
      const e = disposing(exp(s), s);
      const total = sum(e, d, true);
      return disposing(div(e, total), e, total);
    },
    (y) => [y],
    (g, [y]) => [softmaxGrad(g, y, d, false)],
    { dim: d }, // unread by the gradient; the exporter's Softmax axis
  );
}

/** x - logsumexp(x) along `dim`, computed after subtracting the max. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const d = softmaxDim('logSoftmax', x, dim);
  return defineOp(
    'LogSoftmaxBackward0',
    [x],
    () => {
      const y = fused(x, d, true);
      if (y !== null) return y;
      const s = shifted(x, d);
      const e = exp(s);
      const total = sum(e, d, true);
      const logTotal = log(total);
      return disposing(sub(s, logTotal), s, e, total, logTotal);
    },
    (y) => [y],
    (g, [y]) => [softmaxGrad(g, y, d, true)],
    { dim: d }, // unread by the gradient; the exporter's LogSoftmax axis
  );
}
