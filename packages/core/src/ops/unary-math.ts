import { broadcastShapes } from '../shape.js';
import { isFloating } from '../dtype.js';
import type { TensorLike } from '../tensor.js';
import { Tensor } from '../tensor.js';
import { clone } from './convert.js';
import {
  abs,
  div,
  eq,
  ge,
  gt,
  le,
  logicalAnd,
  logicalOr,
  lt,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  pow,
  sqrt,
  sub,
  unary,
  where,
} from './elementwise.js';
import { sumTo } from './reduce.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { ArgumentError, DTypeError } from '../errors.js';

/**
 * The unary math functions beyond elementwise.ts: the transcendental and rounding primitives, and
 * composites recorded as one node with PyTorch's grad_fn name (reciprocal, rsqrt, frac, clamp,
 * nanToNum).
 */

export const exp2 = (x: Tensor): Tensor => unary('exp2', x);
export const expm1 = (x: Tensor): Tensor => unary('expm1', x);
export const log2 = (x: Tensor): Tensor => unary('log2', x);
export const log10 = (x: Tensor): Tensor => unary('log10', x);
export const log1p = (x: Tensor): Tensor => unary('log1p', x);
export const tan = (x: Tensor): Tensor => unary('tan', x);
export const asin = (x: Tensor): Tensor => unary('asin', x);
export const acos = (x: Tensor): Tensor => unary('acos', x);
export const atan = (x: Tensor): Tensor => unary('atan', x);
export const sinh = (x: Tensor): Tensor => unary('sinh', x);
export const cosh = (x: Tensor): Tensor => unary('cosh', x);
export const asinh = (x: Tensor): Tensor => unary('asinh', x);
export const acosh = (x: Tensor): Tensor => unary('acosh', x);
export const atanh = (x: Tensor): Tensor => unary('atanh', x);
export const erf = (x: Tensor): Tensor => unary('erf', x);
/** 1 - erf(x), computed directly (accurate where erf(x) is close to 1). */
export const erfc = (x: Tensor): Tensor => unary('erfc', x);
/** The inverse of erf on [-1, 1] (±Infinity at ±1, NaN beyond). */
export const erfinv = (x: Tensor): Tensor => unary('erfinv', x);
/** log|Γ(x)| (+Infinity at 0, -1, -2, ...). */
export const lgamma = (x: Tensor): Tensor => unary('lgamma', x);
/** ψ(x) = Γ'(x)/Γ(x) (NaN at the negative integers, -Infinity at +0). */
export const digamma = (x: Tensor): Tensor => unary('digamma', x);
/** Rounds half to even, as torch.round. */
export const round = (x: Tensor): Tensor => unary('round', x);
export const trunc = (x: Tensor): Tensor => unary('trunc', x);

/** x * x, keeping the dtype (PowBackward0, as torch.square). */
export const square = (x: Tensor): Tensor => pow(x, 2);

/** 1 / x; ints give float32. */
export function reciprocal(x: Tensor): Tensor {
  return defineOp(
    'ReciprocalBackward0',
    [x],
    () => div(1, x),
    (y) => [y],
    (g, [y]) => [neg(mul(g, mul(y, y)))],
    null,
  );
}

/** 1 / sqrt(x); ints give float32. */
export function rsqrt(x: Tensor): Tensor {
  return defineOp(
    'RsqrtBackward0',
    [x],
    () => div(1, sqrt(x)),
    (y) => [y],
    (g, [y]) => [mul(g, mul(pow(y, 3), -0.5))],
    null,
  );
}

/** x - trunc(x), with x's sign; floating dtypes only, as torch.frac. */
export function frac(x: Tensor): Tensor {
  if (!isFloating(x.dtype))
    throw new DTypeError(
      `frac: not supported for ${x.dtype} tensors (PyTorch: "frac_cpu" not implemented); convert with .float() first`,
    );
  return defineOp(
    'FracBackward0',
    [x],
    () => sub(x, unary('trunc', x)),
    NOTHING_SAVED,
    (g) => [g],
    null,
  );
}

export type ClampBound = TensorLike | null | undefined;

interface ClampAttrs {
  readonly x: Tensor;
  readonly lo: TensorLike | null;
  readonly hi: TensorLike | null;
}

/** clamp's bounds by name, as PyTorch's keyword arguments. */
export interface ClampOptions {
  readonly min?: ClampBound;
  readonly max?: ClampBound;
}

