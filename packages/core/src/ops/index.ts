/**
 * Every op module's exports, the ops and the helpers they share, for core's own modules (the
 * Tensor methods, nn, autograd rules). What `@ag/core` exports is public.ts.
 */
export * from './creation.js';
export * from './random.js';
export * from './multinomial.js';
export * from './convert.js';
export * from './elementwise.js';
export * from './matmul.js';
export * from './linalg.js';
export * from './reduce.js';
export * from './view.js';
export * from './strided.js';
export * from './pad.js';
export * from './indexing.js';
export * from './scatter-reduce.js';
export * from './slicing.js';
export * from './join.js';
export * from './reshape-ops.js';
export * from './reduce-extra.js';
export * from './reduce-stats.js';
export * from './cumulative.js';
export * from './sort.js';
export * from './selection.js';
export * from './quantile.js';
export * from './unique.js';
export * from './search.js';
export * from './triangular.js';
export * from './diagonal.js';
export * from './dims.js';
export * from './stacks.js';
export * from './repeats.js';
export * from './ranges.js';
export * from './combinatorics.js';
export * from './unary-math.js';
export * from './binary-math.js';
export * from './activations.js';
export { index, indexAsync, get } from './getitem.js';
export type { IndexSpec, Range } from './index-spec.js';
export { indexPut, set, setAsync } from './index-put.js';
export { maskedScatter, maskedSelect, maskedSelectAsync } from './masked.js';
export { indexAdd, indexCopy, indexFill, takeAlongDim } from './index-along.js';
export { argwhere, argwhereAsync, nonzero, nonzeroAsync, type NonzeroOptions } from './nonzero.js';
