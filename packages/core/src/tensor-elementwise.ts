import type { Tensor, TensorLike } from './tensor.js';
import * as ops from './ops/index.js';

/**
 * Tensor methods, part 1 of 2: elementwise arithmetic, math and activations. `Tensor` (tensor.ts)
 * extends {@link ShapeMethods}, which extends this class, so the methods are ordinary prototype
 * methods of every tensor; the class is split by idea only to keep each file readable. Each method
 * takes `this: Tensor` and forwards to the op of the same name in `ops/`.
 */
export class ElementwiseMethods {
  // ---- elementwise --------------------------------------------------------------------------

  add(this: Tensor, other: TensorLike, options?: { alpha?: number }): Tensor {
    return ops.add(this, other, options);
  }
  sub(this: Tensor, other: TensorLike, options?: { alpha?: number }): Tensor {
    return ops.sub(this, other, options);
  }
  mul(this: Tensor, other: TensorLike): Tensor {
    return ops.mul(this, other);
  }
  /** True division; `{ roundingMode: 'trunc' | 'floor' }` rounds the quotient (ints stay int). */
  div(this: Tensor, other: TensorLike, options?: ops.DivOptions): Tensor {
    return ops.div(this, other, options);
  }
  pow(this: Tensor, exponent: TensorLike): Tensor {
    return ops.pow(this, exponent);
  }
  maximum(this: Tensor, other: TensorLike): Tensor {
    return ops.maximum(this, other);
  }
  minimum(this: Tensor, other: TensorLike): Tensor {
    return ops.minimum(this, other);
  }
  neg(this: Tensor): Tensor {
    return ops.neg(this);
  }
  exp(this: Tensor): Tensor {
    return ops.exp(this);
  }
  log(this: Tensor): Tensor {
    return ops.log(this);
  }
  abs(this: Tensor): Tensor {
    return ops.abs(this);
  }
  sign(this: Tensor): Tensor {
    return ops.sign(this);
  }
  sqrt(this: Tensor): Tensor {
    return ops.sqrt(this);
  }
  sin(this: Tensor): Tensor {
    return ops.sin(this);
  }
  cos(this: Tensor): Tensor {
    return ops.cos(this);
  }
  tanh(this: Tensor): Tensor {
    return ops.tanh(this);
  }
  sigmoid(this: Tensor): Tensor {
    return ops.sigmoid(this);
  }
  relu(this: Tensor): Tensor {
    return ops.relu(this);
  }
  floor(this: Tensor): Tensor {
    return ops.floor(this);
  }
  ceil(this: Tensor): Tensor {
    return ops.ceil(this);
  }
  eq(this: Tensor, other: TensorLike): Tensor {
    return ops.eq(this, other);
  }
  ne(this: Tensor, other: TensorLike): Tensor {
    return ops.ne(this, other);
  }
  lt(this: Tensor, other: TensorLike): Tensor {
    return ops.lt(this, other);
  }
  le(this: Tensor, other: TensorLike): Tensor {
    return ops.le(this, other);
  }
  gt(this: Tensor, other: TensorLike): Tensor {
    return ops.gt(this, other);
  }
  ge(this: Tensor, other: TensorLike): Tensor {
    return ops.ge(this, other);
  }
  logicalNot(this: Tensor): Tensor {
    return ops.logicalNot(this);
  }

  // ---- elementwise math, activations and binary ops -----------------------------------------

