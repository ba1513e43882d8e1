/**
 * @ag/core: PyTorch's autograd in TypeScript. Tensors, the autograd graph, the ops, printing,
 * and the Backend interface that kernel packages (@ag/backend-cpu, @ag/backend-webgpu) implement.
 */
export * from './dtype.js';
export * from './shape.js';
export * from './backend/backend.js';
export * from './backend/primitives.js';
export { registerBackend, getBackend, setDefaultDevice, getDefaultDevice, listDevices, unregisterBackend } from './backend/registry.js';
export { Tensor, type TensorLike } from './tensor.js';
export type { NestedArray } from './read.js';
export { Node, AccumulateGrad, type Edge } from './autograd/node.js';
export type { BackwardOptions } from './autograd/backward.js';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './autograd/grad-mode.js';
export { manualSeed } from './random.js';
export { formatRepr, type ReprInput } from './format/repr.js';
export { gradcheck, type GradcheckOptions } from './gradcheck.js';
export * from './ops/creation.js';
export {
  abs, add, ceil, clone, compare, contiguous, cos, detach, div, eq, exp, expand, floor, ge, gt, le, log, logicalAnd,
  logicalNot, logicalOr, lt, matmul, maximum, mean, minimum, mul, ne, neg, permute, pow, relu, reshape, sigmoid, sign,
  sin, sqrt, squeeze, sub, sum, sumTo, t, tanh, to, transpose, unsqueeze, view, where,
} from './ops/index.js';
