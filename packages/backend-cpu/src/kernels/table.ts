import type { BinaryOp, CompareOp, ReduceOp, UnaryOp } from '@ag/core';
import { erf, erfc } from './erf.js';
import { digamma, erfinv, lgamma } from './special.js';

/**
 * The scalar meaning of every primitive, one exhaustive table per family: a primitive added to
 * core without an entry here fails the type check. Kernels take specialized loops for the hot ops
 * and fall back to these functions for the rest, so these are the reference semantics.
 */

type Fn1 = (x: number) => number;
type Fn2 = (x: number, y: number) => number;

export const unaryFns: { [K in UnaryOp]: Fn1 } = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  abs: Math.abs,
  sign: Math.sign, // NaN stays NaN, as torch.sign on floats
  sqrt: Math.sqrt,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => Math.max(x, 0), // NaN propagates, -Infinity and -x give +0, as torch.relu
  floor: Math.floor,
  ceil: Math.ceil,
  logicalNot: (x) => (x === 0 ? 1 : 0), // NaN is true, so its negation is false
  exp2: (x) => 2 ** x,
  expm1: Math.expm1,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  erf,
  erfc,
  erfinv,
  lgamma,
  digamma,
  round: roundHalfEven,
  trunc: Math.trunc,
};

/** torch.round: halves go to the even neighbour (Math.round sends them up). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Python's %: the result has the divisor's sign (fmod, then shifted by one divisor). */
function remainder(x: number, y: number): number {
  const r = x % y;
  return r !== 0 && r < 0 !== y < 0 ? r + y : r;
}

/** C's pow, which differs from Math.pow where a base of 1 or -1 meets a NaN or infinite exponent. */
function powC(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/** Floating binary ops (float32 results are rounded when stored). */
export const binaryFns: { [K in BinaryOp]: Fn2 } = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  pow: powC,
  maximum: Math.max, // NaN propagates, as torch.maximum
  minimum: Math.min,
  atan2: Math.atan2,
  remainder,
  fmod: (x, y) => x % y, // JavaScript's % is C's fmod
  // Reached on bool only (0/1), where they are the logical ops; ints take the table below.
  bitwiseAnd: (x, y) => x & y,
  bitwiseOr: (x, y) => x | y,
  bitwiseXor: (x, y) => x ^ y,
  bitwiseLeftShift: shiftLeft,
  bitwiseRightShift: shiftRight,
};

/** PyTorch's shifts: by a negative amount or the width or more, 0 to the left, the sign to the right. */
function shiftLeft(x: number, y: number): number {
  return y < 0 || y >= 32 ? 0 : x << y;
}
function shiftRight(x: number, y: number): number {
  return x >> (y < 0 || y >= 31 ? 31 : y);
}

/** Integer power by squaring with wrapping products; negative exponents as PyTorch's powi. */
function powInt(x: number, y: number): number {
  if (y < 0) {
    if (x === 1) return 1;
    if (x === -1) return y % 2 === 0 ? 1 : -1;
    return 0;
  }
  let result = 1;
  let base = x | 0;
  for (let e = y; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}

/**
 * int32 binary ops, wrapping like C int32. Sums of two int32 are exact in doubles, so the store
 * into an Int32Array wraps them; products need Math.imul to stay exact.
 */
export const intBinaryFns: { [K in BinaryOp]: Fn2 } = {
  add: (x, y) => (x + y) | 0,
  sub: (x, y) => (x - y) | 0,
  mul: Math.imul,
  div: (x, y) => Math.trunc(x / y), // core promotes true division to float; C truncates
  pow: powInt,
  maximum: Math.max,
  minimum: Math.min,
  atan2: Math.atan2, // core computes atan2 in a floating dtype
  remainder: (x, y) => remainder(x, y) | 0, // by zero: NaN, stored as 0 (PyTorch raises)
  fmod: (x, y) => (x % y) | 0,
  bitwiseAnd: (x, y) => x & y,
  bitwiseOr: (x, y) => x | y,
  bitwiseXor: (x, y) => x ^ y,
  bitwiseLeftShift: shiftLeft,
  bitwiseRightShift: shiftRight,
};

export const compareFns: { [K in CompareOp]: Fn2 } = {
  eq: (x, y) => (x === y ? 1 : 0),
  ne: (x, y) => (x !== y ? 1 : 0), // the one comparison a NaN makes true
  lt: (x, y) => (x < y ? 1 : 0),
  le: (x, y) => (x <= y ? 1 : 0),
  gt: (x, y) => (x > y ? 1 : 0),
  ge: (x, y) => (x >= y ? 1 : 0),
};

/** The value of a reduction over no elements, which also seeds every accumulator. */
export const reduceIdentity: { [K in ReduceOp]: number } = {
  sum: 0,
  prod: 1,
  max: -Infinity,
  min: Infinity,
};
