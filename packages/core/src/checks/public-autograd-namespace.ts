import { backwardTensors } from '../autograd/backward.js';
import { onceDifferentiable as rawOnceDifferentiable } from '../autograd/function.js';
import { checked } from './checked.js';
import { AUTOGRAD } from './signatures.js';
export * as forwardAd from './public-forward-ad.js';
export * as graph from './public-graph.js';

/**
 * The `autograd` namespace of @ag/core (torch.autograd): the functions @ag/core also exports at
 * the top (public-autograd.ts), and those torch has in torch.autograd alone.
 */
export * from './public-autograd.js';

/**
 * Accumulates the gradients of several outputs into the leaves' `.grad` in one backward run
 * (torch.autograd.backward): `gradTensors[i]` flows into `tensors[i]` (omitted for one-element
 * outputs).
 */
export const backward = checked('backward', AUTOGRAD.backward, backwardTensors);

/** Marks a custom Function's backward as not differentiable (torch.autograd.function.once_differentiable). */
export const onceDifferentiable = checked('onceDifferentiable', AUTOGRAD.onceDifferentiable, rawOnceDifferentiable);
