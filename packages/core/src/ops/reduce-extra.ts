import { isFloating } from '../dtype.js';
import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { wrap } from './dispatch.js';
import { div, eq, logicalAnd, logicalOr, mul, ne, where } from './elementwise.js';
import { zeros } from './creation.js';
import { gatherOp, scatterAddOp } from './indexing.js';
import { reduceKernel, reduction, sum, type Dims } from './reduce.js';
import { cumprod } from './cumulative.js';
import { flip, flatten } from './reshape-ops.js';
import { pad } from './pad.js';
import { narrow } from './slicing.js';
import { expand, reshape, squeeze, unsqueeze } from './view.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { ShapeError } from '../errors.js';

/** Reductions beyond sum and mean: prod, max/min (values and indices), amax/amin, argmax/argmin, all/any. */

function checkNonEmpty(op: string, x: Tensor, axes: readonly number[]): void {
  if (x.numel() > 0) return;
  const empty = axes.find((a) => x.shape[a] === 0);
  if (empty === undefined && axes.length > 0) return;
  throw new ShapeError(
    axes.length === x.ndim && x.ndim > 0 && empty === undefined
      ? `${op}: expected reduction dim to be specified for input.numel() == 0 (shape ${formatShape(x.shape)})`
      : `${op}: expected reduction dim ${empty ?? ''} to have non-zero size (input shape ${formatShape(x.shape)}); specify a dim of non-zero size`,
  );
}

/** Product of the other elements along `d`, for every element: exclusive cumprods from both ends. */
function productOfOthers(x: Tensor, d: number): Tensor {
  const n = x.shape[d]!;
  // One 1 before the first element along d (pad's pairs run from the last dim).
  const order: number[] = [];
  for (let k = x.ndim - 1; k >= 0; k--) order.push(k === d ? 1 : 0, 0);
  const exclusive = (t: Tensor) => cumprod(pad(narrow(t, d, 0, n - 1), order, { value: 1 }), d);
  return mul(exclusive(x), flip(exclusive(flip(x, d)), d));
}

/** Product of all elements, or along `dim`; ints and bools multiply to int32 (PyTorch: int64). */
export function prod(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  const all = dim === undefined || dim === null;
  const { axes, kept, shape } = reduction('prod', x, all ? null : normalizeDim('prod', dim, x.ndim), keepdim);
  const out = isFloating(x.dtype) ? x.dtype : 'int32';
  const y = reduceKernel('prod', x, axes, kept, shape, out);
  return defineOp(
    all ? 'ProdBackward0' : 'ProdBackward1',
    [x],
    y,
    [x],
    (g, [t], a: { kept: readonly number[] }) => {
      const spread = expand(reshape(g, a.kept), t.shape);
      if (t.numel() === 0) return [mul(spread, 0)];
      if (t.ndim === 0) return [g];
      const others = all ? reshape(productOfOthers(flatten(t), 0), t.shape) : productOfOthers(t, axes[0]!);
      return [mul(spread, others)];
    },
    { kept },
  );
}

export interface MaxResult {
  readonly values: Tensor;
  readonly indices: Tensor;
}

/** max/min along one dim: values and (int32) indices of the first extreme element, as PyTorch. */
function extremeAlong(op: 'max' | 'min', x: Tensor, dim: number, keepdim: boolean): MaxResult {
  const d = normalizeDim(op, dim, x.ndim);
  if (x.ndim === 0)
    return {
      values: defineOp(
        op === 'max' ? 'MaxBackward0' : 'MinBackward0',
        [x],
        () => x,
        NOTHING_SAVED,
        (g) => [g],
        null,
      ),
      indices: zeros([], { dtype: 'int32', device: x.device }),
    };
  if (x.shape[d] === 0)
    throw new ShapeError(
      `${op}: expected reduction dim ${d} to have non-zero size (input shape ${formatShape(x.shape)})`,
    );
  const backend = x.backend;
  const kept = x.shape.map((s, i) => (i === d ? 1 : s));
  const idx = wrap(backend, backend.kernels.argReduce(op === 'max' ? 'argmax' : 'argmin', x, d), kept, 'int32');
  const values = defineOp(
    op === 'max' ? 'MaxBackward0' : 'MinBackward0',
    [x],
    () => {
      const v = gatherOp(x, d, idx);
      return keepdim ? v : squeeze(v, d);
    },
    NOTHING_SAVED,
    (g, _s, a: { input: readonly number[] }) => [
      scatterAddOp(zeros(a.input, { dtype: g.dtype, device: g.device }), d, idx, keepdim ? g : unsqueeze(g, d)),
    ],
    { input: x.shape },
  );
  return { values, indices: keepdim ? idx : squeeze(idx, d) };
}

