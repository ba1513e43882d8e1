import * as raw from '../functional/index.js';
import { checkedAll } from './checked.js';
import { FUNCTIONAL, OPS } from './signatures.js';

/**
 * torch.nn.functional as @ag/core exports it (`functional.conv2d`): functional/index.ts's
 * functions, each behind the check of its line in signatures.ts. A function added there is
 * named here too (the argument-checks test lists any that is not).
 */
export type * from '../functional/index.js';

const fns = checkedAll(raw, { ...OPS, ...FUNCTIONAL }, 'functional.');

export const {
  linear,
  pad,
  relu,
  sigmoid,
  tanh,
  logSigmoid,
  leakyRelu,
  hardtanh,
  relu6,
  elu,
  selu,
  celu,
  gelu,
  silu,
  softplus,
  mish,
  softsign,
  hardsigmoid,
  hardswish,
  softmax,
  logSoftmax,
  scaledDotProductAttention,
  conv1d,
  conv2d,
  cosineSimilarity,
  dropout,
  embedding,
  nllLoss,
  crossEntropy,
  mseLoss,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  layerNorm,
  groupNorm,
  batchNorm,
  poolGeometry,
  maxPool2d,
  avgPool2d,
  adaptiveAvgPool2d,
  pixelShuffle,
  pixelUnshuffle,
  prelu,
  dropout1d,
  dropout2d,
  alphaDropout,
  pairwiseDistance,
  normalize,
  klDiv,
  poissonNllLoss,
  gaussianNllLoss,
  cosineEmbeddingLoss,
  marginRankingLoss,
  hingeEmbeddingLoss,
  tripletMarginLoss,
  multiMarginLoss,
  multilabelSoftMarginLoss,
  ctcLoss,
} = fns;