  exp2(this: Tensor): Tensor {
    return ops.exp2(this);
  }
  expm1(this: Tensor): Tensor {
    return ops.expm1(this);
  }
  log2(this: Tensor): Tensor {
    return ops.log2(this);
  }
  log10(this: Tensor): Tensor {
    return ops.log10(this);
  }
  log1p(this: Tensor): Tensor {
    return ops.log1p(this);
  }
  tan(this: Tensor): Tensor {
    return ops.tan(this);
  }
  asin(this: Tensor): Tensor {
    return ops.asin(this);
  }
  acos(this: Tensor): Tensor {
    return ops.acos(this);
  }
  atan(this: Tensor): Tensor {
    return ops.atan(this);
  }
  sinh(this: Tensor): Tensor {
    return ops.sinh(this);
  }
  cosh(this: Tensor): Tensor {
    return ops.cosh(this);
  }
  asinh(this: Tensor): Tensor {
    return ops.asinh(this);
  }
  acosh(this: Tensor): Tensor {
    return ops.acosh(this);
  }
  atanh(this: Tensor): Tensor {
    return ops.atanh(this);
  }
  erf(this: Tensor): Tensor {
    return ops.erf(this);
  }
  round(this: Tensor): Tensor {
    return ops.round(this);
  }
  trunc(this: Tensor): Tensor {
    return ops.trunc(this);
  }
  frac(this: Tensor): Tensor {
    return ops.frac(this);
  }
  square(this: Tensor): Tensor {
    return ops.square(this);
  }
  reciprocal(this: Tensor): Tensor {
    return ops.reciprocal(this);
  }
  rsqrt(this: Tensor): Tensor {
    return ops.rsqrt(this);
  }
  logSigmoid(this: Tensor): Tensor {
    return ops.logSigmoid(this);
  }
  relu6(this: Tensor): Tensor {
    return ops.relu6(this);
  }
  selu(this: Tensor): Tensor {
    return ops.selu(this);
  }
  silu(this: Tensor): Tensor {
    return ops.silu(this);
  }
  mish(this: Tensor): Tensor {
    return ops.mish(this);
  }
  softsign(this: Tensor): Tensor {
    return ops.softsign(this);
  }
  hardsigmoid(this: Tensor): Tensor {
    return ops.hardsigmoid(this);
  }
  hardswish(this: Tensor): Tensor {
    return ops.hardswish(this);
  }
  /** min(max(x, min), max); either bound a tensor, a number, or null. */
  clamp(this: Tensor, min?: ops.ClampBound, max?: ops.ClampBound): Tensor {
    return ops.clamp(this, min, max);
  }
  clampMin(this: Tensor, min: TensorLike): Tensor {
    return ops.clampMin(this, min);
  }
  clampMax(this: Tensor, max: TensorLike): Tensor {
    return ops.clampMax(this, max);
  }
  /** NaN, +Infinity and -Infinity replaced (defaults: 0 and the dtype's largest and smallest values). */
  nanToNum(this: Tensor, options?: ops.NanToNumOptions): Tensor {
    return ops.nanToNum(this, options);
  }
  leakyRelu(this: Tensor, negativeSlope = 0.01): Tensor {
    return ops.leakyRelu(this, negativeSlope);
  }
  elu(this: Tensor, alpha = 1): Tensor {
    return ops.elu(this, alpha);
  }
  celu(this: Tensor, alpha = 1): Tensor {
    return ops.celu(this, alpha);
  }
  gelu(this: Tensor, approximate: ops.GeluApproximate | { approximate?: ops.GeluApproximate } = 'none'): Tensor {
    return ops.gelu(this, approximate);
  }
  softplus(this: Tensor, beta = 1, threshold = 20): Tensor {
    return ops.softplus(this, beta, threshold);
  }
  hardtanh(this: Tensor, minVal = -1, maxVal = 1): Tensor {
    return ops.hardtanh(this, minVal, maxVal);
  }
  softmax(this: Tensor, dim: number): Tensor {
    return ops.softmax(this, dim);
  }
  logSoftmax(this: Tensor, dim: number): Tensor {
    return ops.logSoftmax(this, dim);
  }
  atan2(this: Tensor, other: TensorLike): Tensor {
    return ops.atan2(this, other);
  }
  /** Python's modulo: the result has the divisor's sign. */
  remainder(this: Tensor, other: TensorLike): Tensor {
    return ops.remainder(this, other);
  }
  /** C's fmod: the result has the dividend's sign. */
  fmod(this: Tensor, other: TensorLike): Tensor {
    return ops.fmod(this, other);
  }
  logicalAnd(this: Tensor, other: TensorLike): Tensor {
    return ops.logicalAnd(this, other);
  }
  logicalOr(this: Tensor, other: TensorLike): Tensor {
    return ops.logicalOr(this, other);
  }
  logicalXor(this: Tensor, other: TensorLike): Tensor {
    return ops.logicalXor(this, other);
  }
  /** `this + weight * (end - this)`. */
  lerp(this: Tensor, end: TensorLike, weight: TensorLike): Tensor {
    return ops.lerp(this, end, weight);
  }
  /** `this + value * t1 * t2`. */
  addcmul(this: Tensor, t1: Tensor, t2: Tensor, options?: ops.AddcOptions): Tensor {
    return ops.addcmul(this, t1, t2, options);
  }
  /** `this + value * t1 / t2`. */
  addcdiv(this: Tensor, t1: Tensor, t2: Tensor, options?: ops.AddcOptions): Tensor {
    return ops.addcdiv(this, t1, t2, options);
  }
  /** `condition ? this : other`, as torch.Tensor.where. */
  where(this: Tensor, condition: Tensor, other: TensorLike): Tensor {
    return ops.where(condition, this, other);
  }
}
