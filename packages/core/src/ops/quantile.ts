import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { hostValues } from '../read.js';
import { full } from './creation.js';
import { commonBackend } from './dispatch.js';
import { lerp } from './binary-math.js';
import { ceil, floor, lt, mul, ne, sub, where } from './elementwise.js';
import { round } from './unary-math.js';
import { gatherOp } from './indexing.js';
import { sum } from './reduce.js';
import { any } from './reduce-extra.js';
import { flatten } from './reshape-ops.js';
import { permute, reshape, squeeze, unsqueeze } from './view.js';
import { sort } from './sort.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/** quantile and nanquantile, composed as PyTorch composes them: sort, gather at the ranks, interpolate. */

export type QuantileInterpolation = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';

export interface QuantileOptions {
  /** How a rank between two sorted values becomes a value (default 'linear'). */
  readonly interpolation?: QuantileInterpolation;
}

// The interpolation's name is checked with the arguments (checks/signatures.ts).
function checks(op: string, x: Tensor, q: number | Tensor): void {
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(`${op}: input tensor must be either float or double dtype, got ${x.dtype}`);
  }
  if (x.numel() === 0) throw new ShapeError(`${op}: input tensor must be non-empty`);
  if (typeof q === 'number') {
    if (!(q >= 0 && q <= 1)) throw new ValueError(`${op}: q must be in the range [0, 1] but got ${q}`);
    return;
  }
  if (q.ndim > 1) throw new ShapeError(`${op}: q must be a scalar or 1D tensor, got ${q.ndim} dims`);
  if (q.dtype !== x.dtype) {
    throw new DTypeError(`${op}: q tensor must be same dtype as the input tensor, got ${q.dtype} and ${x.dtype}`);
  }
  commonBackend(op, x, q);
  // The range check reads q: done where its values are on the host (the CPU), as PyTorch's
  // CPU path does; a device keeping them elsewhere skips it rather than wait for a read.
  if (q.backend.readSync !== undefined && hostValues(q, op).some((v) => !(v >= 0 && v <= 1))) {
    throw new ValueError(`${op}: q values must be in the range [0, 1]`);
  }
}

function quantileOf(
  op: 'quantile' | 'nanquantile',
  x: Tensor,
  q: number | Tensor,
  dim: number | null | undefined,
  keepdim: boolean,
  options: QuantileOptions | undefined,
): Tensor {
  const interpolation = options?.interpolation ?? 'linear';
  checks(op, x, q);
  const all = dim === undefined || dim === null;
  const d = all ? 0 : normalizeDim(op, dim, x.ndim);
  // The reduced dim moved last (or everything flattened), sorted: shape [...rest, n].
  const others = x.shape.map((_, i) => i).filter((i) => i !== d);
  const line = all ? flatten(x) : x.ndim === 0 ? reshape(x, [1]) : permute(x, [...others, d]);
  const sorted = sort(line, -1).values;
  const last = sorted.ndim - 1;
  const n = sorted.shape[last]!;
  const qs = typeof q === 'number' ? full([1], q, { dtype: x.dtype, device: x.device }) : reshape(q, [-1]);
  // q along a new last dim: ranks of shape [...rest, Q].
  const qRow = reshape(qs, [...sorted.shape.slice(0, last).map(() => 1), qs.shape[0]!]);
  const nans = ne(sorted, sorted);
  let ranks: Tensor;
  if (op === 'nanquantile') {
    // The rank among the values that are not NaN; a line of NaNs reads its first entry, a NaN.
    const valid = sub(n, sum(nans, last, true));
    const r = mul(qRow, sub(valid, 1));
    ranks = where(lt(r, 0), 0, r);
  } else {
    // A line with a NaN reads its last entry, a NaN.
    ranks = where(any(nans, last, true), n - 1, mul(qRow, n - 1));
  }
  if (interpolation === 'lower') ranks = floor(ranks);
  else if (interpolation === 'higher') ranks = ceil(ranks);
  else if (interpolation === 'nearest') ranks = round(ranks); // half to even, as PyTorch's round
  const below = floor(ranks);
  let result = gatherOp(sorted, last, below.to('int32'));
  if (interpolation === 'linear' || interpolation === 'midpoint') {
    const above = gatherOp(sorted, last, ceil(ranks).to('int32'));
    const weights =
      interpolation === 'midpoint' ? full([], 0.5, { dtype: x.dtype, device: x.device }) : sub(ranks, below);
    result = lerp(result, above, weights);
  }
  // [...rest, Q] to [Q, ...rest], then keepdim's ones, then without Q for a scalar q.
  result = permute(result, [last, ...Array.from({ length: last }, (_, i) => i)]);
  if (keepdim && x.ndim > 0) {
    result = all ? reshape(result, [result.shape[0]!, ...x.shape.map(() => 1)]) : unsqueeze(result, d + 1);
  }
  return typeof q === 'number' || q.ndim === 0 ? squeeze(result, 0) : result;
}

/**
 * torch.quantile: the q-th quantiles (q a number or a 1-D tensor in [0, 1]) of every element or
 * along `dim`, interpolating between the two sorted values around rank q * (n - 1). A tensor q
 * puts its dim first in the result. A line with a NaN gives NaN. The gradient flows through the
 * sort and the interpolation weights.
 */
export function quantile(
  x: Tensor,
  q: number | Tensor,
  dim?: number | null,
  keepdim = false,
  options?: QuantileOptions,
): Tensor {
  return quantileOf('quantile', x, q, dim, keepdim, options);
}

/** torch.nanquantile: quantile of the values that are not NaN (NaN for a line of NaNs). */
export function nanquantile(
  x: Tensor,
  q: number | Tensor,
  dim?: number | null,
  keepdim = false,
  options?: QuantileOptions,
): Tensor {
  return quantileOf('nanquantile', x, q, dim, keepdim, options);
}
