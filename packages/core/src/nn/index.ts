export { Module } from './module.js';
export type { BackwardHook, BackwardPreHook, ForwardHook, ForwardPreHook, RemovableHandle } from './module-hooks.js';
export { Parameter } from './parameter.js';
export { Linear, NonDynamicallyQuantizableLinear, type LayerOptions } from './linear.js';
export { Sequential, ModuleList, ModuleDict } from './containers.js';
export { ParameterList, ParameterDict } from './parameter-containers.js';
export * from './activation.js';
export { Identity, Flatten, Dropout, Embedding } from './layers.js';
export * from './loss.js';
export {
  Conv1d,
  Conv2d,
  Conv3d,
  ConvTranspose1d,
  ConvTranspose2d,
  type ConvOptions,
  type ConvTransposeOptions,
} from './conv.js';
export {
  MaxPool1d,
  MaxPool2d,
  MaxPool3d,
  AvgPool1d,
  AvgPool2d,
  AdaptiveAvgPool1d,
  AdaptiveAvgPool2d,
  AdaptiveMaxPool2d,
  MaxUnpool2d,
  type PoolOptions,
  type Pool1dOptions,
} from './pooling.js';
export { BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm, type NormOptions } from './normalization.js';
export {
  MultiheadAttention,
  TransformerEncoderLayer,
  causalMask,
  type AttentionCall,
  type MultiheadAttentionOptions,
  type TransformerEncoderLayerOptions,
} from './attention.js';
export * from './padding.js';
export { Dropout1d, Dropout2d, AlphaDropout } from './dropout.js';
export { PixelShuffle, PixelUnshuffle, Unflatten } from './reshape-layers.js';
export { PReLU, Softmax2d } from './prelu-softmax2d.js';
export { Upsample } from './upsample.js';
export { Fold, Unfold } from './fold.js';
export {
  InstanceNorm1d,
  InstanceNorm2d,
  RMSNorm,
  LocalResponseNorm,
  type InstanceNormLayerOptions,
} from './normalization-extra.js';
export * as init from './init.js';
export * as utils from './utils.js';
export { RNNCell, LSTMCell, GRUCell, type RNNCellOptions, type Nonlinearity as RNNNonlinearity } from './rnn-cells.js';
export { RNNBase, RNN, LSTM, GRU, type RNNOptions } from './rnn.js';
export { PackedSequence } from './rnn-packing.js';
