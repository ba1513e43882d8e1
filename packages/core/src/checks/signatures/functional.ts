import type * as functional from '../../functional/index.js';
import { BACKWARD, FOLD, GENERATOR, INTERPOLATE, INTS, LIKE, REDUCTION } from './fragments.js';
import type { OPS } from './ops.js';

const CONV = `x: tensor, weight: tensor, bias?: tensor|null, options?: {stride?: ${INTS}, padding?: ${INTS}|"same"|"valid", dilation?: ${INTS}, groups?: int}`;
const CONV_T = `x: tensor, weight: tensor, bias?: tensor|null, options?: {stride?: ${INTS}, padding?: ${INTS}, outputPadding?: ${INTS}, groups?: int, dilation?: ${INTS}}`;
const POOL = `stride?: ${INTS}|null, padding?: ${INTS}, ceilMode?: bool`;
const LOSS = `input: tensor, target: tensor, options?: {reduction?: ${REDUCTION}`;
const MARGIN_LOSS = `input1: tensor, input2: tensor, target: tensor, options?: {reduction?: ${REDUCTION}, margin?: number`;
const LENGTHS = 'tensor|int[]|int';

/** torch.nn.functional (functional/index.ts): the ops it shares with torch.* have their line above. */
export const FUNCTIONAL = {
  embeddingBag:
    'input: tensor, weight: tensor, offsets?: tensor|null, options?: {mode?: "sum"|"mean"|"max", perSampleWeights?: tensor|null, includeLastOffset?: bool, paddingIdx?: int|null}',
  bilinear: 'input1: tensor, input2: tensor, weight: tensor, bias?: tensor|null',
  scaledDotProductAttention:
    'q: tensor, k: tensor, v: tensor, options?: {attnMask?: tensor|null, isCausal?: bool, scale?: number, dropoutP?: number}',
  conv1d: CONV,
  conv2d: CONV,
  conv3d: CONV,
  convTranspose1d: CONV_T,
  convTranspose2d: CONV_T,
  cosineSimilarity: 'x1: tensor, x2: tensor, dim?: int, eps?: number',
  dropout: 'x: tensor, p?: number, training?: bool',
  embedding: 'indices: tensor, weight: tensor, paddingIdx?: int|null',
  nllLoss: `${LOSS}, weight?: tensor|null, ignoreIndex?: int}`,
  crossEntropy: `${LOSS}, weight?: tensor|null, ignoreIndex?: int, labelSmoothing?: number}`,
  mseLoss: `${LOSS}}`,
  l1Loss: `${LOSS}}`,
  smoothL1Loss: `${LOSS}, beta?: number}`,
  huberLoss: `${LOSS}, delta?: number}`,
  binaryCrossEntropy: `${LOSS}, weight?: tensor|null}`,
  binaryCrossEntropyWithLogits: `${LOSS}, weight?: tensor|null, posWeight?: tensor|null}`,
  layerNorm: `x: tensor, normalizedShape: ${INTS}, options?: {weight?: tensor|null, bias?: tensor|null, eps?: number}`,
  instanceNorm:
    'x: tensor, runningMean?: tensor|null, runningVar?: tensor|null, options?: {weight?: tensor|null, bias?: tensor|null, useInputStats?: bool, momentum?: number, eps?: number}',
  rmsNorm: `x: tensor, normalizedShape: ${INTS}, weight?: tensor|null, eps?: number|null`,
  localResponseNorm: 'x: tensor, size: int, alpha?: number, beta?: number, k?: number',
  groupNorm: 'x: tensor, numGroups: int, options?: {weight?: tensor|null, bias?: tensor|null, eps?: number}',
  batchNorm:
    'x: tensor, runningMean?: tensor|null, runningVar?: tensor|null, options?: {training?: bool, momentum?: number, weight?: tensor|null, bias?: tensor|null, eps?: number}',
  poolGeometry: `op: string, x: tensor, kernelSize: ${INTS}, options: {${POOL}, dilation?: ${INTS}}`,
  maxPool2d: `x: tensor, kernelSize: ${INTS}, options?: {${POOL}, dilation?: ${INTS}, returnIndices?: bool}`,
  avgPool2d: `x: tensor, kernelSize: ${INTS}, options?: {${POOL}, countIncludePad?: bool, divisorOverride?: number}`,
  adaptiveAvgPool2d: 'x: tensor, outputSize: int|(int|null)[]',
  maxPool1d: `x: tensor, kernelSize: ${INTS}, options?: {${POOL}, dilation?: ${INTS}, returnIndices?: bool}`,
  maxPool3d: `x: tensor, kernelSize: ${INTS}, options?: {${POOL}, dilation?: ${INTS}, returnIndices?: bool}`,
  avgPool1d: `x: tensor, kernelSize: ${INTS}, options?: {${POOL}, countIncludePad?: bool}`,
  adaptiveAvgPool1d: `x: tensor, outputSize: ${INTS}`,
  adaptiveMaxPool2d: 'x: tensor, outputSize: int|(int|null)[], returnIndices?: bool',
  maxUnpool2d: `x: tensor, indices: tensor, kernelSize: ${INTS}, options?: {stride?: ${INTS}|null, padding?: ${INTS}, outputSize?: int[]|null}`,
  pixelShuffle: 'x: tensor, upscaleFactor: int',
  interpolate: `x: tensor, options?: {${INTERPOLATE}}`,
  gridSample:
    'x: tensor, grid: tensor, options?: {mode?: "bilinear"|"nearest", paddingMode?: "zeros"|"border", alignCorners?: bool}',
  affineGrid: 'theta: tensor, size: int[], alignCorners?: bool',
  unfold: `x: tensor, kernelSize: ${INTS}, options?: {${FOLD}}`,
  fold: `x: tensor, outputSize: ${INTS}, kernelSize: ${INTS}, options?: {${FOLD}}`,
  pixelUnshuffle: 'x: tensor, downscaleFactor: int',
  prelu: 'x: tensor, weight: tensor',
  dropout1d: 'x: tensor, p?: number, training?: bool',
  dropout2d: 'x: tensor, p?: number, training?: bool',
  alphaDropout: 'x: tensor, p?: number, training?: bool',
  pairwiseDistance: 'x1: tensor, x2: tensor, p?: number, eps?: number, keepdim?: bool',
  normalize: 'x: tensor, p?: number, dim?: int, eps?: number',
  klDiv: `input: tensor, target: tensor, options?: {reduction?: ${REDUCTION}|"batchmean", logTarget?: bool}`,
  poissonNllLoss: `${LOSS}, logInput?: bool, full?: bool, eps?: number}`,
  gaussianNllLoss: `input: tensor, target: tensor, variance: tensor, options?: {reduction?: ${REDUCTION}, full?: bool, eps?: number}`,
  cosineEmbeddingLoss: `${MARGIN_LOSS}}`,
  marginRankingLoss: `${MARGIN_LOSS}}`,
  hingeEmbeddingLoss: `${LOSS}, margin?: number}`,
  tripletMarginLoss: `anchor: tensor, positive: tensor, negative: tensor, options?: {reduction?: ${REDUCTION}, margin?: number, p?: number, eps?: number, swap?: bool}`,
  multiMarginLoss: `${LOSS}, margin?: number, p?: int, weight?: tensor|null}`,
  multilabelSoftMarginLoss: `${LOSS}, weight?: tensor|null}`,
  ctcLoss: `logProbs: tensor, targets: tensor, inputLengths: ${LENGTHS}, targetLengths: ${LENGTHS}, options?: {reduction?: ${REDUCTION}, blank?: int, zeroInfinity?: bool}`,
} satisfies Record<Exclude<keyof typeof functional, keyof typeof OPS>, string>;

