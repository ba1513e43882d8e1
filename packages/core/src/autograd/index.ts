/** The `autograd` namespace, like torch.autograd: the functional API, Function, grad modes, checks. */
export { grad, hessian, hvp, jacobian, jvp, vhp, vjp, type GradOptions } from './functional.js';
export { AutogradFunction, Function, FunctionCtx } from './function.js';
export {
  detectAnomaly,
  enableGrad,
  inferenceMode,
  isAnomalyEnabled,
  isInferenceModeEnabled,
  noGrad,
  setDetectAnomaly,
  setGradEnabled,
} from './grad-mode.js';
export { gradcheck, gradgradcheck, type GradcheckOptions } from '../gradcheck.js';
export * as functional from './functional.js';
export { vmap, type InDims, type VmapOptions } from './vmap.js';
