/**
 * torch.nn.functional: the neural-network functions (and, re-exported, the activations).
 * One line per file: add yours on a line of its own.
 */
export { linear } from '../ops/linalg.js';
export { relu, sigmoid, tanh } from '../ops/elementwise.js';
export { pad } from '../ops/pad.js';
export * from '../ops/activations.js';
export * from './attention.js';
export * from './bilinear.js';
export * from './conv.js';
export * from './conv-transpose.js';
export * from './ctc.js';
export * from './distance.js';
export * from './dropout.js';
export * from './embedding.js';
export * from './embedding-bag.js';
export type { Reduction, ReductionOptions } from './common.js';
export * from './losses-binary.js';
export * from './losses-cross-entropy.js';
export * from './losses-regression.js';
export * from './losses-likelihood.js';
export * from './losses-margin.js';
export * from './normalization.js';
export * from './normalization-extra.js';
export * from './pooling.js';
export * from './adaptive-pooling.js';
export * from './unpool.js';
export * from './pixel-shuffle.js';
export * from './prelu.js';
export * from './interpolate.js';
export * from './fold.js';
export * from './grid-sample.js';
