/**
 * THE list of primitives a backend implements. Every public op in @ag/core is composed from
 * these, and every gradient is written with public ops, so a backend that implements this table
 * gets the whole library and its autograd. Each list is a `const` tuple so that backends can
 * write exhaustive tables (`{ [K in UnaryOp]: ... }`): a missing entry is a compile error.
 */

/** Elementwise functions of one operand. */
export const UNARY_OPS = [
  'neg',
  'exp',
  'log',
  'abs',
  'sign',
  'sqrt',
  'sin',
  'cos',
  'tanh',
  'sigmoid',
  'relu',
  'floor',
  'ceil',
  'logicalNot',
  // transcendental and rounding functions (round: half to even, as torch.round)
  'exp2',
  'expm1',
  'log2',
  'log10',
  'log1p',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'asinh',
  'acosh',
  'atanh',
  'erf',
  // special functions: erfc without 1 - erf's cancellation, erfinv, log|Γ|, ψ = Γ'/Γ
  'erfc',
  'erfinv',
  'lgamma',
  'digamma',
  'round',
  'trunc',
] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

/** Elementwise functions of two operands of the same shape (core broadcasts before dispatch). */
export const BINARY_OPS = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'maximum',
  'minimum',
  // atan2(a, b); remainder: a - floor(a / b) * b (the divisor's sign, Python's %); fmod: C's fmod.
  // On int32, div truncates toward zero (C's /): core uses it for div's rounding modes.
  'atan2',
  'remainder',
  'fmod',
  // Bitwise ops on int32 (core refuses floats and sends bools to the logical ops). Shifts past the
  // width give what PyTorch gives: 0 for a left shift, the sign for a right shift.
  'bitwiseAnd',
  'bitwiseOr',
  'bitwiseXor',
  'bitwiseLeftShift',
  'bitwiseRightShift',
] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];

/** Elementwise comparisons; the result is always bool. */
export const COMPARE_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** Reductions over a set of axes. */
export const REDUCE_OPS = ['sum', 'prod', 'max', 'min'] as const;
export type ReduceOp = (typeof REDUCE_OPS)[number];

/** Index of the largest or smallest element along an axis. */
export const ARG_REDUCE_OPS = ['argmax', 'argmin'] as const;
export type ArgReduceOp = (typeof ARG_REDUCE_OPS)[number];

/**
 * Inclusive scans along an axis, each starting from the line's first element: running sum,
 * product, max and min (NaN, once met, propagates), and log(sum(exp)) computed stably.
 */
export const SCAN_OPS = ['cumsum', 'cumprod', 'cummax', 'cummin', 'logcumsumexp'] as const;
export type ScanOp = (typeof SCAN_OPS)[number];

/** How `scatter` combines a source value with what is already at its index. */
export const SCATTER_MODES = ['assign', 'add'] as const;
export type ScatterMode = (typeof SCATTER_MODES)[number];
