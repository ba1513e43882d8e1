/**
 * @ag/core: PyTorch's autograd in TypeScript. Tensors, the autograd graph, the ops, printing,
 * and the Backend interface that kernel packages (@ag/backend-cpu, @ag/backend-webgpu) implement.
 */
export * from './dtype.js';
export * from './shape.js';
export * from './backend/backend.js';
export * from './backend/primitives.js';
export * from './backend/layout.js';
export { registerBackend, getBackend, setDefaultDevice, getDefaultDevice, listDevices, unregisterBackend } from './backend/registry.js';
export { Tensor, type TensorLike } from './tensor.js';
export { isTensor } from './tensor-brand.js';
export type { NestedArray } from './read.js';
export { Node, AccumulateGrad, type Edge } from './autograd/node.js';
export type { BackwardOptions } from './autograd/backward.js';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './autograd/grad-mode.js';
// autograd: anomaly detection and inference mode
export {
  detectAnomaly, inferenceMode, isAnomalyEnabled, isInferenceModeEnabled, setDetectAnomaly,
} from './autograd/grad-mode.js';
export { grad, hessian, jacobian, jvp, vjp, type GradOptions } from './autograd/functional.js';
export { AutogradFunction, Function, FunctionCtx } from './autograd/function.js';
export type { GradHook } from './autograd/node.js';
export * as autograd from './autograd/index.js';
export { manualSeed } from './random.js';
export { tidy, keep } from './memory/scope.js';
export { formatRepr, type ReprInput } from './format/repr.js';
export { gradcheck, gradgradcheck, type GradcheckOptions } from './gradcheck.js';
export * from './ops/creation.js';
export {
  abs, add, ceil, clone, compare, contiguous, cos, detach, div, eq, exp, expand, floor, ge, gt, le, log, logicalAnd,
  logicalNot, logicalOr, lt, matmul, maximum, mean, minimum, mul, ne, neg, permute, pow, relu, reshape, sigmoid, sign,
  sin, sqrt, squeeze, sub, sum, sumTo, t, tanh, to, transpose, unsqueeze, view, where,
} from './ops/index.js';
export { bmm, dot, einsum, linear, mm, mv, outer } from './ops/linalg.js';
export * as functional from './functional/index.js';
// reductions, shape and indexing
export {
  all, amax, amin, any, argmax, argmin, asStrided, broadcastTo, cat, chunk, cumprod, cumsum, expandAs, flatten, flip, gather,
  get, index, indexSelect, logsumexp, maskedFill, max, min, narrow, norm, oneHot, pad, prod, repeat, roll, scatter,
  scatterAdd, select, slice, split, stack, std, tile, tril, triu, unflatten, variance, variance as var,
  type IndexSpec, type MaxResult, type PadMode, type PadOptions, type Range, type VarOptions,
} from './ops/index.js';
// elementwise math, activations and binary ops
export {
  acos, acosh, addcdiv, addcmul, asin, asinh, atan, atan2, atanh, celu, clamp, clampMax, clampMin, cosh, elu, erf, exp2,
  expm1, fmod, frac, gelu, hardsigmoid, hardswish, hardtanh, leakyRelu, lerp, log10, log1p, log2, logicalXor, logSigmoid,
  logSoftmax, mish, nanToNum, reciprocal, relu6, remainder, round, rsqrt, selu, silu, sinh, softmax, softplus, softsign,
  square, tan, trunc,
  type AddcOptions, type ClampBound, type DivOptions, type GeluApproximate, type NanToNumOptions, type RoundingMode,
} from './ops/index.js';
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
export * as data from './data/index.js';
export * as safetensors from './io/index.js';
