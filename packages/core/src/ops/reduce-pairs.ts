import { isFloating } from '../dtype.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add, div, eq, logicalAnd, logicalNot, logicalOr, mul, ne, sqrt, sub, where } from './elementwise.js';
import { mean, reduction, sum, type Dims } from './reduce.js';
import { amax, amin } from './reduce-extra.js';
import { variance, type VarOptions } from './reduce-stats.js';
import { expand, reshape } from './view.js';
import { defineMultiOp } from './multi-output.js';
import { defineOp } from './op-node.js';
import { isnan } from './float-classes.js';
import { DTypeError, ShapeError } from '../errors.js';

/**
 * Reductions with two results, each pair one node as in PyTorch: varMean and stdMean
 * (VarMeanBackward0, StdMeanBackward0; results as PyTorch's tuple, [var, mean]) and aminmax
 * (AminmaxBackward0; `{ min, max }` as PyTorch's named tuple), plus the NaN-skipping nansum and
 * nanmean.
 */

function floatOnly(op: string, x: Tensor): void {
  if (!isFloating(x.dtype))
    throw new DTypeError(
      `${op}: expected a floating point input, got dtype ${x.dtype} (shape ${formatShape(x.shape)}); convert first with .float()`,
    );
}

/** The sum of the terms whose gradient reached the node (one at least does: the node skips its backward otherwise). */
const addPresent = (...terms: (Tensor | null | undefined)[]): Tensor =>
  terms.filter((t): t is Tensor => t !== null && t !== undefined).reduce((a, b) => add(a, b));

/**
 * The gradient of var and mean over `axes` from theirs (kept dims; null where none came):
 * 2 (x - m) gv / divisor + gm / N.
 */
function varMeanGrad(
  x: Tensor,
  axes: readonly number[],
  kept: readonly number[],
  correction: number,
  gv: Tensor | null,
  gm: Tensor | null,
) {
  const n = axes.reduce((p, a) => p * x.shape[a]!, 1);
  const divisor = Math.max(n - correction, 0);
  const spread = (g: Tensor) => expand(reshape(g, kept), x.shape);
  return addPresent(gv && div(mul(mul(sub(x, mean(x, axes, true)), 2), spread(gv)), divisor), gm && div(spread(gm), n));
}

/** torch.var_mean: the variance (with `correction`, default 1) and the mean, as [var, mean]. */
export function varMean(x: Tensor, dim?: Dims, options: VarOptions = {}): [Tensor, Tensor] {
  floatOnly('varMean', x);
  const correction = options.correction ?? 1;
  const keepdim = options.keepdim ?? false;
  const { axes, kept } = reduction('varMean', x, dim, keepdim);
  const [v, m] = defineMultiOp(
    'VarMeanBackward0',
    [x],
    () => [variance(x, axes, { correction, keepdim }), mean(x, axes, keepdim)],
    2,
    () => [x],
    ([gv, gm], [s]) => [varMeanGrad(s!, axes, kept, correction, gv ?? null, gm ?? null)],
  );
  return [v!, m!];
}

/** torch.std_mean: the standard deviation and the mean, as [std, mean]; std's gradient is 0 where it is 0. */
export function stdMean(x: Tensor, dim?: Dims, options: VarOptions = {}): [Tensor, Tensor] {
  floatOnly('stdMean', x);
  const correction = options.correction ?? 1;
  const keepdim = options.keepdim ?? false;
  const { axes, kept } = reduction('stdMean', x, dim, keepdim);
  const [sd, m] = defineMultiOp(
    'StdMeanBackward0',
    [x],
    () => [sqrt(variance(x, axes, { correction, keepdim })), mean(x, axes, keepdim)],
    2,
    (outs) => [x, outs[0]!],
    ([gs, gm], [s, y]) => {
      // d std = d var / (2 std)
      const gv = gs ? where(eq(y!, 0), 0, div(gs, mul(y!, 2))) : null;
      return [varMeanGrad(s!, axes, kept, correction, gv, gm ?? null)];
    },
  );
  return [sd!, m!];
}

export interface AminmaxOptions {
  /** The one dim to reduce (default: all). */
  readonly dim?: number | null;
  readonly keepdim?: boolean;
}

export interface AminmaxResult {
  readonly min: Tensor;
  readonly max: Tensor;
}

/**
 * torch.aminmax: the smallest and largest elements, of all or along `dim`. Each gradient is
 * split evenly among the tied extremes (as amin and amax), a NaN extreme among the NaNs.
 */
export function aminmax(x: Tensor, options: AminmaxOptions = {}): AminmaxResult {
  const dim = options.dim ?? null;
  const keepdim = options.keepdim ?? false;
  const { axes, kept } = reduction('aminmax', x, dim, keepdim);
  if (x.numel() === 0)
    throw new ShapeError(
      `aminmax: cannot compute aminmax over an empty dimension as the operation has no identity (shape ${formatShape(x.shape)})`,
    );
  const [lo, hi] = defineMultiOp(
    'AminmaxBackward0',
    [x],
    () => [amin(x, axes, keepdim), amax(x, axes, keepdim)],
    2,
    (outs) => [x, outs[0]!, outs[1]!],
    ([gLo, gHi], [s, yLo, yHi]) => [
      addPresent(gLo && spreadAmong(s!, yLo!, gLo, axes, kept), gHi && spreadAmong(s!, yHi!, gHi, axes, kept)),
    ],
  );
  return { min: lo!, max: hi! };
}

/** A reduction's gradient `g` shared evenly among the elements equal to its result `y` (or NaN with it). */
function spreadAmong(x: Tensor, y: Tensor, g: Tensor, axes: readonly number[], kept: readonly number[]): Tensor {
  const ext = expand(reshape(y.detach(), kept), x.shape);
  const mask = logicalOr(eq(x, ext), logicalAnd(ne(x, x), ne(ext, ext)));
  return where(mask, div(expand(reshape(g, kept), x.shape), sum(mask, axes, true)), 0);
}

/** torch.nansum: the sum with NaNs taken as 0 (NansumBackward0: no gradient to the NaNs). */
export function nansum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  if (!isFloating(x.dtype)) return sum(x, dim, keepdim);
  const { kept } = reduction('nansum', x, dim, keepdim);
  return defineOp(
    'NansumBackward0',
    [x],
    () => sum(where(isnan(x), 0, x), dim, keepdim),
    [x],
    (g, [s]) => [where(isnan(s), 0, expand(reshape(g, kept), s.shape))],
    null,
  );
}

/** torch.nanmean: the mean of the non-NaN elements (NaN where there are none); as PyTorch, nansum / count. */
export function nanmean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  floatOnly('nanmean', x);
  return div(nansum(x, dim, keepdim), sum(logicalNot(isnan(x)), dim, keepdim));
}
