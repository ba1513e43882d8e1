import type { BinaryOp, CompareOp, UnaryOp } from '@ag/core';

/**
 * Every primitive as a WGSL expression, one exhaustive table per family and WGSL type: an op
 * added to core without an entry here fails the type check. The semantics are the CPU
 * backend's: NaN propagates through max, min, relu and sign (WGSL's built-ins leave NaN
 * unspecified, hence the explicit checks), int32 wraps, int32 division by zero gives 0.
 */
type E1 = (x: string) => string;
type E2 = (a: string, b: string) => string;

export const unaryF32: { [K in UnaryOp]: E1 } = {
  neg: (x) => `-(${x})`,
  exp: (x) => `exp(${x})`,
  log: (x) => `logF(${x})`,
  abs: (x) => `abs(${x})`,
  sign: (x) => `select(sign(${x}), ${x}, isNan(${x}))`,
  sqrt: (x) => `select(sqrt(${x}), nanF(), ${x} < 0.0)`,
  sin: (x) => `sinF(${x})`,
  cos: (x) => `cosF(${x})`,
  // tanh as (e^2x - 1) / (e^2x + 1) overflows past |x| ~ 44; tanh(15) is already 1.0 in f32.
  tanh: (x) => `select(tanh(clamp(${x}, -15.0, 15.0)), ${x}, isNan(${x}))`,
  sigmoid: (x) => `(1.0 / (1.0 + exp(-(${x}))))`,
  relu: (x) => `select(select(0.0, ${x}, ${x} > 0.0), ${x}, isNan(${x}))`,
  floor: (x) => `floor(${x})`,
  ceil: (x) => `ceil(${x})`,
  logicalNot: (x) => `f32(select(0i, 1i, ${x} == 0.0 && !isNan(${x})))`,
  exp2: (x) => `exp2(${x})`,
  expm1: (x) => `expm1F(${x})`,
  // Through log, which drivers compute more accurately than log2 (SwiftShader).
  log2: (x) => `(logF(${x}) * 1.4426950408889634)`,
  log10: (x) => `(logF(${x}) * 0.43429448190325176)`,
  log1p: (x) => `log1pF(${x})`,
  tan: (x) => `(sinF(${x}) / cosF(${x}))`,
  // Through atan2, which drivers compute more accurately than asin and acos (lavapipe).
  asin: (x) => `select(atan2(${x}, sqrt((1.0 - ${x}) * (1.0 + ${x}))), nanF(), abs(${x}) > 1.0)`,
  acos: (x) => `select(atan2(sqrt((1.0 - ${x}) * (1.0 + ${x})), ${x}), nanF(), abs(${x}) > 1.0)`,
  atan: (x) => `atan(${x})`,
  sinh: (x) => `(0.5 * (expm1F(${x}) - expm1F(-(${x}))))`,
  cosh: (x) => `cosh(${x})`,
  asinh: (x) => `asinhF(${x})`,
  acosh: (x) => `select(acosh(${x}), nanF(), ${x} < 1.0)`,
  atanh: (x) => `(0.5 * log1pF(2.0 * ${x} / (1.0 - ${x})))`,
  erf: (x) => `erfF(${x})`,
  erfc: (x) => `erfcF(${x})`,
  erfinv: (x) => `erfinvF(${x})`,
  lgamma: (x) => `lgammaF(${x})`,
  digamma: (x) => `digammaF(${x})`,
  round: (x) => `round(${x})`, // WGSL's round is half to even, as torch.round
  trunc: (x) => `trunc(${x})`,
};