/**
 * Tensor methods whose arguments are not their op's after `this` (a method named as an op, or
 * as an op with a trailing `_`, takes the op's line without its first parameter), and methods
 * with no op.
 */
export const METHODS: Record<string, string> = {
  det: '',
  slogdet: '',
  inverse: '',
  matrixPower: 'n: int',
  // shapes as separate numbers too: x.view(2, 3)
  view: '...shape: int|int[]',
  reshape: '...shape: int|int[]',
  permute: '...dims: int|int[]',
  expand: '...shape: int|int[]',
  repeat: '...sizes: int|int[]',
  tile: '...dims: int|int[]',
  flip: '...dims: int|int[]',
  where: `condition: tensor, other: ${LIKE}`,
  polygamma: 'n: int',
  max: 'dim?: int|tensor, keepdim?: bool',
  min: 'dim?: int|tensor, keepdim?: bool',
  dim: '',
  size: 'dim?: int',
  isContiguous: '',
  isFloatingPoint: '',
  requiresGrad_: 'value?: bool',
  retainGrad: '',
  backward: `gradient?: ${LIKE}|data|null, options?: ${BACKWARD}`,
  backwardAsync: `gradient?: ${LIKE}|data|null, options?: ${BACKWARD}`,
  dispose: '',
  toArray: '',
  toArraySync: '',
  item: '',
  itemSync: '',
  toTypedArray: '',
  toTypedArraySync: '',
  repr: '',
  toString: '',
  registerHook: 'fn: function',
  registerPostAccumulateGradHook: 'fn: function',
  isInference: '',
  float: '',
  double: '',
  int: '',
  bool: '',
  fill_: 'value: number|bool',
  zero_: '',
  copy_: 'src: tensor',
  uniform_: `from?: number, to?: number, options?: ${GENERATOR}`,
  normal_: `mean?: number, std?: number, options?: ${GENERATOR}`,
  random_: `from?: int, to?: int, options?: ${GENERATOR}`,
  exponential_: `lambd?: number, options?: ${GENERATOR}`,
  bernoulli_: `p?: number|tensor, options?: ${GENERATOR}`,
  numel: '',
  tolist: '',
  cpu: '',
  half: '',
  bfloat16: '',
  byte: '',
  char: '',
};
