import { add, div, mul, sub } from '../ops/elementwise.js';
import { bernoulliSamples } from '../ops/random.js';
import { formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * Zeroes each element with probability `p` and scales the others by 1 / (1 - p), in training;
 * the identity otherwise. As PyTorch's CPU dropout: a noise tensor like `x` is filled by
 * bernoulli_(1 - p), divided by 1 - p, and multiplied in (MulBackward0), so a seed gives
 * PyTorch's mask.
 */
export function dropout(x: Tensor, p = 0.5, training = true): Tensor {
  return dropoutImpl('dropout', x, p, training, x.shape, false);
}

/**
 * PyTorch's `_dropout_impl`: the noise (one draw per element of `noiseShape`, which broadcasts
 * to x) is bernoulli(1 - p); plain dropout multiplies by noise / (1 - p), alpha dropout by
 * noise * a and adds b, keeping SELU's zero mean and unit variance.
 */
function dropoutImpl(
  op: string,
  x: Tensor,
  p: number,
  training: boolean,
  noiseShape: readonly number[],
  alpha: boolean,
): Tensor {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`${op}: probability has to be between 0 and 1, but got ${p}`);
  checkFloat(op, 'input', x);
  if (!training || p === 0 || numel(x.shape) === 0) return x;
  if (p === 1) return mul(x, 0);
  const noise = bernoulliSamples(op, { shape: noiseShape, dtype: x.dtype, device: x.device }, 1 - p);
  if (!alpha) return mul(x, div(noise, 1 - p));
  // SELU's negative saturation -scale * alpha, as PyTorch writes it.
  const sat = 1.7580993408473766;
  const a = 1 / Math.sqrt((sat * sat * p + 1) * (1 - p));
  const b = add(mul(sub(noise, 1), sat * a), sat * a * p);
  return add(mul(x, mul(noise, a)), b);
}

/** One draw per (sample, channel) of x [N, C, *]: the shape channel-wise dropout's noise has. */
function featureNoise(x: Tensor): number[] {
  return x.shape.map((n, i) => (i < 2 ? n : 1));
}

/**
 * Zeroes whole channels of x [N, C, L] (or [C, L]) with probability `p`
 * (torch.nn.functional.dropout1d), scaling the others by 1 / (1 - p).
 */
export function dropout1d(x: Tensor, p = 0.5, training = true): Tensor {
  if (x.ndim !== 2 && x.ndim !== 3)
    throw new ShapeError(
      `dropout1d: expected input with 3 dims [N, C, L] (or 2 unbatched), got ${formatShape(x.shape)}`,
    );
  // Unbatched, one draw per channel.
  return dropoutImpl('dropout1d', x, p, training, x.ndim === 3 ? featureNoise(x) : [x.shape[0]!, 1], false);
}

/**
 * Zeroes whole channels of x [N, C, H, W] with probability `p` (torch.nn.functional.dropout2d).
 * A 3-dim input is taken as [N, C, L], as PyTorch still does (with a warning there).
 */
export function dropout2d(x: Tensor, p = 0.5, training = true): Tensor {
  if (x.ndim !== 3 && x.ndim !== 4)
    throw new ShapeError(`dropout2d: expected input with 4 dims [N, C, H, W] (or 3), got ${formatShape(x.shape)}`);
  return dropoutImpl('dropout2d', x, p, training, featureNoise(x), false);
}

/**
 * Alpha dropout (torch.nn.functional.alpha_dropout), for SELU networks: a dropped element
 * becomes SELU's saturation value, then an affine map a x + b keeps the mean and variance.
 */
export function alphaDropout(x: Tensor, p = 0.5, training = false): Tensor {
  return dropoutImpl('alphaDropout', x, p, training, x.shape, true);
}
