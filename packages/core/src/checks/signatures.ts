import type * as publicOps from '../ops/public.js';
import type * as functional from '../functional/index.js';
import type * as linalg from '../linalg/index.js';
import type * as fft from '../fft/index.js';

/**
 * What every public entry point accepts, one line each, in the language of kinds.ts. The tables
 * are complete by construction: `satisfies Record<keyof typeof module, string>` makes a missing
 * op a compile error naming it, and test/argument-checks.test.ts names any exported function or
 * Tensor method that has no line. To add an op: its line here (parameter names as the op's),
 * its name in checks/public-ops.ts, and a method that is not `op(this, ...rest)` in METHODS.
 */

// Fragments many lines share.
const LIKE = 'tensor|number|bool';
const DIMS = 'int|int[]|null';
const CREATION = '{dtype?: dtype, device?: string, requiresGrad?: bool}';
const REDUCTION = '"mean"|"sum"|"none"';
const INTS = 'int|int[]';
const BOUND = 'tensor|number|null';
const UNARY = 'x: tensor';
const BINARY = `a: ${LIKE}, b: ${LIKE}`;
const REDUCE = `x: tensor, dim?: ${DIMS}, keepdim?: bool`;
const VAR = `x: tensor, dim?: ${DIMS}, options?: {correction?: number, keepdim?: bool}`;
const INDEX_SPEC = 'int|string|null|bool|tensor|any[]|{start?: int|null, end?: int|null, step?: int}';
const RANDOM = '{dtype?: dtype, device?: string, requiresGrad?: bool, generator?: object}';
const GENERATOR = '{generator?: object}';
const CLOSE = '{rtol?: number, atol?: number, equalNan?: bool}';
const QUANTILE =
  'x: tensor, q: number|tensor, dim?: int|null, keepdim?: bool, options?: {interpolation?: "linear"|"lower"|"higher"|"midpoint"|"nearest"}';
const UNIQUE = 'returnInverse?: bool, returnCounts?: bool, dim?: int|null';
const BACKWARD = '{retainGraph?: bool, createGraph?: bool, inputs?: tensor|tensor[]}';
const SCALE = '{beta?: number, alpha?: number}';

