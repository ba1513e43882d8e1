import {
  contiguousStrides,
  formatShape,
  inferShape,
  normalizeDim,
  normalizeDims,
  shapesEqual,
  viewStrides,
} from '../shape.js';
import type { Tensor } from '../tensor.js';
import { viewOp, viewOf, wrap } from './dispatch.js';
import { sumTo } from './reduce.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * View ops: new shape, strides and offset over the same storage, no copy (except `reshape` and
 * `contiguous`, which copy when no view can express the result). Their gradients are views too.
 */

/** `f(2, 3)` and `f([2, 3])` both mean the shape [2, 3]. */
export function shapeArgs(args: readonly number[] | [readonly number[]]): readonly number[] {
  const first = args[0];
  return typeof first === 'object' ? first : (args as readonly number[]);
}

interface ShapeAttrs {
  readonly input: readonly number[];
}

const reshapeBack = (g: Tensor, _s: readonly Tensor[], a: ShapeAttrs) => [reshape(g, a.input)];

/** A view with a new shape; throws when the layout cannot be viewed so (use reshape). */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('view', shape, x.numel());
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides === null) {
    throw new ShapeError(
      `view: size ${formatShape(target)} is not compatible with input tensor's size ${formatShape(x.shape)} and stride ` +
        `${formatShape(x.strides)} (at least one dimension spans across two contiguous subspaces). Use .reshape() instead.`,
    );
  }
  return defineOp('ViewBackward0', [x], viewOp(x, target, strides, x.offset), NOTHING_SAVED, reshapeBack, {
    input: x.shape,
  });
}

/** A tensor with a new shape: a view when possible, else a contiguous copy. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('reshape', shape, x.numel());
  if (shapesEqual(target, x.shape)) return x;
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides !== null)
    return defineOp('ViewBackward0', [x], viewOp(x, target, strides, x.offset), NOTHING_SAVED, reshapeBack, {
      input: x.shape,
    });
  const copy = contiguousCopy(x);
  return defineOp(
    'UnsafeViewBackward0',
    [x],
    viewOf(copy, target, contiguousStrides(target), 0),
    NOTHING_SAVED,
    reshapeBack,
    { input: x.shape },
  );
}

function contiguousCopy(x: Tensor): Tensor {
  const backend = x.backend;
  return wrap(backend, backend.kernels.copy(x, x.dtype), x.shape, x.dtype);
}

/** A contiguous tensor with the same values: `x` itself when already contiguous. */
export function contiguous(x: Tensor): Tensor {
  if (x.isContiguous()) return x;
  return defineOp('CloneBackward0', [x], contiguousCopy(x), NOTHING_SAVED, (g) => [g], null);
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim('transpose', dim0, x.ndim);
  const b = normalizeDim('transpose', dim1, x.ndim);
  if (x.ndim < 2 || a === b)
    return x.ndim === 0
      ? x
      : defineOp('TransposeBackward0', [x], viewOp(x, x.shape, x.strides, x.offset), NOTHING_SAVED, (g) => [g], null);
  const perm = x.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return defineOp('TransposeBackward0', [x], permuted(x, perm), NOTHING_SAVED, (g) => [transpose(g, a, b)], null);
}

/** `t()`: transposes a tensor of at most 2 dims. */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2)
    throw new ShapeError(
      `t: expects a tensor with <= 2 dimensions, but got ${x.ndim}D (shape ${formatShape(x.shape)}); use transpose()`,
    );
  if (x.ndim < 2)
    return defineOp('TBackward0', [x], viewOp(x, x.shape, x.strides, x.offset), NOTHING_SAVED, (g) => [g], null);
  return defineOp('TBackward0', [x], permuted(x, [1, 0]), NOTHING_SAVED, (g) => [t(g)], null);
}

function permuted(x: Tensor, perm: readonly number[]): Tensor {
  return viewOp(
    x,
    perm.map((p) => x.shape[p]!),
    perm.map((p) => x.strides[p]!),
    x.offset,
  );
}

export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw new ShapeError(
      `permute: number of dims don't match: the tensor has ${x.ndim} dims, permute got ${dims.length} (${formatShape(dims)})`,
    );
  }
  const perm = dims.map((d) => normalizeDim('permute', d, x.ndim));
  if (new Set(perm).size !== perm.length) throw new ValueError(`permute: repeated dim in ${formatShape(dims)}`);
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return defineOp('PermuteBackward0', [x], permuted(x, perm), NOTHING_SAVED, (g) => [permute(g, inverse)], null);
}

/** PyTorch's `x.T`: every dim reversed, a view (a permute, PermuteBackward0). */
export function reverseDims(x: Tensor): Tensor {
  return permute(
    x,
    x.shape.map((_, i) => x.ndim - 1 - i),
  );
}

/** PyTorch's `x.mT`: the last two dims swapped, a view of a matrix or a batch of them. */
export function matrixTranspose(x: Tensor): Tensor {
  if (x.ndim < 2) {
    throw new ShapeError(
      `mT: tensor.mT is only supported on matrices or batches of matrices. Got ${x.ndim}-D tensor (shape ${formatShape(x.shape)}).`,
    );
  }
  return transpose(x, -2, -1);
}

/** A broadcast view: size-1 dims (and new leading dims) repeat with stride 0; -1 keeps a size. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim) {
    throw new ShapeError(
      `expand: the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`,
    );
  }
  const lead = shape.length - x.ndim;
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead]! : d));
  const strides = target.map((d, i) => {
    if (i < lead) {
      if (d < 0)
        throw new ShapeError(`expand: the expanded size ${d} is not allowed in a leading, non-existing dimension`);
      return 0;
    }
    const own = x.shape[i - lead]!;
    if (own === d) return x.strides[i - lead]!;
    if (own !== 1) {
      throw new ShapeError(
        `expand: the expanded size of the tensor (${d}) must match the existing size (${own}) at non-singleton dimension ${i}. ` +
          `Target sizes: ${formatShape(shape)}. Tensor sizes: ${formatShape(x.shape)}`,
      );
    }
    return 0;
  });
  if (shapesEqual(target, x.shape)) return x;
  return defineOp(
    'ExpandBackward0',
    [x],
    viewOp(x, target, strides, x.offset),
    NOTHING_SAVED,
    (g, _s, a: ShapeAttrs) => [sumTo(g, a.input)],
    { input: x.shape },
  );
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  const shape = [...x.shape.slice(0, d), 1, ...x.shape.slice(d)];
  const stride = d < x.ndim ? x.strides[d]! * x.shape[d]! : 1;
  const strides = [...x.strides.slice(0, d), stride, ...x.strides.slice(d)];
  return defineOp(
    'UnsqueezeBackward0',
    [x],
    viewOp(x, shape, strides, x.offset),
    NOTHING_SAVED,
    (g) => [squeeze(g, d)],
    null,
  );
}

/** Removes size-1 dims: all of them, or those in `dim` (other sizes there are left alone). */
export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const dims = dim === undefined ? x.shape.map((_, i) => i) : normalizeDims('squeeze', dim, x.ndim);
  const keep = x.shape.map((d, i) => !(d === 1 && dims.includes(i)));
  if (keep.every(Boolean)) return x;
  const shape = x.shape.filter((_, i) => keep[i]);
  const strides = x.strides.filter((_, i) => keep[i]);
  const name = dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1';
  return defineOp(
    name,
    [x],
    viewOp(x, shape, strides, x.offset),
    NOTHING_SAVED,
    (g, _s, a: ShapeAttrs) => [reshape(g, a.input)],
    { input: x.shape },
  );
}