/** int32: the float functions go through f32 and truncate back, as the CPU's Int32Array store does. */
export const unaryI32: { [K in UnaryOp]: E1 } = {
  neg: (x) => `(0i - ${x})`,
  exp: (x) => `i32(exp(f32(${x})))`,
  log: (x) => `i32(logF(f32(${x})))`,
  abs: (x) => `abs(${x})`,
  sign: (x) => `sign(${x})`,
  sqrt: (x) => `i32(sqrt(f32(${x})))`,
  sin: (x) => `i32(sin(f32(${x})))`,
  cos: (x) => `i32(cos(f32(${x})))`,
  tanh: (x) => `i32(tanh(clamp(f32(${x}), -15.0, 15.0)))`,
  sigmoid: (x) => `i32(1.0 / (1.0 + exp(-f32(${x}))))`,
  relu: (x) => `max(${x}, 0i)`,
  floor: (x) => x,
  ceil: (x) => x,
  logicalNot: (x) => `select(0i, 1i, ${x} == 0i)`,
  exp2: (x) => viaF32(unaryF32.exp2, x),
  expm1: (x) => viaF32(unaryF32.expm1, x),
  log2: (x) => viaF32(unaryF32.log2, x),
  log10: (x) => viaF32(unaryF32.log10, x),
  log1p: (x) => viaF32(unaryF32.log1p, x),
  tan: (x) => viaF32(unaryF32.tan, x),
  asin: (x) => viaF32(unaryF32.asin, x),
  acos: (x) => viaF32(unaryF32.acos, x),
  atan: (x) => viaF32(unaryF32.atan, x),
  sinh: (x) => viaF32(unaryF32.sinh, x),
  cosh: (x) => viaF32(unaryF32.cosh, x),
  asinh: (x) => viaF32(unaryF32.asinh, x),
  acosh: (x) => viaF32(unaryF32.acosh, x),
  atanh: (x) => viaF32(unaryF32.atanh, x),
  erf: (x) => viaF32(unaryF32.erf, x),
  erfc: (x) => viaF32(unaryF32.erfc, x),
  erfinv: (x) => viaF32(unaryF32.erfinv, x),
  lgamma: (x) => viaF32(unaryF32.lgamma, x),
  digamma: (x) => viaF32(unaryF32.digamma, x),
  round: (x) => x,
  trunc: (x) => x,
};

function viaF32(f: E1, x: string): string {
  return `i32(${f(`f32(${x})`)})`;
}

export const binaryF32: { [K in BinaryOp]: E2 } = {
  add: (a, b) => `(${a} + ${b})`,
  sub: (a, b) => `(${a} - ${b})`,
  mul: (a, b) => `(${a} * ${b})`,
  div: (a, b) => `(${a} / ${b})`,
  pow: (a, b) => `powF(${a}, ${b})`,
  maximum: (a, b) => `select(max(${a}, ${b}), ${a} + ${b}, isNan(${a}) || isNan(${b}))`,
  minimum: (a, b) => `select(min(${a}, ${b}), ${a} + ${b}, isNan(${a}) || isNan(${b}))`,
  atan2: (a, b) => `atan2(${a}, ${b})`,
  remainder: (a, b) => `remainderF(${a}, ${b})`,
  fmod: (a, b) => `fmodF(${a}, ${b})`,
  // core sends bitwise ops int32 only: these read floats as ints for completeness.
  bitwiseAnd: (a, b) => `f32(i32(${a}) & i32(${b}))`,
  bitwiseOr: (a, b) => `f32(i32(${a}) | i32(${b}))`,
  bitwiseXor: (a, b) => `f32(i32(${a}) ^ i32(${b}))`,
  bitwiseLeftShift: (a, b) => `f32(shiftLeftI(i32(${a}), i32(${b})))`,
  bitwiseRightShift: (a, b) => `f32(shiftRightI(i32(${a}), i32(${b})))`,
};

export const binaryI32: { [K in BinaryOp]: E2 } = {
  add: (a, b) => `(${a} + ${b})`,
  sub: (a, b) => `(${a} - ${b})`,
  mul: (a, b) => `(${a} * ${b})`,
  div: (a, b) => `select(${a} / ${b}, 0i, ${b} == 0i)`,
  pow: (a, b) => `powI(${a}, ${b})`,
  maximum: (a, b) => `max(${a}, ${b})`,
  minimum: (a, b) => `min(${a}, ${b})`,
  atan2: (a, b) => `i32(atan2(f32(${a}), f32(${b})))`,
  remainder: (a, b) => `remainderI(${a}, ${b})`,
  fmod: (a, b) => `select(${a} % ${b}, 0i, ${b} == 0i)`,
  bitwiseAnd: (a, b) => `(${a} & ${b})`,
  bitwiseOr: (a, b) => `(${a} | ${b})`,
  bitwiseXor: (a, b) => `(${a} ^ ${b})`,
  bitwiseLeftShift: (a, b) => `shiftLeftI(${a}, ${b})`,
  bitwiseRightShift: (a, b) => `shiftRightI(${a}, ${b})`,
};

/** Comparisons; the operator is applied as is on int32. */
export const compareOps: { [K in CompareOp]: string } = {
  eq: '==',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/**
 * On f32 WGSL lets compilers assume there are no NaNs, so IEEE's rule (every comparison with a
 * NaN is false, except `!=`) is spelled out with bit tests, which no compiler can fold away.
 */
export function compareF32(op: CompareOp, a: string, b: string): string {
  const ordered = `!isNan(${a}) && !isNan(${b})`;
  if (op === 'ne') return `(!(${a} == ${b}) || !(${ordered}))`;
  return `(${a} ${compareOps[op]} ${b} && ${ordered})`;
}