/** torch.* functions (ops/public.ts). */
export const OPS = {
  var: VAR,
  variance: VAR,
  std: VAR,
  abs: UNARY,
  add: `${BINARY}, options?: {alpha?: number}`,
  sub: `${BINARY}, options?: {alpha?: number}`,
  mul: BINARY,
  div: `${BINARY}, options?: {roundingMode?: "trunc"|"floor"|null}`,
  ceil: UNARY,
  cos: UNARY,
  exp: UNARY,
  floor: UNARY,
  log: UNARY,
  neg: UNARY,
  relu: UNARY,
  sigmoid: UNARY,
  sign: UNARY,
  sin: UNARY,
  sqrt: UNARY,
  tanh: UNARY,
  eq: BINARY,
  ne: BINARY,
  ge: BINARY,
  gt: BINARY,
  le: BINARY,
  lt: BINARY,
  logicalAnd: BINARY,
  logicalOr: BINARY,
  logicalXor: BINARY,
  logicalNot: UNARY,
  maximum: BINARY,
  minimum: BINARY,
  atan2: BINARY,
  fmod: BINARY,
  remainder: BINARY,
  pow: `x: ${LIKE}, exponent: ${LIKE}`,
  where: `condition: tensor, a?: ${LIKE}, b?: ${LIKE}`,
  acos: UNARY,
  acosh: UNARY,
  asin: UNARY,
  asinh: UNARY,
  atan: UNARY,
  atanh: UNARY,
  cosh: UNARY,
  sinh: UNARY,
  tan: UNARY,
  erf: UNARY,
  exp2: UNARY,
  expm1: UNARY,
  frac: UNARY,
  log10: UNARY,
  log1p: UNARY,
  log2: UNARY,
  reciprocal: UNARY,
  round: UNARY,
  rsqrt: UNARY,
  square: UNARY,
  trunc: UNARY,
  clamp: `x: tensor, min?: ${BOUND}|{min?: ${BOUND}, max?: ${BOUND}}, max?: ${BOUND}`,
  clampMax: `x: tensor, max: ${LIKE}`,
  clampMin: `x: tensor, min: ${LIKE}`,
  nanToNum: 'x: tensor, options?: {nan?: number, posinf?: number, neginf?: number}',
  clip: `x: tensor, min?: ${BOUND}|{min?: ${BOUND}, max?: ${BOUND}}, max?: ${BOUND}`,
  erfc: UNARY,
  erfinv: UNARY,
  lgamma: UNARY,
  digamma: UNARY,
  polygamma: 'n: int, x: tensor',
  isnan: UNARY,
  isinf: UNARY,
  isposinf: UNARY,
  isneginf: UNARY,
  isfinite: UNARY,
  isclose: `a: tensor, b: tensor, options?: ${CLOSE}`,
  allclose: `a: tensor, b: tensor, options?: ${CLOSE}`,
  equal: 'a: tensor, b: tensor',
  hypot: 'a: tensor, b: tensor',
  logaddexp: 'a: tensor, b: tensor',
  logaddexp2: 'a: tensor, b: tensor',
  xlogy: `x: ${LIKE}, y: ${LIKE}`,
  logit: 'x: tensor, eps?: number|null',
  sinc: UNARY,
  deg2rad: UNARY,
  rad2deg: UNARY,
  heaviside: 'x: tensor, values: tensor',
  bitwiseAnd: BINARY,
  bitwiseOr: BINARY,
  bitwiseXor: BINARY,
  bitwiseLeftShift: BINARY,
  bitwiseRightShift: BINARY,
  bitwiseNot: UNARY,
  addcdiv: 'input: tensor, t1: tensor, t2: tensor, options?: {value?: number}',
  addcmul: 'input: tensor, t1: tensor, t2: tensor, options?: {value?: number}',
  lerp: `start: tensor, end: ${LIKE}, weight: ${LIKE}`,
  clone: UNARY,
  detach: UNARY,
  to: 'x: tensor, target: string|{device?: string, dtype?: dtype}',
  toAsync: 'x: tensor, target: string|{device?: string, dtype?: dtype}',
  matmul: 'a: tensor, b: tensor',
  mm: 'a: tensor, b: tensor',
  bmm: 'a: tensor, b: tensor',
  mv: 'a: tensor, v: tensor',
  dot: 'a: tensor, b: tensor',
  outer: 'a: tensor, b: tensor',
  linear: 'x: tensor, weight: tensor, bias?: tensor|null',
  einsum: 'equation: string, ...tensors: tensor',
  mean: REDUCE,
  sum: REDUCE,
  all: REDUCE,
  any: REDUCE,
  amax: REDUCE,
  amin: REDUCE,
  logsumexp: REDUCE,
  argmax: 'x: tensor, dim?: int|null, keepdim?: bool',
  argmin: 'x: tensor, dim?: int|null, keepdim?: bool',
  prod: 'x: tensor, dim?: int|null, keepdim?: bool',
  max: 'x: tensor, dim?: int, keepdim?: bool',
  min: 'x: tensor, dim?: int, keepdim?: bool',
  norm: `x: tensor, p?: number, dim?: ${DIMS}, keepdim?: bool`,
  contiguous: UNARY,
  expand: 'x: tensor, shape: int[]',
  permute: 'x: tensor, dims: int[]',
  reshape: 'x: tensor, shape: int[]',
  view: 'x: tensor, shape: int[]',
  broadcastTo: 'x: tensor, shape: int[]',
  repeat: 'x: tensor, sizes: int[]',
  tile: 'x: tensor, dims: int[]',
  squeeze: `x: tensor, dim?: ${INTS}`,
  t: UNARY,
  transpose: 'x: tensor, dim0: int, dim1: int',
  unsqueeze: 'x: tensor, dim: int',
  flatten: 'x: tensor, startDim?: int, endDim?: int',
  unflatten: 'x: tensor, dim: int, sizes: int[]',
  expandAs: 'x: tensor, other: tensor',
  flip: `x: tensor, dims: ${INTS}`,
  roll: `x: tensor, shifts: ${INTS}, dims?: ${INTS}`,
  gather: 'x: tensor, dim: int, index: tensor',
  indexSelect: 'x: tensor, dim: int, index: tensor',
  maskedFill: `x: tensor, mask: tensor, value: ${LIKE}`,
  scatter: `x: tensor, dim: int, index: tensor, src: ${LIKE}, options?: {reduce?: "add"|"multiply"}`,
  scatterAdd: 'x: tensor, dim: int, index: tensor, src: tensor',
  scatterReduce:
    'x: tensor, dim: int, index: tensor, src: tensor, reduce: "sum"|"prod"|"mean"|"amax"|"amin", options?: {includeSelf?: bool}',
  asStrided: 'x: tensor, shape: int[], strides: int[], offset?: int',
  slice: 'x: tensor, dim: int, start?: int|null, end?: int|null, step?: int',
  narrow: 'x: tensor, dim: int, start: int, length: int',
  select: 'x: tensor, dim: int, index: int',
  index: `x: tensor, ...specs: ${INDEX_SPEC}`,
  get: 'x: tensor, expr: string',
  indexAsync: `x: tensor, ...specs: ${INDEX_SPEC}`,
  indexPut: 'x: tensor, indices: tensor[], values: tensor, accumulate?: bool',
  // A tensor spec reaches set's own error, which says to wrap it.
  set: `x: tensor, spec: string|any[]|tensor, value: ${LIKE}`,
  setAsync: `x: tensor, spec: string|any[]|tensor, value: ${LIKE}`,
  maskedSelect: 'x: tensor, mask: tensor',
  maskedSelectAsync: 'x: tensor, mask: tensor',
  maskedScatter: 'x: tensor, mask: tensor, source: tensor',
  nonzero: 'x: tensor, options?: {asTuple?: bool}',
  nonzeroAsync: 'x: tensor, options?: {asTuple?: bool}',
  argwhere: 'x: tensor',
  argwhereAsync: 'x: tensor',
  indexAdd: 'x: tensor, dim: int, index: tensor, source: tensor, options?: {alpha?: number}',
  indexCopy: 'x: tensor, dim: int, index: tensor, source: tensor',
  indexFill: `x: tensor, dim: int, index: tensor, value: ${LIKE}`,
  takeAlongDim: 'x: tensor, indices: tensor, dim?: int|null',
  logSigmoid: UNARY,
  leakyRelu: 'x: tensor, negativeSlope?: number',
  hardtanh: 'x: tensor, minVal?: number, maxVal?: number',
  celu: 'x: tensor, alpha?: number',
  elu: 'x: tensor, alpha?: number',
  gelu: 'x: tensor, approximate?: "none"|"tanh"|{approximate?: "none"|"tanh"}',
  silu: UNARY,
  softplus: 'x: tensor, beta?: number, threshold?: number',
  mish: UNARY,
  softsign: UNARY,
  hardsigmoid: UNARY,
  hardswish: UNARY,
  relu6: UNARY,
  selu: UNARY,
  softmax: 'x: tensor, dim: int',
  logSoftmax: 'x: tensor, dim: int',
  tensor: `data: data, options?: ${CREATION}`,
  full: `shape: int[], value: number|bool, options?: ${CREATION}`,
  zeros: `shape: int|int[], ...options: int|${CREATION}`,
  ones: `shape: int|int[], ...options: int|${CREATION}`,
  empty: `shape: int|int[], ...options: int|${CREATION}`,
  rand: `shape: int|int[], ...options: int|${RANDOM}`,
  randn: `shape: int|int[], ...options: int|${RANDOM}`,
  emptyLike: `x: tensor, options?: ${CREATION}`,
  zerosLike: `x: tensor, options?: ${CREATION}`,
  onesLike: `x: tensor, options?: ${CREATION}`,
  fullLike: `x: tensor, value: number|bool, options?: ${CREATION}`,
  arange: `start: number, end?: number, step?: number, options?: ${CREATION}`,
  randperm: `n: int, options?: ${RANDOM}`,
  randint: `lowOrHigh: int, highOrShape: int|int[], shapeOrOptions?: int[]|${RANDOM}, maybeOptions?: ${RANDOM}`,
  randLike: `x: tensor, options?: ${RANDOM}`,
  randnLike: `x: tensor, options?: ${RANDOM}`,
  randintLike: `x: tensor, low: int, high?: int, options?: ${RANDOM}`,
  normal: `mean: tensor|number, std?: tensor|number, shape?: int[], options?: ${RANDOM}`,
  bernoulli: `x: tensor, p?: number|${GENERATOR}, options?: ${GENERATOR}`,
  multinomial: `input: tensor, numSamples: int, replacement?: bool, options?: ${GENERATOR}`,
  sort: 'x: tensor, dim?: int, descending?: bool, options?: {stable?: bool}',
  argsort: 'x: tensor, dim?: int, descending?: bool, options?: {stable?: bool}',
  msort: UNARY,
  topk: 'x: tensor, k: int, dim?: int, largest?: bool, sorted?: bool',
  kthvalue: 'x: tensor, k: int, dim?: int, keepdim?: bool',
  median: 'x: tensor, dim?: int, keepdim?: bool',
  nanmedian: 'x: tensor, dim?: int, keepdim?: bool',
  mode: 'x: tensor, dim?: int, keepdim?: bool',
  quantile: QUANTILE,
  nanquantile: QUANTILE,
  unique: `x: tensor, options?: {${UNIQUE}, sorted?: bool}`,
  uniqueAsync: `x: tensor, options?: {${UNIQUE}, sorted?: bool}`,
  uniqueConsecutive: `x: tensor, options?: {${UNIQUE}}`,
  uniqueConsecutiveAsync: `x: tensor, options?: {${UNIQUE}}`,
  searchsorted:
    'sortedSequence: tensor, values: tensor|number, options?: {outInt32?: bool, right?: bool, side?: "left"|"right", sorter?: tensor}',
  bucketize: 'input: tensor|number, boundaries: tensor, options?: {outInt32?: bool, right?: bool}',
  cumsum: 'x: tensor, dim: int',
  cumprod: 'x: tensor, dim: int',
  cummax: 'x: tensor, dim: int',
  cummin: 'x: tensor, dim: int',
  logcumsumexp: 'x: tensor, dim: int',
  varMean: VAR,
  stdMean: VAR,
  aminmax: 'x: tensor, options?: {dim?: int|null, keepdim?: bool}',
  nansum: REDUCE,
  nanmean: REDUCE,
  diff: 'x: tensor, n?: int, dim?: int, options?: {prepend?: tensor|null, append?: tensor|null}',
  histc: 'x: tensor, bins?: int, min?: number, max?: number',
  bincount: 'x: tensor, options?: {weights?: tensor|null, minlength?: int}',
  bincountAsync: 'x: tensor, options?: {weights?: tensor|null, minlength?: int}',
  cat: 'tensors: tensor[], dim?: int',
  stack: 'tensors: tensor[], dim?: int',
  split: 'x: tensor, splitSizeOrSections: int|int[], dim?: int',
  chunk: 'x: tensor, chunks: int, dim?: int',
  pad: 'x: tensor, pads: int[], options?: {mode?: "constant"|"reflect"|"replicate"|"circular", value?: number}',
  oneHot: 'indices: tensor, numClasses?: int',
  tril: 'x: tensor, diagonal?: int',
  addmm: `input: tensor, mat1: tensor, mat2: tensor, options?: ${SCALE}`,
  addmv: `input: tensor, mat: tensor, vec: tensor, options?: ${SCALE}`,
  addr: `input: tensor, vec1: tensor, vec2: tensor, options?: ${SCALE}`,
  addbmm: `input: tensor, batch1: tensor, batch2: tensor, options?: ${SCALE}`,
  baddbmm: `input: tensor, batch1: tensor, batch2: tensor, options?: ${SCALE}`,
  kron: 'a: tensor, b: tensor',
  tensordot: 'a: tensor, b: tensor, dimsArg?: int|int[][]',
  cross: 'a: tensor, b: tensor, dim?: int|null',
  cdist: 'x1: tensor, x2: tensor, p?: number',
  chainMatmul: '...matrices: tensor',
  triu: 'x: tensor, diagonal?: int',
  linspace: `start: number, end: number, steps: int, options?: ${CREATION}`,
  logspace: `start: number, end: number, steps: int, base?: number, options?: ${CREATION}`,
  eye: `n: int, m?: int|${CREATION}, options?: ${CREATION}`,
  meshgrid: '...args: tensor|tensor[]|{indexing?: "ij"|"xy"}',
  diag: 'x: tensor, diagonal?: int',
  diagEmbed: 'x: tensor, offset?: int, dim1?: int, dim2?: int',
  diagonal: 'x: tensor, offset?: int, dim1?: int, dim2?: int',
  trace: UNARY,
  movedim: `x: tensor, source: ${INTS}, destination: ${INTS}`,
  moveaxis: `x: tensor, source: ${INTS}, destination: ${INTS}`,
  swapaxes: 'x: tensor, axis0: int, axis1: int',
  swapdims: 'x: tensor, dim0: int, dim1: int',
  unbind: 'x: tensor, dim?: int',
  hstack: 'tensors: tensor[]',
  vstack: 'tensors: tensor[]',
  dstack: 'tensors: tensor[]',
  columnStack: 'tensors: tensor[]',
  tensorSplit: 'x: tensor, indicesOrSections: int|int[], dim?: int',
  repeatInterleave: 'x: tensor, repeats?: int|int[]|tensor, dim?: int|null',
  rot90: 'x: tensor, k?: int, dims?: int[]',
  trilIndices: `row: int, col: int, offset?: int, options?: ${CREATION}`,
  triuIndices: `row: int, col: int, offset?: int, options?: ${CREATION}`,
  cartesianProd: '...tensors: tensor',
  combinations: 'x: tensor, r?: int, withReplacement?: bool',
} satisfies Record<Exclude<keyof typeof publicOps, TypeOnly>, string>;

