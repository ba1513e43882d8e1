import { isFloating } from '../dtype.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { abs, div, eq, exp, log, mul, ne, pow, sign, sqrt, sub, where, add } from './elementwise.js';
import { to } from './convert.js';
import { mean, reduction, sum, type Dims } from './reduce.js';
import { amax, amin } from './reduce-extra.js';
import { expand, reshape } from './view.js';
import { defineOp } from './op-node.js';
import { DTypeError } from '../errors.js';

/** Statistics built from other reductions: var, std, logsumexp, norm. */

function floatOnly(op: string, x: Tensor): void {
  if (!isFloating(x.dtype))
    throw new DTypeError(
      `${op}: expected a floating point input, got dtype ${x.dtype} (shape ${formatShape(x.shape)}); convert first with .float()`,
    );
}

export interface VarOptions {
  /** Subtracted from the count of elements in the divisor: 1 (default, Bessel's correction) or 0. */
  readonly correction?: number;
  readonly keepdim?: boolean;
}

/** torch.var: sum((x - mean)^2) / (N - correction), over all elements or `dim`. */
export function variance(x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor {
  floatOnly('var', x);
  const correction = options.correction ?? 1;
  const keepdim = options.keepdim ?? false;
  const { axes, kept, shape } = reduction('var', x, dim, keepdim);
  const divisor = varianceDivisor(x, axes, correction);
  return defineOp(
    'VarBackward0',
    [x],
    () => {
      const centered = sub(x, mean(x, axes, true));
      return reshape(div(sum(mul(centered, centered), axes, true), divisor), shape);
    },
    [x],
    (g, [input]) => [mul(expand(reshape(g, kept), input.shape), varianceSlope(input, axes, divisor))],
    null,
  );
}

/** torch.std: the square root of {@link variance} (one node, StdBackward0, as PyTorch). */
export function std(x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor {
  floatOnly('std', x);
  const { axes, kept } = reduction('std', x, dim, options.keepdim ?? false);
  const divisor = varianceDivisor(x, axes, options.correction ?? 1);
  // d std = d var / (2 std), taken as 0 where std = 0, as PyTorch.
  return defineOp(
    'StdBackward0',
    [x],
    () => sqrt(variance(x, dim, options)),
    (y) => [x, y],
    (g, [input, y]) => {
      const half = expand(reshape(where(eq(y, 0), 0, div(g, mul(y, 2))), kept), input.shape);
      return [mul(half, varianceSlope(input, axes, divisor))];
    },
    null,
  );
}

/** The variance's divisor over `axes`: N - correction, and 0 (not negative) past N. */
function varianceDivisor(x: Tensor, axes: readonly number[], correction: number): number {
  const n = axes.reduce((p, a) => p * x.shape[a]!, 1);
  return Math.max(n - correction, 0);
}

/** d var / dx: 2 (x - mean) / divisor, over `axes`. */
function varianceSlope(x: Tensor, axes: readonly number[], divisor: number): Tensor {
  return div(mul(sub(x, mean(x, axes, true)), 2), divisor);
}

/** torch.logsumexp, stable: the max is subtracted before exp and added back after log. */
export function logsumexp(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const f = isFloating(x.dtype) ? x : x.to('float32');
  const { axes, kept, shape } = reduction('logsumexp', f, dim, keepdim);
  return defineOp(
    'LogsumexpBackward0',
    [f],
    () => {
      if (f.numel() === 0) return reshape(log(sum(exp(f), axes, true)), shape);
      const m0 = amax(f, axes, true);
      const m = where(eq(abs(m0), Infinity), 0, m0);
      return reshape(add(log(sum(exp(sub(f, m)), axes, true)), m), shape);
    },
    (y) => [f, y],
    (g, [input, y]) => [mul(reshape(g, kept), exp(sub(input, reshape(y, kept))))],
    null,
  );
}

/**
 * torch.norm: the p-norm over all elements or `dim` (p = 2 by default; 1, Infinity, -Infinity,
 * 0 (the count of nonzeros) and any other p), one node as PyTorch's linalg.vector_norm. The
 * gradient at a zero vector is 0, as in PyTorch.
 */
export function norm(x: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  floatOnly('norm', x);
  const { axes, kept, shape } = reduction('norm', x, dim, keepdim);
  return defineOp(
    'LinalgVectorNormBackward0',
    [x],
    () => {
      if (p === 2) return reshape(sqrt(sum(mul(x, x), axes, true)), shape);
      if (p === 1) return sum(abs(x), axes, keepdim);
      if (p === Infinity) return amax(abs(x), axes, keepdim);
      if (p === -Infinity) return amin(abs(x), axes, keepdim);
      if (p === 0) return sum(ne(x, 0), axes, keepdim).to(x.dtype);
      return pow(sum(pow(abs(x), p), axes, keepdim), 1 / p);
    },
    (y) => [x, y],
    (g, [input, y]) => [normBackward(input, reshape(g, kept), reshape(y, kept), p, axes)],
    null,
  );
}

/** PyTorch's norm_backward: the gradient of the p-norm `n` (kept dims) of `x`, from `g` (kept dims). */
export function normBackward(x: Tensor, g: Tensor, n: Tensor, p: number, axes: readonly number[]): Tensor {
  if (p === 0) return mul(x, 0);
  if (p === 1) return mul(sign(x), g);
  if (p === 2) return mul(x, where(eq(n, 0), 0, div(g, n)));
  if (p === Infinity || p === -Infinity) {
    // Ties share the gradient evenly.
    const hit = to(eq(abs(x), n), x.dtype);
    return mul(mul(sign(x), div(g, sum(hit, axes, true))), hit);
  }
  const scaled = where(eq(n, 0), 0, div(g, pow(n, p - 1)));
  if (p < 1) return mul(mul(sign(x), pow(abs(x), p - 1)), scaled);
  return mul(mul(x, pow(abs(x), p - 2)), scaled);
}
