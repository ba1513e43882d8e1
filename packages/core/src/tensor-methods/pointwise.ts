import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installMethods, installOps, type OpMethods } from './table.js';

/** PyTorch's pointwise ops: arithmetic, math functions, rounding, logical ops. */
const pointwise = {
  add: ops.add,
  sub: ops.sub,
  mul: ops.mul,
  div: ops.div,
  pow: ops.pow,
  neg: ops.neg,
  abs: ops.abs,
  sign: ops.sign,
  square: ops.square,
  sqrt: ops.sqrt,
  rsqrt: ops.rsqrt,
  reciprocal: ops.reciprocal,
  exp: ops.exp,
  exp2: ops.exp2,
  expm1: ops.expm1,
  log: ops.log,
  log2: ops.log2,
  log10: ops.log10,
  log1p: ops.log1p,
  sin: ops.sin,
  cos: ops.cos,
  tan: ops.tan,
  asin: ops.asin,
  acos: ops.acos,
  atan: ops.atan,
  atan2: ops.atan2,
  sinh: ops.sinh,
  cosh: ops.cosh,
  tanh: ops.tanh,
  asinh: ops.asinh,
  acosh: ops.acosh,
  atanh: ops.atanh,
  sigmoid: ops.sigmoid,
  erf: ops.erf,
  erfc: ops.erfc,
  erfinv: ops.erfinv,
  lgamma: ops.lgamma,
  digamma: ops.digamma,
  hypot: ops.hypot,
  logaddexp: ops.logaddexp,
  logaddexp2: ops.logaddexp2,
  xlogy: ops.xlogy,
  logit: ops.logit,
  sinc: ops.sinc,
  deg2rad: ops.deg2rad,
  rad2deg: ops.rad2deg,
  heaviside: ops.heaviside,
  floor: ops.floor,
  ceil: ops.ceil,
  round: ops.round,
  trunc: ops.trunc,
  frac: ops.frac,
  remainder: ops.remainder,
  fmod: ops.fmod,
  clamp: ops.clamp,
  clampMin: ops.clampMin,
  clampMax: ops.clampMax,
  clip: ops.clip,
  nanToNum: ops.nanToNum,
  lerp: ops.lerp,
  addcmul: ops.addcmul,
  addcdiv: ops.addcdiv,
  logicalNot: ops.logicalNot,
  logicalAnd: ops.logicalAnd,
  logicalOr: ops.logicalOr,
  logicalXor: ops.logicalXor,
  bitwiseAnd: ops.bitwiseAnd,
  bitwiseOr: ops.bitwiseOr,
  bitwiseXor: ops.bitwiseXor,
  bitwiseLeftShift: ops.bitwiseLeftShift,
  bitwiseRightShift: ops.bitwiseRightShift,
  bitwiseNot: ops.bitwiseNot,
};

const methods = {
  /** The n-th derivative of digamma at this tensor, as torch.Tensor.polygamma(n). */
  polygamma(this: Tensor, n: number): Tensor {
    return ops.polygamma(n, this);
  },
};

export type PointwiseMethods = OpMethods<typeof pointwise> & typeof methods;

export function installPointwise(proto: Tensor): void {
  installOps(proto, pointwise);
  installMethods(proto, methods);
}
