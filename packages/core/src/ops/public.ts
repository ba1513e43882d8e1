/**
 * The ops `@ag/core` exports: PyTorch's functions (torch.add, torch.cat, ...) and the option
 * types of their signatures. A module of ops/ whose every export is an op is re-exported whole.
 * The others also export helpers that ops share (the kernel dispatchers `unary`, `binary` and
 * `compare`, `sumTo`, view and layout helpers, index checks): their ops are named here, so that a
 * helper never reaches the public API. ops/index.ts exports all of it, for core's own modules.
 * The test `public-api.test.ts` checks every export of ops/ is one or the other.
 */
export * from './activations.js';
export {
  addbmm,
  addmm,
  addmv,
  addr,
  baddbmm,
  cdist,
  chainMatmul,
  cross,
  kron,
  tensordot,
  type ScaleOptions,
} from './blas-ops.js';
export * from './creation.js';
export * from './cumulative.js';
export * from './float-classes.js';
export * from './special-math.js';
export * from './polygamma.js';
export * from './bitwise.js';
export * from './reduce-pairs.js';
export * from './diff.js';
export * from './histogram.js';
export * from './join.js';
export * from './linalg.js';
export * from './pad.js';
export { multinomial } from './multinomial.js';
export {
  bernoulli,
  normal,
  rand,
  randint,
  randintLike,
  randLike,
  randn,
  randnLike,
  randperm,
  type GeneratorOption,
  type RandomOptions,
} from './random.js';
export { logsumexp, norm, std, variance, type VarOptions } from './reduce-stats.js';
export { variance as var } from './reduce-stats.js';
export * from './reshape-ops.js';
export * from './scatter-reduce.js';
export * from './search.js';
export * from './selection.js';
export * from './quantile.js';
export * from './unique.js';
export { argsort, msort, sort, topk, type SortOptions, type SortResult } from './sort.js';
export * from './slicing.js';
export * from './triangular.js';
export * from './diagonal.js';
export * from './dims.js';
export * from './stacks.js';
export * from './repeats.js';
export * from './ranges.js';
export * from './combinatorics.js';

export {
  abs,
  add,
  ceil,
  cos,
  div,
  eq,
  exp,
  floor,
  ge,
  gt,
  le,
  log,
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  pow,
  relu,
  sigmoid,
  sign,
  sin,
  sqrt,
  sub,
  tanh,
  where,
} from './elementwise.js';
export {
  acos,
  acosh,
  asin,
  asinh,
  atan,
  atanh,
  clamp,
  clampMax,
  clampMin,
  clip,
  cosh,
  digamma,
  erf,
  erfc,
  erfinv,
  exp2,
  expm1,
  frac,
  lgamma,
  log10,
  log1p,
  log2,
  nanToNum,
  reciprocal,
  round,
  rsqrt,
  sinh,
  square,
  tan,
  trunc,
  type ClampBound,
  type ClampOptions,
  type NanToNumOptions,
} from './unary-math.js';
export {
  addcdiv,
  addcmul,
  atan2,
  fmod,
  lerp,
  logicalXor,
  remainder,
  type AddcOptions,
  type DivOptions,
  type RoundingMode,
} from './binary-math.js';
export { clone, detach, to, toAsync, type ToTarget } from './convert.js';
export { matmul } from './matmul.js';
export { mean, sum, type Dims } from './reduce.js';
export { all, amax, amin, any, argmax, argmin, max, min, prod, type MaxResult } from './reduce-extra.js';
export { contiguous, expand, permute, reshape, squeeze, t, transpose, unsqueeze, view } from './view.js';
export { gather, indexSelect, maskedFill, scatter, scatterAdd, type ScatterOptions } from './indexing.js';
export { index, indexAsync, get } from './getitem.js';
export type { IndexSpec, Range } from './index-spec.js';
export { indexPut, set, setAsync } from './index-put.js';
export { maskedScatter, maskedSelect, maskedSelectAsync } from './masked.js';
export { indexAdd, indexCopy, indexFill, takeAlongDim } from './index-along.js';
export { argwhere, argwhereAsync, nonzero, nonzeroAsync, type NonzeroOptions } from './nonzero.js';
export { asStrided } from './strided.js';
