import type { ScanOp } from '../backend/primitives.js';
import { isFloating } from '../dtype.js';
import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { viewOf, wrap } from './dispatch.js';
import { add, div, eq, logicalAnd, mul, where } from './elementwise.js';
import { flip } from './reshape-ops.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';

/** Cumulative sums and products along a dim (the `scan` primitive). */

function scanOp(op: ScanOp, x: Tensor, dim: number): { y: Tensor; d: number } {
  const d = normalizeDim(op, dim, x.ndim);
  const out = isFloating(x.dtype) ? x.dtype : 'int32';
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
