import * as rawRnn from '../nn/rnn-packing-public.js';
import * as raw from '../nn/utils.js';
import { checkedAll } from './checked.js';
import { NN_UTILS, NN_UTILS_RNN } from './signatures.js';

/** torch.nn.utils (the `nn.utils` namespace), each function behind its line of signatures.ts. */
export type { SpectralNormOptions } from '../nn/utils.js';

export const {
  clipGradNorm_,
  clipGradValue_,
  parametersToVector,
  vectorToParameters,
  weightNorm,
  removeWeightNorm,
  spectralNorm,
  removeSpectralNorm,
} = checkedAll(raw, NN_UTILS, 'nn.utils.');

export const rnn = checkedAll(rawRnn, NN_UTILS_RNN, 'nn.utils.rnn.');
