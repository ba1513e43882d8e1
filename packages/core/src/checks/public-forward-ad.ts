import * as raw from '../autograd/forward-ad.js';
import { checkedAll } from './checked.js';
import { FORWARD_AD } from './signatures.js';

/** torch.autograd.forward_ad as `autograd.forwardAd`: dual tensors and their tangents. */
export type * from '../autograd/forward-ad.js';

const fns = checkedAll(raw, FORWARD_AD, 'forwardAd.');

export const { dualLevel, makeDual, unpackDual } = fns;
