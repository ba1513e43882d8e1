/**
 * @ag/core: PyTorch's autograd in TypeScript. Tensors, the autograd graph, the ops, printing,
 * and the Backend interface that kernel packages (@ag/backend-cpu, @ag/backend-webgpu) implement.
 */
export { Tensor, type TensorLike } from './tensor.js';
export { isTensor } from './tensor-brand.js';
export * from './errors.js';
export type { NestedArray } from './read.js';
export * from './dtype.js';
export { bfloat16Bits, bfloat16Value, float16Bits, float16Value } from './half-precision.js';
export { computeDtype, isStorageDtype, type StorageDType } from './backend/storage-dtypes.js';
export * from './checks/public-ops.js';

// autograd, as torch.autograd (also as the `autograd` namespace)
export {
  Node,
  AccumulateGrad,
  type Edge,
  type GradHook,
  type HookHandle,
  type NodePostHook,
  type NodePreHook,
} from './autograd/node.js';
export type { BackwardOptions } from './autograd/backward.js';
// torch.autograd's functions and the grad modes at the top too, as torch has them (the
// namespace's `functional` is shadowed by nn's, exported by name below).
export * from './checks/public-autograd.js';
export * as autograd from './checks/public-autograd-namespace.js';
export * as utils from './checks/public-utils.js';
export * as linalg from './checks/public-linalg.js';
export * as fft from './checks/public-fft.js';
export { manualSeed, tidy, keep, memory } from './checks/public-scopes.js';
export type { BackendMemoryInfo, CachedScalars, LeakSite, MemoryInfo } from './memory/memory.js';

export { Generator, defaultGenerator, getRngState, initialSeed, seed, setRngState } from './checks/public-scopes.js';
export { formatRepr, type ReprInput } from './format/repr.js';
export * as functional from './checks/public-functional.js';
export * as nn from './checks/public-nn.js';
export * as optim from './checks/public-optim.js';
export * as data from './checks/public-data.js';
export * as safetensors from './checks/public-safetensors.js';
export * as onnx from './onnx/index.js';

// Devices, and what backends implement.
export * from './backend/registry.js';
export * from './backend/backend.js';
export * from './backend/primitives.js';
export * from './backend/layout.js';
/** Layout arithmetic for backends' kernels: element counts and row-major strides of a shape. */
export { contiguousStrides, isContiguous, numel, type Shape } from './shape.js';