/** Exports of ops/public.ts that are types (they have no runtime value to check). */
type TypeOnly = never;

const CONV = `x: tensor, weight: tensor, bias?: tensor|null, options?: {stride?: ${INTS}, padding?: ${INTS}|"same"|"valid", dilation?: ${INTS}, groups?: int}`;
const CONV_T = `x: tensor, weight: tensor, bias?: tensor|null, options?: {stride?: ${INTS}, padding?: ${INTS}, outputPadding?: ${INTS}, groups?: int, dilation?: ${INTS}}`;
const INTERPOLATE = `size?: ${INTS}|null, scaleFactor?: number|number[]|null, mode?: "nearest"|"linear"|"bilinear"|"bicubic", alignCorners?: bool|null, recomputeScaleFactor?: bool|null`;
const FOLD = `dilation?: ${INTS}, padding?: ${INTS}, stride?: ${INTS}`;
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

const ONE_OR_MANY = 'tensor|tensor[]';

/** torch.linalg (the `linalg` namespace, linalg/index.ts). */
export const LINALG = {
  det: 'A: tensor',
  slogdet: 'A: tensor',
  inv: 'A: tensor',
  solve: 'A: tensor, B: tensor, options?: {left?: bool}',
  luFactor: 'A: tensor',
  luFactorEx: 'A: tensor',
  luSolve: 'LU: tensor, pivots: tensor, B: tensor, options?: {left?: bool, adjoint?: bool}',
  solveTriangular: 'A: tensor, B: tensor, options: {upper?: bool, left?: bool, unitriangular?: bool}',
  cholesky: 'A: tensor, options?: {upper?: bool}',
  choleskyEx: 'A: tensor, options?: {upper?: bool}',
  qr: 'A: tensor, mode?: "reduced"|"complete"|"r"',
  eigh: 'A: tensor, UPLO?: "L"|"U"',
  eigvalsh: 'A: tensor, UPLO?: "L"|"U"',
  svd: 'A: tensor, fullMatrices?: bool',
  svdvals: 'A: tensor',
  pinv: 'A: tensor, options?: {atol?: number, rtol?: number, hermitian?: bool}',
  matrixRank: 'A: tensor, options?: {atol?: number, rtol?: number, hermitian?: bool}',
  lstsq: 'A: tensor, B: tensor, options?: {rcond?: number|null, driver?: "gels"|"gelsy"|"gelsd"|"gelss"|null}',
  vectorNorm: `x: tensor, ord?: number, dim?: ${DIMS}, keepdim?: bool`,
  matrixNorm: 'A: tensor, ord?: number|"fro"|"nuc", dim?: int[], keepdim?: bool',
  norm: `A: tensor, ord?: number|"fro"|"nuc"|null, dim?: ${DIMS}, keepdim?: bool`,
  matrixPower: 'A: tensor, n: int',
  multiDot: 'tensors: tensor[]',
  cross: 'a: tensor, b: tensor, dim?: int',
} satisfies Record<keyof typeof linalg, string>;

