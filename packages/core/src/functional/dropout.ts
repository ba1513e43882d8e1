import { div, mul } from '../ops/elementwise.js';
import { bernoulliSamples } from '../ops/random.js';
import { numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';

/**
 * Zeroes each element with probability `p` and scales the others by 1 / (1 - p), in training;
 * the identity otherwise. As PyTorch's CPU dropout: a noise tensor like `x` is filled by
 * bernoulli_(1 - p), divided by 1 - p, and multiplied in (MulBackward0), so a seed gives
 * PyTorch's mask.
 */
export function dropout(x: Tensor, p = 0.5, training = true): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: probability has to be between 0 and 1, but got ${p}`);
  checkFloat('dropout', 'input', x);
  if (!training || p === 0 || numel(x.shape) === 0) return x;
  if (p === 1) return mul(x, 0);
  const noise = div(bernoulliSamples('dropout', x, 1 - p), 1 - p);
  return mul(x, noise);
}
