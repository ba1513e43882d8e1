import { isFloating } from '../dtype.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { TypedArray } from '../dtype.js';
import { noGrad } from '../autograd/grad-mode.js';
import { toTypedArray } from '../read.js';
import { full, onesLike, zeros } from './creation.js';
import { add, div, eq, floor, ge, le, logicalAnd, minimum, mul, sub, where } from './elementwise.js';
import { scatterAdd } from './indexing.js';
import { amax, amin } from './reduce-extra.js';
import { flatten } from './reshape-ops.js';
import { narrow } from './slicing.js';
import { valuesForShape } from './nonzero.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * Counting ops: histc (equal-width bins over [min, max], computed on the device) and bincount
 * (occurrences of each non-negative integer, optionally weighted, whose length depends on the
 * largest value: read on the host, so awaited on devices without synchronous reads). Neither is
 * differentiable, as in PyTorch.
 */

/**
 * torch.histc: counts of the elements in `bins` equal-width bins over [min, max]; elements outside
 * (and NaN) are ignored, max itself falls in the last bin. min = max (the default, both 0) takes
 * the data's extremes; equal extremes widen to [min - 1, max + 1]. Floating inputs; the counts
 * have the input's dtype.
 */
export function histc(x: Tensor, bins = 100, min = 0, max = 0): Tensor {
  if (!isFloating(x.dtype)) throw new DTypeError(`histc: expected a floating point input, got dtype ${x.dtype}`);
  if (!Number.isInteger(bins) || bins <= 0) throw new ValueError(`histc: bins must be > 0, but got ${bins}`);
  if (min > max) throw new ValueError(`histc: max must be larger than min, got min ${min} and max ${max}`);
  if (!Number.isFinite(min) || !Number.isFinite(max))
    throw new ValueError(`histc: range of [${min}, ${max}] is not finite`);
  return noGrad(() => {
    const v = flatten(x);
    const device = x.device;
    // Equal edges (given, or the data's extremes) widen by one on each side.
    let left: Tensor | number = min === max ? min - 1 : min;
    let right: Tensor | number = min === max ? max + 1 : max;
    if (min === max && v.numel() > 0) {
      const lo = amin(v);
      const hi = amax(v);
      const same = eq(lo, hi);
      left = where(same, sub(lo, 1), lo);
      right = where(same, add(hi, 1), hi);
    }
    const inside = logicalAnd(ge(v, left), le(v, right));
    const bin = minimum(floor(div(mul(sub(v, left), bins), sub(right, left))), bins - 1);
    // Elements outside go to one extra bin, dropped after counting.
    const index = where(inside, bin, bins).to('int32');
    const counts = scatterAdd(zeros([bins + 1], { dtype: x.dtype, device }), 0, index, onesLike(v));
    return narrow(counts, 0, 0, bins).contiguous();
  });
}

export interface BincountOptions {
  /** A weight per element, summed instead of counting ones (float weights keep their dtype; others give float32). */
  readonly weights?: Tensor | null;
  /** The least length of the result (default 0). */
  readonly minlength?: number;
}

/**
 * torch.bincount: how often each value 0, 1, ... of a 1-d tensor of non-negative integers occurs
 * (the weights summed instead, where given), over max(max(x) + 1, minlength) bins; int32 counts.
 * Reads `x` on the host; on devices without synchronous reads use {@link bincountAsync}.
 */
export function bincount(x: Tensor, options: BincountOptions = {}): Tensor {
  checkBincount(x, options);
  return countBins(x, valuesForShape('bincount', x, 'bincountAsync(x)'), options);
}

/** {@link bincount} on any device: reads the values back first. */
export async function bincountAsync(x: Tensor, options: BincountOptions = {}): Promise<Tensor> {
  checkBincount(x, options);
  return countBins(x, await toTypedArray(x), options);
}

function checkBincount(x: Tensor, { weights, minlength = 0 }: BincountOptions): void {
  if (x.ndim !== 1 || isFloating(x.dtype) || x.dtype === 'bool')
    throw new (x.ndim !== 1 ? ShapeError : DTypeError)(
      `bincount: only supports 1-d non-negative integral inputs, got dtype ${x.dtype} and shape ${formatShape(x.shape)}`,
    );
  if (!Number.isInteger(minlength) || minlength < 0)
    throw new ValueError(`bincount: minlength should be a non-negative integer, got ${minlength}`);
  if (weights !== null && weights !== undefined && (weights.ndim !== 1 || weights.shape[0] !== x.shape[0]))
    throw new ShapeError(
      `bincount: weights should be 1-d and have the same length as input, got shapes ${formatShape(weights.shape)} and ${formatShape(x.shape)}`,
    );
}

function countBins(x: Tensor, values: TypedArray, { weights, minlength = 0 }: BincountOptions): Tensor {
  let top = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0) throw new ValueError(`bincount: only supports 1-d non-negative integral inputs, got the value ${v}`);
    if (v > top) top = v;
  }
  const length = Math.max(top + 1, minlength);
  return noGrad(() => {
    const w = weights ?? null;
    const dtype = w === null ? 'int32' : isFloating(w.dtype) ? w.dtype : 'float32';
    const src = w === null ? full(x.shape, 1, { dtype, device: x.device }) : w.to(dtype);
    return scatterAdd(zeros([length], { dtype, device: x.device }), 0, x.to('int32'), src);
  });
}
