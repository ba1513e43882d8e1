export { clipGradNorm_, clipGradValue_ } from '../optim/clip-grad.js';
export { parametersToVector, vectorToParameters } from './param-vector.js';
export {
  weightNorm,
  removeWeightNorm,
  spectralNorm,
  removeSpectralNorm,
  type SpectralNormOptions,
} from './weight-norms.js';
export * as rnn from './rnn-packing-public.js';
