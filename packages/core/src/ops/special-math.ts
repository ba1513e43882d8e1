import { isFloating } from '../dtype.js';
import type { TensorLike } from '../tensor.js';
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import {
  abs,
  add,
  cos,
  div,
  eq,
  exp,
  ge,
  gt,
  le,
  log,
  logicalAnd,
  logicalOr,
  maximum,
  mul,
  ne,
  neg,
  pow,
  sin,
  sqrt,
  sub,
  where,
} from './elementwise.js';
import { clamp, exp2, log1p } from './unary-math.js';
import { checkFloat, multiNode, when } from './multi-node.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { isinf } from './float-classes.js';
import { ArgumentError, DTypeError } from '../errors.js';

/**
 * Elementwise functions composed of primitives, each recorded as one node with PyTorch's
 * grad_fn name and its derivatives.yaml gradient: hypot, logaddexp(2), xlogy, logit, sinc,
 * deg2rad/rad2deg, heaviside.
 */

/** Ints and bools as float32, as PyTorch's unary float ops take them. */
const asFloat = (x: Tensor): Tensor => (isFloating(x.dtype) ? x : x.to('float32'));

/**
 * sqrt(a² + b²) without overflow or underflow in between: scaled by max(|a|, |b|). Infinite
 * wherever either is (even beside a NaN), as C's hypot. Floating tensors only (HypotBackward0).
 */
export function hypot(a: Tensor, b: Tensor): Tensor {
  checkFloat('hypot', a, b);
  return multiNode(
    'HypotBackward0',
    [a, b],
    () => {
      const m = maximum(abs(a), abs(b));
      const zero = eq(m, 0);
      const s = where(logicalOr(zero, eq(m, Infinity)), 1, m);
      const r = mul(s, sqrt(add(pow(div(a, s), 2), pow(div(b, s), 2))));
      return where(logicalOr(isinf(a), isinf(b)), Infinity, where(zero, 0, r));
    },
    // a / hypot and b / hypot: the result recomputed (one node each) rather than saved.
    (g, n) => [when(n[0], () => div(mul(g, a), hypot(a, b))), when(n[1], () => div(mul(g, b), hypot(a, b)))],
  );
}

/** log(exp(a) + exp(b)) without overflow: max + log1p(exp(-|a - b|)); equal infinities give themselves. */
export const logaddexp = (a: Tensor, b: Tensor): Tensor => logAddExpIn('logaddexp', 'LogaddexpBackward0', exp, a, b);
/** log2(2^a + 2^b), as {@link logaddexp} in base 2. */
export const logaddexp2 = (a: Tensor, b: Tensor): Tensor =>
  logAddExpIn('logaddexp2', 'Logaddexp2Backward0', exp2, a, b);

/** logaddexp in the base whose power is `pow` (exp or exp2); the gradients are g / (1 + pow(other - self)). */
function logAddExpIn(op: string, name: string, pow: (x: Tensor) => Tensor, a: Tensor, b: Tensor): Tensor {
  checkFloat(op, a, b);
  const ln = pow === exp ? 1 : Math.LN2;
  return multiNode(
    name,
    [a, b],
    () => {
      const r = add(maximum(a, b), div(log1p(pow(neg(abs(sub(a, b))))), ln));
      return where(logicalAnd(isinf(a), eq(a, b)), a, r);
    },
    (g, n) => [when(n[0], () => div(g, add(pow(sub(b, a)), 1))), when(n[1], () => div(g, add(pow(sub(a, b)), 1)))],
  );
}

/**
 * x * log(y), 0 where x is 0 (unless y is NaN), as torch.xlogy; ints give float32. Either side may
 * be a number (XlogyBackward1 for a number x, XlogyBackward2 for a number y). The gradient in x at
 * x = 0, y <= 0 is 0, PyTorch's choice.
 */