const NORM = 'norm?: "backward"|"ortho"|"forward"|null';
const FFT1 = `input: tensor, n?: int|null, dim?: int, ${NORM}`;
const FFT2 = `input: tensor, s?: int[]|null, dim?: int[], ${NORM}`;
const FFTN = `input: tensor, s?: int[]|null, dim?: int|int[]|null, ${NORM}`;
const PAIRS = 'input: tensor';

/** torch.fft (the `fft` namespace, fft/index.ts). */
export const FFT = {
  fft: FFT1,
  ifft: FFT1,
  rfft: FFT1,
  irfft: FFT1,
  fft2: FFT2,
  ifft2: FFT2,
  rfft2: FFT2,
  irfft2: FFT2,
  fftn: FFTN,
  ifftn: FFTN,
  rfftn: FFTN,
  irfftn: FFTN,
  fftfreq: `n: int, d?: number, options?: ${CREATION}`,
  rfftfreq: `n: int, d?: number, options?: ${CREATION}`,
  fftshift: 'input: tensor, dim?: int|int[]|null',
  ifftshift: 'input: tensor, dim?: int|int[]|null',
  viewAsComplex: PAIRS,
  viewAsReal: PAIRS,
  complex: 'real: tensor, imag: tensor',
  real: PAIRS,
  imag: PAIRS,
  abs: PAIRS,
  angle: PAIRS,
  conj: PAIRS,
} satisfies Record<keyof typeof fft, string>;