/** amax/amin (and max()/min() of everything): the gradient is split evenly among tied extremes. */
function extreme(op: 'max' | 'min', name: string, x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  const { axes, kept, shape } = reduction(name, x, dim, keepdim);
  checkNonEmpty(name, x, axes);
  const y = reduceKernel(op, x, axes, kept, shape, x.dtype);
  return defineOp(
    name === 'amax'
      ? 'AmaxBackward0'
      : name === 'amin'
        ? 'AminBackward0'
        : op === 'max'
          ? 'MaxBackward1'
          : 'MinBackward1',
    [x],
    y,
    [x, y],
    (g, [t, out], a: { kept: readonly number[]; axes: readonly number[] }) => {
      const ext = expand(reshape(out.detach(), a.kept), t.shape);
      // The tied extremes share the gradient; a NaN extreme is shared among the NaNs.
      const mask = logicalOr(eq(t, ext), logicalAnd(ne(t, t), ne(ext, ext)));
      const count = sum(mask, a.axes, true);
      return [where(mask, div(expand(reshape(g, a.kept), t.shape), count), 0)];
    },
    { kept, axes },
  );
}

/** torch.max: of all elements; along `dim`, `{ values, indices }`; with a tensor, `maximum`. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): MaxResult;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | MaxResult {
  return dim === undefined ? extreme('max', 'max', x, null, false) : extremeAlong('max', x, dim, keepdim);
}

export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): MaxResult;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | MaxResult {
  return dim === undefined ? extreme('min', 'min', x, null, false) : extremeAlong('min', x, dim, keepdim);
}

export const amax = (x: Tensor, dim?: Dims, keepdim = false): Tensor => extreme('max', 'amax', x, dim, keepdim);
export const amin = (x: Tensor, dim?: Dims, keepdim = false): Tensor => extreme('min', 'amin', x, dim, keepdim);

function argExtreme(op: 'argmax' | 'argmin', x: Tensor, dim: number | null | undefined, keepdim: boolean): Tensor {
  const backend = x.backend;
  if (dim === undefined || dim === null) {
    if (x.numel() === 0)
      throw new ShapeError(
        `${op}: expected reduction dim to be specified for input.numel() == 0 (shape ${formatShape(x.shape)})`,
      );
    const flat = flatten(x);
    const i = wrap(backend, backend.kernels.argReduce(op, flat, 0), [1], 'int32');
    return reshape(i, keepdim ? x.shape.map(() => 1) : []);
  }
  const d = normalizeDim(op, dim, x.ndim);
  if (x.ndim === 0) return zeros([], { dtype: 'int32', device: x.device });
  if (x.shape[d] === 0)
    throw new ShapeError(
      `${op}: expected reduction dim ${d} to have non-zero size (input shape ${formatShape(x.shape)})`,
    );
  const kept = x.shape.map((s, i) => (i === d ? 1 : s));
  const i = wrap(backend, backend.kernels.argReduce(op, x, d), kept, 'int32');
  return keepdim ? i : squeeze(i, d);
}

/** Index (int32) of the largest element, of the flattened tensor or along `dim`. */
export const argmax = (x: Tensor, dim?: number | null, keepdim = false): Tensor =>
  argExtreme('argmax', x, dim, keepdim);
export const argmin = (x: Tensor, dim?: number | null, keepdim = false): Tensor =>
  argExtreme('argmin', x, dim, keepdim);

/** Whether every element (along `dim`) is nonzero: a bool tensor; true for empty. */
export function all(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const { axes, kept, shape } = reduction('all', x, dim, keepdim);
  return ne(reduceKernel('prod', ne(x, 0), axes, kept, shape, 'int32'), 0);
}

/** Whether any element (along `dim`) is nonzero: a bool tensor; false for empty. */
export function any(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const { axes, kept, shape } = reduction('any', x, dim, keepdim);
  return ne(reduceKernel('sum', ne(x, 0), axes, kept, shape, 'int32'), 0);
}
