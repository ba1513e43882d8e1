import { isFloating } from '../dtype.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { abs, div, eq, exp, log, mul, ne, pow, sqrt, sub, where, add } from './elementwise.js';
import { mean, sum, type Dims } from './reduce.js';
import { amax, amin, reduction } from './reduce-extra.js';
import { expand, reshape } from './view.js';
import { defineOp } from './op-node.js';

/** Statistics built from other reductions: var, std, logsumexp, norm. */

function floatOnly(op: string, x: Tensor): void {
  if (!isFloating(x.dtype)) throw new Error(`${op}: expected a floating point input, got dtype ${x.dtype} (shape ${formatShape(x.shape)}); convert first with .float()`);
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
  const n = axes.reduce((p, a) => p * x.shape[a]!, 1);
  const divisor = Math.max(n - correction, 0);
  return defineOp('VarBackward0', [x], () => {
    const centered = sub(x, mean(x, axes, true));
    return reshape(div(sum(mul(centered, centered), axes, true), divisor), shape);
  }, [x], (g, [input]) => {
    const t = input!;
    const centered = sub(t, mean(t, axes, true));
    return [mul(expand(reshape(g, kept), t.shape), div(mul(centered, 2), divisor))];
  }, null);
}

/** torch.std: the square root of {@link variance}. */
export function std(x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor {
  floatOnly('std', x);
  return sqrt(variance(x, dim, options));
}

/** torch.logsumexp, stable: the max is subtracted before exp and added back after log. */
export function logsumexp(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const f = isFloating(x.dtype) ? x : x.to('float32');
  const { axes, shape } = reduction('logsumexp', f, dim, keepdim);
  if (f.numel === 0) return reshape(log(sum(exp(f), axes, true)), shape);
  const m0 = amax(f.detach(), axes, true);
  const m = where(eq(abs(m0), Infinity), 0, m0);
  return reshape(add(log(sum(exp(sub(f, m)), axes, true)), m), shape);
}

/**
 * torch.norm: the p-norm over all elements or `dim` (p = 2 by default; 1, Infinity, -Infinity,
 * 0 (the count of nonzeros) and any other p). The 2-norm's gradient at a zero vector is 0, as
 * in PyTorch.
 */
export function norm(x: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  floatOnly('norm', x);
  const { axes, kept, shape } = reduction('norm', x, dim, keepdim);
  if (p === 2) {
    return defineOp('NormBackward1', [x], () => reshape(sqrt(sum(mul(x, x), axes, true)), shape), [x], (g, [input]) => {
      const t = input!;
      const n = expand(sqrt(sum(mul(t, t), axes, true)), t.shape);
      return [where(eq(n, 0), 0, div(mul(expand(reshape(g, kept), t.shape), t), n))];
    }, null);
  }
  if (p === 1) return sum(abs(x), axes, keepdim);
  if (p === Infinity) return amax(abs(x), axes, keepdim);
  if (p === -Infinity) return amin(abs(x), axes, keepdim);
  if (p === 0) return sum(ne(x, 0), axes, keepdim).to(x.dtype);
  return pow(sum(pow(abs(x), p), axes, keepdim), 1 / p);
}
