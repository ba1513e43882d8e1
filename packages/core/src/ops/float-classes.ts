import { isFloating } from '../dtype.js';
import { shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { toTypedArray } from '../read.js';
import { fullLike } from './creation.js';
import { abs, eq, le, logicalAnd, logicalOr, lt, mul, ne, sub, add } from './elementwise.js';
import { all } from './reduce-extra.js';
import { DTypeError, ValueError } from '../errors.js';

/**
 * What kind of number each element is (NaN, infinite, finite) and closeness tests. The results
 * are bool tensors and have no gradient (PyTorch's are non-differentiable); `allclose` and
 * `equal` read one boolean back, so they are awaited, as `item()` is.
 */

/** Ints and bools hold no NaN or infinity: the answer is `value` everywhere. */
const constant = (x: Tensor, value: boolean): Tensor => fullLike(x, value, { dtype: 'bool' });

/** Where x is NaN (the one value not equal to itself). */
export const isnan = (x: Tensor): Tensor => (isFloating(x.dtype) ? ne(x, x) : constant(x, false));
/** Where x is +Infinity or -Infinity. */
export const isinf = (x: Tensor): Tensor => (isFloating(x.dtype) ? eq(abs(x), Infinity) : constant(x, false));
export const isposinf = (x: Tensor): Tensor => (isFloating(x.dtype) ? eq(x, Infinity) : constant(x, false));
export const isneginf = (x: Tensor): Tensor => (isFloating(x.dtype) ? eq(x, -Infinity) : constant(x, false));
/** Where x is neither NaN nor infinite (NaN fails `|x| < inf`). */
export const isfinite = (x: Tensor): Tensor => (isFloating(x.dtype) ? lt(abs(x), Infinity) : constant(x, true));

export interface IsCloseOptions {
  /** Relative tolerance (default 1e-5). */
  readonly rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  readonly atol?: number;
  /** Whether two NaNs count as equal (default false). */
  readonly equalNan?: boolean;
}

/**
 * `|a - b| <= atol + rtol * |b|` elementwise with |a - b| finite (not symmetric, as torch.isclose),
 * or a == b (so equal infinities are close); with `equalNan`, NaN is close to NaN. Same dtypes only, as PyTorch.
 */
export function isclose(a: Tensor, b: Tensor, options: IsCloseOptions = {}): Tensor {
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  if (a.dtype !== b.dtype)
    throw new DTypeError(`isclose: expected a and b to have the same dtype, but got ${a.dtype} and ${b.dtype}`);
  if (!(rtol >= 0)) throw new ValueError(`isclose: rtol must be greater than or equal to zero, but got ${rtol}`);
  if (!(atol >= 0)) throw new ValueError(`isclose: atol must be greater than or equal to zero, but got ${atol}`);
  const same = eq(a, b);
  if (a.dtype === 'bool') return same;
  // Ints compare their difference in float32, as PyTorch computes the allowed error in a float.
  const fa = isFloating(a.dtype) ? a : a.to('float32');
  const fb = isFloating(b.dtype) ? b : b.to('float32');
  // A finite error only: -inf and +inf are not close, however large the allowed error.
  const error = abs(sub(fa, fb));
  let close = logicalOr(same, logicalAnd(lt(error, Infinity), le(error, add(mul(abs(fb), rtol), atol))));
  if (equalNan) close = logicalOr(close, logicalAnd(ne(a, a), ne(b, b)));
  return close;
}

/** Whether every element of a is close to b's (broadcasting), as torch.allclose; awaited. */
export async function allclose(a: Tensor, b: Tensor, options: IsCloseOptions = {}): Promise<boolean> {
  return (await toTypedArray(all(isclose(a, b, options))))[0] !== 0;
}

/** torch.equal: the same shape and the same values (NaN is never equal); awaited. */
export async function equal(a: Tensor, b: Tensor): Promise<boolean> {
  if (!shapesEqual(a.shape, b.shape)) return false;
  if (a.numel() === 0) return true;
  return (await toTypedArray(all(eq(a, b))))[0] !== 0;
}
