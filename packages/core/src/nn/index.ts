export { Module } from './module.js';
export type { BackwardHook, BackwardPreHook, ForwardHook, ForwardPreHook, RemovableHandle } from './module-hooks.js';
export { Parameter } from './parameter.js';
export { Linear, NonDynamicallyQuantizableLinear, type LayerOptions } from './linear.js';
export { Sequential, ModuleList, ModuleDict } from './containers.js';
export { ParameterList, ParameterDict } from './parameter-containers.js';
export * from './activation.js';
export { Identity, Flatten, Dropout, Embedding } from './layers.js';
export * from './loss.js';
export { Conv1d, Conv2d, type ConvOptions } from './conv.js';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, type PoolOptions } from './pooling.js';
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
export * as init from './init.js';
export * as utils from './utils.js';
export { RNNCell, LSTMCell, GRUCell, type RNNCellOptions, type Nonlinearity as RNNNonlinearity } from './rnn-cells.js';
export { RNNBase, RNN, LSTM, GRU, type RNNOptions } from './rnn.js';
export { PackedSequence } from './rnn-packing.js';