/** torch.autograd's functions and the grad modes. */
export const AUTOGRAD = {
  grad: `outputs: ${ONE_OR_MANY}, inputs: ${ONE_OR_MANY}, options?: {gradOutputs?: tensor|data|null, retainGraph?: bool, createGraph?: bool, allowUnused?: bool}`,
  vjp: `fn: function, inputs: ${ONE_OR_MANY}, v?: ${ONE_OR_MANY}`,
  jvp: `fn: function, inputs: ${ONE_OR_MANY}, v: ${ONE_OR_MANY}`,
  jacobian: `fn: function, inputs: ${ONE_OR_MANY}, options?: {createGraph?: bool}`,
  hessian: `fn: function, inputs: ${ONE_OR_MANY}`,
  hvp: `fn: function, inputs: ${ONE_OR_MANY}, v: ${ONE_OR_MANY}`,
  vhp: `fn: function, inputs: ${ONE_OR_MANY}, v: ${ONE_OR_MANY}`,
  gradcheck: 'fn: function, inputs: tensor[], options?: {eps?: number, atol?: number, rtol?: number}',
  gradgradcheck: 'fn: function, inputs: tensor[], options?: {eps?: number, atol?: number, rtol?: number}',
  noGrad: 'fn: function',
  enableGrad: 'fn: function',
  inferenceMode: 'fn: function',
  detectAnomaly: 'fn: function',
  setGradEnabled: 'mode: bool',
  setDetectAnomaly: 'mode: bool',
  isGradEnabled: '',
  isInferenceModeEnabled: '',
  isAnomalyEnabled: '',
  // the autograd namespace's own (torch.autograd.backward, torch.autograd.function.once_differentiable)
  backward: `tensors: ${ONE_OR_MANY}, gradTensors?: tensor|data|(tensor|data|null)[]|null, options?: ${BACKWARD}`,
  onceDifferentiable: 'backward: function',
  vmap: 'fn: function, options?: {inDims?: int|null|(int|null)[], outDims?: int|int[]}',
};

