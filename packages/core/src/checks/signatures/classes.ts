import { FOLD, INTERPOLATE, INTS, REDUCTION } from './fragments.js';

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
