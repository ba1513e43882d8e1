import { rand } from '../ops/creation.js';
import { lt, mul, where } from '../ops/elementwise.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';

/**
 * Zeroes each element with probability `p` and scales the others by 1 / (1 - p), in training;
 * the identity otherwise. The mask comes from the generator seeded by `manualSeed`.
 */
export function dropout(x: Tensor, p = 0.5, training = true): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: probability has to be between 0 and 1, but got ${p}`);
  checkFloat('dropout', 'input', x);
  if (!training || p === 0) return x;
  if (p === 1) return mul(x, 0);
  const keep = lt(rand(x.shape, { dtype: x.dtype, device: x.device }), 1 - p);
  return mul(x, where(keep, 1 / (1 - p), 0));
}