export function xlogy(x: TensorLike, y: TensorLike): Tensor {
  if (!(x instanceof Tensor) && !(y instanceof Tensor))
    throw new ArgumentError('xlogy: expected at least one tensor argument');
  const name = !(x instanceof Tensor) ? 'XlogyBackward1' : !(y instanceof Tensor) ? 'XlogyBackward2' : 'XlogyBackward0';
  return multiNode(
    name,
    [x, y],
    () => {
      const fx = x instanceof Tensor ? asFloat(x) : x;
      const product = y instanceof Tensor ? mul(fx, log(y)) : mul(fx, Math.log(Number(y)));
      const zeroed = where(eq(fx, 0), 0, product);
      return y instanceof Tensor ? where(ne(y, y), NaN, zeroed) : zeroed;
    },
    (g, n) => [
      when(n[0], () => where(logicalAnd(eq(x, 0), le(y, 0)), 0, xlogy(g, y))),
      when(n[1], () => div(mul(g, x), y)),
    ],
  );
}

/**
 * log(x / (1 - x)), with x first clamped to [eps, 1 - eps] when `eps` is given (then the gradient
 * is 0 outside that range; without eps it is NaN outside [0, 1]), as torch.logit (LogitBackward0).
 */
export function logit(x: Tensor, eps: number | null = null): Tensor {
  const f = asFloat(x);
  return defineOp(
    'LogitBackward0',
    [f],
    () => {
      const z = eps === null ? f : clamp(f, eps, 1 - eps);
      return log(div(z, sub(1, z)));
    },
    [f],
    (g, [s]) => {
      const lo = eps ?? 0;
      const inside = logicalAnd(ge(s, lo), le(s, 1 - lo));
      return [where(inside, div(g, mul(s, sub(1, s))), eps === null ? NaN : 0)];
    },
    null,
  );
}

/** sin(pi x) / (pi x), 1 at 0 (the normalized sinc, torch.sinc); ints give float32. */
export function sinc(x: Tensor): Tensor {
  const f = asFloat(x);
  return defineOp(
    'SincBackward0',
    [f],
    () => {
      const px = mul(f, Math.PI);
      return where(eq(f, 0), 1, div(sin(px), px));
    },
    [f],
    (g, [s]) => {
      // (pi x cos(pi x) - sin(pi x)) / (pi x²), 0 at x = 0 (the limit), as PyTorch's sinc_backward.
      const px = mul(s, Math.PI);
      const d = div(sub(mul(px, cos(px)), sin(px)), mul(mul(s, s), Math.PI));
      return [where(eq(s, 0), 0, mul(g, d))];
    },
    null,
  );
}

/** Degrees to radians (x * pi / 180); ints give float32 (Deg2RadBackward0). */
export const deg2rad = (x: Tensor): Tensor => scaled('Deg2RadBackward0', x, Math.PI / 180);
/** Radians to degrees (x * 180 / pi); ints give float32 (Rad2DegBackward0). */
export const rad2deg = (x: Tensor): Tensor => scaled('Rad2DegBackward0', x, 180 / Math.PI);

function scaled(name: string, x: Tensor, k: number): Tensor {
  const f = asFloat(x);
  return defineOp(
    name,
    [f],
    () => mul(f, k),
    NOTHING_SAVED,
    (g) => [mul(g, k)],
    null,
  );
}

/**
 * The Heaviside step: 0 where x < 0, `values` where x == 0, 1 where x > 0 (NaN gives 0), in x's
 * dtype, which `values` must share. Not differentiable (PyTorch has no derivative for it): the
 * result records no gradient.
 */
export function heaviside(x: Tensor, values: Tensor): Tensor {
  if (x.dtype !== values.dtype)
    throw new DTypeError(
      `heaviside: heaviside is not yet implemented for tensors with different dtypes (got ${x.dtype} and ${values.dtype})`,
    );
  return noGrad(() => {
    const r = where(eq(x, 0), values, gt(x, 0));
    return r.dtype === x.dtype ? r : r.to(x.dtype);
  });
}
