import * as rawRnn from '../nn/rnn-packing-public.js';
import { checkedAll } from './checked.js';
import { NN_UTILS_RNN } from './signatures.js';

/** torch.nn.utils (the `nn.utils` namespace): gradient clipping, and `rnn`'s functions behind their lines of signatures.ts. */
export { clipGradNorm_, clipGradValue_ } from '../nn/utils.js';

export const rnn = checkedAll(rawRnn, NN_UTILS_RNN, 'nn.utils.rnn.');