/** torch.autograd.forward_ad (the `autograd.forwardAd` namespace). */
export const FORWARD_AD = {
  dualLevel: 'fn: function',
  makeDual: 'primal: tensor, tangent: tensor',
  unpackDual: 't: tensor',
};

/** torch.autograd.graph's saved-tensor hooks (the `autograd.graph` namespace). */
export const GRAPH = {
  savedTensorsHooks: 'packHook: function, unpackHook: function, fn: function',
  disableSavedTensorsHooks: 'errorMessage: string, fn: function',
  saveOnCpu: 'fn: function, options?: {pinMemory?: bool}',
};

/** torch.utils's functions (the `utils` namespace). */
export const UTILS = {
  checkpoint: 'fn: function, ...args: any',
};

/** The seed and the memory scopes. */
export const SCOPES = {
  manualSeed: 'seed: int|bigint',
  seed: '',
  initialSeed: '',
  getRngState: '',
  setRngState: 'state: object',
  tidy: 'fn: function',
  keep: 't: tensor',
};

/** The safetensors namespace. */
export const SAFETENSORS = {
  save: 'tensors: object, metadata?: object, options?: {int32?: "I64"|"I32"}',
  load: 'bytes: object, options?: {device?: string}',
  serialize: 'entries: object, metadata?: object, options?: {int32?: "I64"|"I32"}',
  deserialize: 'input: object',
};

/** @ag/core/node: the safetensors file helpers (Node only). */
export const NODE_FILES = {
  saveFile: 'tensors: object, path: string, metadata?: object, options?: {int32?: "I64"|"I32"}',
  loadFile: 'path: string, options?: {device?: string}',
};

const LAYER = 'device?: string, dtype?: "float32"|"float64"';
const CONV_LAYER = `inChannels: int, outChannels: int, kernelSize: ${INTS}, options?: {stride?: ${INTS}, padding?: ${INTS}|"same"|"valid", dilation?: ${INTS}, groups?: int, bias?: bool, paddingMode?: "zeros"|"reflect"|"replicate"|"circular", ${LAYER}}`;
const CONV_T_LAYER = `inChannels: int, outChannels: int, kernelSize: ${INTS}, options?: {stride?: ${INTS}, padding?: ${INTS}, outputPadding?: ${INTS}, dilation?: ${INTS}, groups?: int, bias?: bool, paddingMode?: "zeros", ${LAYER}}`;
const INSTANCE_NORM = `numFeatures: int, options?: {eps?: number, momentum?: number, affine?: bool, trackRunningStats?: bool, ${LAYER}}`;
const PARAMS = 'params: object';
const ADAM_LIKE = 'lr?: number, betas?: number[], eps?: number, weightDecay?: number, maximize?: bool';

const TRANSFORMER_LAYER = `dimFeedforward?: int, dropout?: number, activation?: "relu"|"gelu", layerNormEps?: number, batchFirst?: bool, normFirst?: bool, ${LAYER}`;
const RNN_OPTIONS = `numLayers?: int, bias?: bool, batchFirst?: bool, dropout?: number, bidirectional?: bool, ${LAYER}`;

/** torch.nn.utils (the `nn.utils` namespace); modules are `any`, checked by the functions. */
export const NN_UTILS = {
  clipGradNorm_: 'params: object, maxNorm: number, normType?: number',
  clipGradValue_: 'params: object, clipValue: number',
  parametersToVector: 'parameters: object',
  vectorToParameters: 'vec: tensor, parameters: object',
  weightNorm: 'module: any, name?: string, dim?: int|null',
  removeWeightNorm: 'module: any, name?: string',
  spectralNorm: 'module: any, name?: string, options?: {nPowerIterations?: int, eps?: number, dim?: int|null}',
  removeSpectralNorm: 'module: any, name?: string',
};

