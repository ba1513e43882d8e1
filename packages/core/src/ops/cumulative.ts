import type { ScanOp } from '../backend/primitives.js';
import { isFloating } from '../dtype.js';
import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { viewOf, wrap } from './dispatch.js';
import { abs, add, div, eq, exp, gt, log, logicalAnd, logicalOr, lt, mul, ne, sub, where } from './elementwise.js';
import { arange, zeros } from './creation.js';
import { scatterAdd } from './indexing.js';
import { reshape } from './view.js';
import type { MaxResult } from './reduce-extra.js';
import { flip } from './reshape-ops.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { DTypeError } from '../errors.js';

/** Cumulative sums, products, maxima/minima and logsumexp along a dim (the `scan` primitive). */

function scanOp(op: ScanOp, x: Tensor, dim: number): { y: Tensor; d: number } {
  const d = normalizeDim(op, dim, x.ndim);
  // Sums and products of ints widen to int32; running max/min keep the dtype.
  const out = isFloating(x.dtype) || op === 'cummax' || op === 'cummin' ? x.dtype : 'int32';
  const backend = x.backend;
  // A 0-d tensor scans as one element (the CPU kernel's 0-d path reads out of bounds).
  const v = x.ndim === 0 ? viewOf(x, [1], [1], x.offset) : x;
  return { y: wrap(backend, backend.kernels.scan(op, v, d, out), x.shape, out), d };
}

/** Sums from each element to the end of `dim`: the gradient of cumsum. */
function reverseCumsum(g: Tensor, d: number): Tensor {
  if (g.ndim === 0) return g;
  return flip(cumsum(flip(g, d), d), d);
}

/**
 * torch.cumsum; ints and bools sum to int32 (PyTorch: int64).
 *
 * @example
 * ```ts example
 * import { cumsum, tensor } from '@ag/core';
 *
 * console.log(cumsum(tensor([1, 2, 3, 4]), 0));
 * ```
 *
 * ```text
 * tensor([ 1.,  3.,  6., 10.])
 * ```
 */
export function cumsum(x: Tensor, dim: number): Tensor {
  const { y, d } = scanOp('cumsum', x, dim);
  return defineOp('CumsumBackward0', [x], y, NOTHING_SAVED, (g) => [reverseCumsum(g, d)], null);
}

/**
 * torch.cumprod; ints and bools multiply to int32. The gradient handles zeros as PyTorch does:
 * before the first zero of a line it is sum_{j>=i} g_j y_j / x_i; at the first zero it is
 * sum_{j>=i} g_j y'_j, with y' the cumprod with that zero taken as 1; after it, 0.
 */
export function cumprod(x: Tensor, dim: number): Tensor {
  const { y, d } = scanOp('cumprod', x, dim);
  return defineOp('CumprodBackward0', [x], y, [x, y], (g, [input, out]) => [cumprodBackward(g, input, out, d)], null);
}

function cumprodBackward(g: Tensor, x: Tensor, y: Tensor, d: number): Tensor {
  const isZero = eq(x, 0);
  const zerosSoFar = cumsum(isZero, d);
  const before = eq(zerosSoFar, 0);
  const firstZero = logicalAnd(isZero, eq(zerosSoFar, 1));
  const safe = where(before, x, 1);
  const divided = where(before, div(reverseCumsum(mul(g, y), d), safe), 0);
  const withoutZero = cumprod(where(firstZero, 1, x), d);
  return add(divided, where(firstZero, reverseCumsum(mul(g, withoutZero), d), 0));
}

/** The positions 0..n-1 along dim `d` of an ndim-dimensional tensor, shaped to broadcast. */
function positions(x: Tensor, d: number): Tensor {
  const n = x.shape[d]!;
  return reshape(
    arange(n, undefined, 1, { dtype: 'int32', device: x.device }),
    x.shape.map((_, i) => (i === d ? n : 1)),
  );
}

/**
 * torch.cummax / torch.cummin: the running max (min) along `dim` and the index where it was
 * taken (int32): the latest of tied values, and the latest NaN once a NaN was met, as PyTorch's
 * kernel (which updates on >=). The index is itself a running max, of the positions where the
 * value equals the running extreme so far. The gradient goes to those indices (CummaxBackward0).
 */
export const cummax = (x: Tensor, dim: number): MaxResult => cumExtreme('cummax', x, dim);
export const cummin = (x: Tensor, dim: number): MaxResult => cumExtreme('cummin', x, dim);

function cumExtreme(op: 'cummax' | 'cummin', x: Tensor, dim: number): MaxResult {
  const { y, d } = scanOp(op, x, dim);
  const v = x.ndim === 0 ? reshape(x, [1]) : x;
  const values = v === x ? y : reshape(y, [1]);
  const hit = logicalOr(eq(v, values), logicalAnd(ne(v, v), ne(values, values)));
  const at = scanOp('cummax', where(hit, positions(v, d), -1), d).y;
  const indices = x.ndim === 0 ? reshape(at, []) : at;
  const name = op === 'cummax' ? 'CummaxBackward0' : 'CumminBackward0';
  return {
    values: defineOp(
      name,
      [x],
      y,
      NOTHING_SAVED,
      (g) => [x.ndim === 0 ? g : scatterAdd(zeros(x.shape, { dtype: g.dtype, device: g.device }), d, indices, g)],
      null,
    ),
    indices,
  };
}

/**
 * torch.logcumsumexp: log(cumsum(exp(x))) along `dim`, by a scan that adds each term stably (no
 * overflow, no underflow of the small terms). Floating inputs only. The gradient is PyTorch's
 * logcumsumexp_backward, written with logcumsumexp itself (so it differentiates again).
 */
export function logcumsumexp(x: Tensor, dim: number): Tensor {
  if (!isFloating(x.dtype))
    throw new DTypeError(
      `logcumsumexp: expected a floating point input, got dtype ${x.dtype}; convert first with .float()`,
    );
  const { y, d } = scanOp('logcumsumexp', x, dim);
  return defineOp(
    'LogcumsumexpBackward0',
    [x],
    y,
    [x, y],
    (g, [input, out]) => [logcumsumexpBackward(g, input, out, d)],
    null,
  );
}

function logcumsumexpBackward(g: Tensor, x: Tensor, y: Tensor, d: number): Tensor {
  if (g.ndim === 0 || g.numel() === 0) return g;
  // The gradient's positive and negative parts in log space, with the dtype's lowest value for
  // "none" (log 0), summed from the end by a reversed logcumsumexp.
  const lowest = g.dtype === 'float64' ? -Number.MAX_VALUE : -3.4028234663852886e38;
  const logAbs = log(abs(g));
  const reversed = (t: Tensor) => flip(logcumsumexp(flip(t, d), d), d);
  const part = (mask: Tensor) => exp(add(reversed(sub(where(mask, logAbs, lowest), y)), x));
  return sub(part(gt(g, 0)), part(lt(g, 0)));
}