function isClampOptions(v: ClampBound | ClampOptions | undefined): v is ClampOptions {
  return typeof v === 'object' && v !== null && !(v instanceof Tensor);
}

/**
 * min(max(x, min), max), either bound a tensor (broadcasting), a number, or absent. The gradient
 * reaches x where min <= x <= max (inclusive, as PyTorch), a tensor bound where it wins; where
 * min > max every element is max.
 */
export function clamp(x: Tensor, min?: ClampBound | ClampOptions, max?: ClampBound): Tensor {
  // PyTorch's keywords, `clamp(x, min=0)`, as `clamp(x, { min: 0 })`.
  if (isClampOptions(min)) {
    if (max !== undefined)
      throw new ArgumentError('clamp: got both an options object and a positional max; pass max in the options');
    return clamp(x, min.min, min.max);
  }
  const lo = min ?? null;
  const hi = max ?? null;
  if (lo === null && hi === null) throw new ArgumentError("clamp: at least one of 'min' or 'max' must not be None");
  // Checked here, so that a bound that does not broadcast is named clamp's, not maximum's.
  for (const b of [lo, hi]) if (b instanceof Tensor) broadcastShapes('clamp', x.shape, b.shape);
  const forward = (): Tensor => {
    let r = x;
    if (lo !== null) r = maximum(r, lo);
    if (hi !== null) r = minimum(r, hi);
    return r;
  };
  const tensorBound = lo instanceof Tensor || hi instanceof Tensor;
  const base = lo !== null && hi !== null ? 'ClampBackward' : lo !== null ? 'ClampMinBackward' : 'ClampMaxBackward';
  const name = base + (tensorBound === (base === 'ClampBackward') ? '0' : '1');
  const inputs = [x, lo, hi].filter((t): t is Tensor => t instanceof Tensor);
  return defineOp(name, inputs, forward, inputs, clampBackward, { x, lo, hi });
}

function clampBackward(
  g: Tensor,
  _saved: readonly Tensor[],
  { x, lo, hi }: ClampAttrs,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const cast = (t: Tensor, like: Tensor) => {
    const s = sumTo(t, like.shape);
    return s.dtype === like.dtype ? s : s.to(like.dtype);
  };
  let inRange: Tensor | null = null;
  if (lo !== null) inRange = ge(x, lo);
  if (hi !== null) inRange = inRange === null ? le(x, hi) : logicalAnd(inRange, le(x, hi));
  const out: (Tensor | null)[] = [needs[0] === true ? cast(where(inRange!, g, 0), x) : null];
  if (lo instanceof Tensor) {
    const wins = hi === null ? lt(x, lo) : logicalAnd(lt(x, lo), le(lo, hi));
    out.push(needs[out.length] === true ? cast(where(wins, g, 0), lo) : null);
  }
  if (hi instanceof Tensor) {
    const wins = lo === null ? gt(x, hi) : logicalOr(gt(x, hi), lt(hi, lo));
    out.push(needs[out.length] === true ? cast(where(wins, g, 0), hi) : null);
  }
  return out;
}

/** torch.clip: an alias of {@link clamp}. */
export const clip = clamp;

export const clampMin = (x: Tensor, min: TensorLike): Tensor => clamp(x, min, null);
export const clampMax = (x: Tensor, max: TensorLike): Tensor => clamp(x, null, max);

export interface NanToNumOptions {
  /** Replaces NaN (default 0). */
  readonly nan?: number;
  /** Replaces +Infinity (default: the dtype's largest finite value). */
  readonly posinf?: number;
  /** Replaces -Infinity (default: the dtype's most negative finite value). */
  readonly neginf?: number;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** NaN and infinities replaced by finite numbers; ints and bools are returned as a copy. */
export function nanToNum(x: Tensor, options: NanToNumOptions = {}): Tensor {
  if (!isFloating(x.dtype)) return clone(x);
  const big = x.dtype === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
  const { nan = 0, posinf = big, neginf = -big } = options;
  return defineOp(
    'NanToNumBackward0',
    [x],
    () => where(ne(x, x), nan, where(eq(x, Infinity), posinf, where(eq(x, -Infinity), neginf, x))),
    [x],
    (g, [sx]) => [where(lt(abs(sx), Infinity), g, 0)],
    null,
  );
}