/** torch.nn.utils.rnn (the `nn.utils.rnn` namespace). */
export const NN_UTILS_RNN = {
  padSequence:
    'sequences: tensor[], options?: {batchFirst?: bool, paddingValue?: number, paddingSide?: "right"|"left"}',
  packPaddedSequence: 'input: tensor, lengths: tensor|int[], options?: {batchFirst?: bool, enforceSorted?: bool}',
  padPackedSequence: 'sequence: object, options?: {batchFirst?: bool, paddingValue?: number, totalLength?: int}',
  packSequence: 'sequences: tensor[], options?: {enforceSorted?: bool}',
  unpadSequence: 'padded: tensor, lengths: tensor|int[], options?: {batchFirst?: bool}',
  unpackSequence: 'packed: object',
};

/** Classes whose constructors take options (checks/public-classes.ts puts them behind their lines). */
export const CLASSES = {
  Linear: `inFeatures: int, outFeatures: int, options?: {bias?: bool, ${LAYER}}`,
  Conv1d: CONV_LAYER,
  Conv2d: CONV_LAYER,
  Conv3d: CONV_LAYER,
  ConvTranspose1d: CONV_T_LAYER,
  ConvTranspose2d: CONV_T_LAYER,
  Embedding: `numEmbeddings: int, embeddingDim: int, options?: {paddingIdx?: int, ${LAYER}}`,
  MaxPool2d: `kernelSize: ${INTS}, options?: {stride?: ${INTS}, padding?: ${INTS}, ceilMode?: bool, dilation?: ${INTS}}`,
  AvgPool2d: `kernelSize: ${INTS}, options?: {stride?: ${INTS}, padding?: ${INTS}, ceilMode?: bool, countIncludePad?: bool}`,
  BatchNorm1d: `numFeatures: int, options?: {eps?: number, affine?: bool, momentum?: number, trackRunningStats?: bool, ${LAYER}}`,
  BatchNorm2d: `numFeatures: int, options?: {eps?: number, affine?: bool, momentum?: number, trackRunningStats?: bool, ${LAYER}}`,
  LayerNorm: `normalizedShape: ${INTS}, options?: {eps?: number, affine?: bool, elementwiseAffine?: bool, ${LAYER}}`,
  GroupNorm: `numGroups: int, numChannels: int, options?: {eps?: number, affine?: bool, ${LAYER}}`,
  Upsample: `options?: {${INTERPOLATE}}`,
  Fold: `outputSize: ${INTS}, kernelSize: ${INTS}, options?: {${FOLD}}`,
  Unfold: `kernelSize: ${INTS}, options?: {${FOLD}}`,
  InstanceNorm1d: INSTANCE_NORM,
  InstanceNorm2d: INSTANCE_NORM,
  RMSNorm: `normalizedShape: ${INTS}, options?: {eps?: number|null, elementwiseAffine?: bool, ${LAYER}}`,
  PReLU: `numParameters?: int, init?: number, options?: {${LAYER}}`,
  MultiheadAttention: `embedDim: int, numHeads: int, options?: {dropout?: number, bias?: bool, batchFirst?: bool, ${LAYER}}`,
  TransformerEncoderLayer: `dModel: int, nhead: int, options?: {${TRANSFORMER_LAYER}}`,
  RNNCell: `inputSize: int, hiddenSize: int, options?: {bias?: bool, nonlinearity?: "tanh"|"relu", ${LAYER}}`,
  LSTMCell: `inputSize: int, hiddenSize: int, options?: {bias?: bool, ${LAYER}}`,
  GRUCell: `inputSize: int, hiddenSize: int, options?: {bias?: bool, ${LAYER}}`,
  RNN: `inputSize: int, hiddenSize: int, options?: {${RNN_OPTIONS}, nonlinearity?: "tanh"|"relu"}`,
  LSTM: `inputSize: int, hiddenSize: int, options?: {${RNN_OPTIONS}, projSize?: int}`,
  GRU: `inputSize: int, hiddenSize: int, options?: {${RNN_OPTIONS}}`,
  TransformerDecoderLayer: `dModel: int, nhead: int, options?: {${TRANSFORMER_LAYER}}`,
  TransformerEncoder: 'encoderLayer: any, numLayers: int, options?: {norm?: any, enableNestedTensor?: bool}',
  TransformerDecoder: 'decoderLayer: any, numLayers: int, options?: {norm?: any}',
  Transformer: `options?: {dModel?: int, nhead?: int, numEncoderLayers?: int, numDecoderLayers?: int, customEncoder?: any, customDecoder?: any, ${TRANSFORMER_LAYER}}`,
  Bilinear: `in1Features: int, in2Features: int, outFeatures: int, options?: {bias?: bool, ${LAYER}}`,
  EmbeddingBag: `numEmbeddings: int, embeddingDim: int, options?: {mode?: "sum"|"mean"|"max", includeLastOffset?: bool, paddingIdx?: int, ${LAYER}}`,
  CrossEntropyLoss: `options?: {weight?: tensor|null, ignoreIndex?: int, reduction?: ${REDUCTION}, labelSmoothing?: number}`,
  NLLLoss: `options?: {weight?: tensor|null, ignoreIndex?: int, reduction?: ${REDUCTION}}`,
  BCELoss: `options?: {weight?: tensor, reduction?: ${REDUCTION}}`,
  BCEWithLogitsLoss: `options?: {weight?: tensor, reduction?: ${REDUCTION}, posWeight?: tensor}`,
  SmoothL1Loss: `options?: {reduction?: ${REDUCTION}, beta?: number}`,
  HuberLoss: `options?: {reduction?: ${REDUCTION}, delta?: number}`,
  KLDivLoss: `options?: {reduction?: ${REDUCTION}|"batchmean", logTarget?: bool}`,
  PoissonNLLLoss: `options?: {reduction?: ${REDUCTION}, logInput?: bool, full?: bool, eps?: number}`,
  GaussianNLLLoss: `options?: {reduction?: ${REDUCTION}, full?: bool, eps?: number}`,
  CosineEmbeddingLoss: `options?: {reduction?: ${REDUCTION}, margin?: number}`,
  MarginRankingLoss: `options?: {reduction?: ${REDUCTION}, margin?: number}`,
  HingeEmbeddingLoss: `options?: {reduction?: ${REDUCTION}, margin?: number}`,
  TripletMarginLoss: `options?: {reduction?: ${REDUCTION}, margin?: number, p?: number, eps?: number, swap?: bool}`,
  MultiMarginLoss: `options?: {reduction?: ${REDUCTION}, margin?: number, p?: int, weight?: tensor|null}`,
  MultiLabelSoftMarginLoss: `options?: {reduction?: ${REDUCTION}, weight?: tensor}`,
  CTCLoss: `options?: {reduction?: ${REDUCTION}, blank?: int, zeroInfinity?: bool}`,
  PairwiseDistance: 'options?: {p?: number, eps?: number, keepdim?: bool}',
  SGD: `${PARAMS}, options?: {lr?: number, momentum?: number, dampening?: number, weightDecay?: number, nesterov?: bool, maximize?: bool}`,
  Adam: `${PARAMS}, options?: {lr?: number, betas?: number[], eps?: number, weightDecay?: number, amsgrad?: bool, maximize?: bool}`,
  AdamW: `${PARAMS}, options?: {lr?: number, betas?: number[], eps?: number, weightDecay?: number, amsgrad?: bool, maximize?: bool}`,
  RMSprop: `${PARAMS}, options?: {lr?: number, alpha?: number, eps?: number, weightDecay?: number, momentum?: number, centered?: bool}`,
  Adagrad: `${PARAMS}, options?: {lr?: number, lrDecay?: number, weightDecay?: number, initialAccumulatorValue?: number, eps?: number}`,
  NAdam: `${PARAMS}, options?: {${ADAM_LIKE}, decoupledWeightDecay?: bool, momentumDecay?: number}`,
  RAdam: `${PARAMS}, options?: {${ADAM_LIKE}, decoupledWeightDecay?: bool}`,
  Adamax: `${PARAMS}, options?: {${ADAM_LIKE}}`,
  Adadelta: `${PARAMS}, options?: {lr?: number, rho?: number, eps?: number, weightDecay?: number, maximize?: bool}`,
  ASGD: `${PARAMS}, options?: {lr?: number, lambd?: number, alpha?: number, t0?: number, weightDecay?: number, maximize?: bool}`,
  LBFGS: `${PARAMS}, options?: {lr?: number, maxIter?: int, maxEval?: int, toleranceGrad?: number, toleranceChange?: number, historySize?: int, lineSearchFn?: "strong_wolfe"|null}`,
  CyclicLR: `optimizer: object, baseLr: number|number[], maxLr: number|number[], options?: {stepSizeUp?: int, stepSizeDown?: int|null, mode?: "triangular"|"triangular2"|"exp_range", gamma?: number, scaleFn?: function|null, scaleMode?: "cycle"|"iterations", cycleMomentum?: bool, baseMomentum?: number|number[], maxMomentum?: number|number[]}`,
  ReduceLROnPlateau:
    'optimizer: object, options?: {mode?: "min"|"max", factor?: number, patience?: int, threshold?: number, thresholdMode?: "rel"|"abs", cooldown?: int, minLr?: number|number[], eps?: number}',
  DataLoader:
    'dataset: object, options?: {batchSize?: int, shuffle?: bool, sampler?: object|null, batchSampler?: object|null, dropLast?: bool, generator?: object, collateFn?: function}',
  RandomSampler: 'dataSource: object, options?: {replacement?: bool, numSamples?: int, generator?: object|null}',
  SubsetRandomSampler: 'indices: int[], options?: {generator?: object|null}',
  WeightedRandomSampler:
    'weights: number[]|tensor|object, numSamples: int, replacement?: bool, options?: {generator?: object|null}',
};
