import { formatShape, normalizeDim } from '../shape.js';
import { Tensor } from '../tensor.js';
import type { TensorLike } from '../tensor.js';
import { checkIndexRange } from './index-range.js';
import { commonBackend, scalarTensor, viewOf, wrap } from './dispatch.js';
import { where } from './elementwise.js';
import { zeros } from './creation.js';
import { pad } from './pad.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { scatterReduce } from './scatter-reduce.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * Indexing by tensors of int32 indices (PyTorch uses int64): gather, scatter, scatterAdd,
 * indexSelect, maskedFill. Index values are checked against the sizes on the host where the
 * device keeps values there (the CPU), on the device where it can check them (WebGPU: the next
 * read throws), as `checkIndexRange` says.
 */

/** Throws PyTorch's message when an index value is outside [0, size). */
export function checkIndexValues(op: string, index: Tensor, size: number, dim: number): void {
  if (index.dtype !== 'int32') {
    throw new DTypeError(`${op}: expected index to be an int32 tensor (PyTorch: int64), got dtype ${index.dtype}`);
  }
  checkIndexRange(
    op,
    index,
    size,
    null,
    (v) => `${op}: index ${v} is out of bounds for dimension ${dim} with size ${size}`,
  );
}

/** gather/scatter's shape rule: same rank, and index no larger than `x` (and `src`) off `dim`. */
export function checkIndexShape(op: string, x: Tensor, dim: number, index: Tensor, src?: Tensor): void {
  if (index.ndim !== x.ndim && !(index.ndim <= 1 && x.ndim <= 1)) {
    throw new ShapeError(
      `${op}: index tensor must have the same number of dimensions as input tensor: index is ${formatShape(index.shape)}, input is ${formatShape(x.shape)}`,
    );
  }
  for (let d = 0; d < index.ndim; d++) {
    if (d !== dim && index.shape[d]! > (x.shape[d] ?? 1)) {
      throw new ShapeError(
        `${op}: size of index ${formatShape(index.shape)} must not exceed input size ${formatShape(x.shape)} at dimension ${d} (except at dim ${dim})`,
      );
    }
    if (src !== undefined && index.shape[d]! > (src.shape[d] ?? 1)) {
      throw new ShapeError(
        `${op}: size of index ${formatShape(index.shape)} must not exceed src size ${formatShape(src.shape)} at dimension ${d}`,
      );
    }
  }
}

interface IndexAttrs {
  readonly dim: number;
  readonly index: Tensor;
  readonly input: readonly number[];
  readonly src: readonly number[];
}

/** gather without checks: `index` has x's rank and in-range values. */
export function gatherOp(x: Tensor, dim: number, index: Tensor): Tensor {
  const backend = x.backend;
  const y = wrap(backend, backend.kernels.gather(x, dim, index, x.dtype), index.shape, x.dtype);
  return defineOp(
    'GatherBackward0',
    [x],
    y,
    NOTHING_SAVED,
    (g, _s, a: IndexAttrs) => [scatterAddOp(zeros(a.input, { dtype: g.dtype, device: g.device }), a.dim, a.index, g)],
    {
      dim,
      index,
      input: x.shape,
      src: index.shape,
    },
  );
}

/** scatterAdd without checks. */
export function scatterAddOp(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const backend = x.backend;
  const y = wrap(backend, backend.kernels.scatter(x, dim, index, src, 'add', x.dtype), x.shape, x.dtype);
  return defineOp(
    'ScatterAddBackward0',
    [x, src],
    y,
    NOTHING_SAVED,
    (g, _s, a: IndexAttrs, needs) => [
      needs[0] === true ? g : null,
      needs[1] === true ? growTo(gatherOp(g, a.dim, a.index), a.src) : null,
    ],
    { dim, index, input: x.shape, src: src.shape },
  );
}

/** Zero-pads a gradient of index's shape up to a larger src's shape. */
export function growTo(g: Tensor, shape: readonly number[]): Tensor {
  if (g.shape.every((d, i) => d === shape[i])) return g;
  const pads: number[] = [];
  for (let d = g.ndim - 1; d >= 0; d--) pads.push(0, shape[d]! - g.shape[d]!);
  return pad(g, pads);
}

/** torch.gather: out[i][j] = x[i][index[i][j]] (dim 1), index int32 of x's rank. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  commonBackend('gather', x, index);
  const d = normalizeDim('gather', dim, x.ndim);
  checkIndexShape('gather', x, d, index);
  checkIndexValues('gather', index, x.shape[d] ?? 1, d);
  return gatherOp(x, d, index);
}

/** src as a tensor of x's dtype: a number becomes a stride-0 view of index's shape. */
function source(op: string, x: Tensor, index: Tensor, src: TensorLike): Tensor {
  if (src instanceof Tensor) {
    if (src.dtype !== x.dtype)
      throw new DTypeError(`${op}: expected self.dtype to be equal to src.dtype, got ${x.dtype} and ${src.dtype}`);
    return src;
  }
  const s = scalarTensor(src, x.dtype, x.backend);
  return viewOf(
    s,
    index.shape,
    index.shape.map(() => 0),
    s.offset,
  );
}

/** torch.scatter_add (out of place): `x` with each src value added at its index along `dim`. */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  commonBackend('scatterAdd', x, index, src);
  const d = normalizeDim('scatterAdd', dim, x.ndim);
  const s = source('scatterAdd', x, index, src);
  checkIndexShape('scatterAdd', x, d, index, s);
  checkIndexValues('scatterAdd', index, x.shape[d] ?? 1, d);
  return scatterAddOp(x, d, index, s);
}

export interface ScatterOptions {
  /** Adds (`add`) or multiplies (`multiply`) src into x instead of writing it: scatterReduce's sum or prod with x included. */
  readonly reduce?: 'add' | 'multiply';
}

/**
 * torch.scatter (out of place): `x` with each src value (or `value`) written at its index along
 * `dim`. Where an index repeats, which value wins is unspecified, as in PyTorch.
 */
export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorLike, options: ScatterOptions = {}): Tensor {
  commonBackend('scatter', x, index, src);
  const d = normalizeDim('scatter', dim, x.ndim);
  const s = source('scatter', x, index, src);
  checkIndexShape('scatter', x, d, index, s);
  checkIndexValues('scatter', index, x.shape[d] ?? 1, d);
  const reduce = options.reduce;
  if (reduce !== undefined) {
    if (reduce !== 'add' && reduce !== 'multiply') {
      throw new ValueError(`scatter: reduce argument must be either 'add' or 'multiply', got '${String(reduce)}'`);
    }
    return scatterReduce(x, d, index, s, reduce === 'add' ? 'sum' : 'prod');
  }
  const backend = x.backend;
  const y = wrap(backend, backend.kernels.scatter(x, d, index, s, 'assign', x.dtype), x.shape, x.dtype);
  const inputs = src instanceof Tensor ? [x, s] : [x];
  const name = src instanceof Tensor ? 'ScatterBackward0' : 'ScatterBackward1';
  return defineOp(
    name,
    inputs,
    y,
    NOTHING_SAVED,
    (g, _s, a: IndexAttrs, needs) => [
      needs[0] === true ? scatter(g, a.dim, a.index, 0) : null,
      needs[1] === true ? growTo(gatherOp(g, a.dim, a.index), a.src) : null,
    ],
    { dim: d, index, input: x.shape, src: s.shape },
  );
}

/** torch.index_select: the entries of `x` at `index` (1-D int32) along `dim`. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  commonBackend('indexSelect', x, index);
  const d = normalizeDim('indexSelect', dim, x.ndim);
  if (index.ndim > 1)
    throw new ShapeError(
      `indexSelect: index must be a vector (1-D) or a scalar, got shape ${formatShape(index.shape)}`,
    );
  checkIndexValues('indexSelect', index, x.shape[d] ?? 1, d);
  return selectAlong(x, d, index);
}

/**
 * A 1-D (or 0-d) index as the index tensor gather/scatter read for `shape` (whose size along
 * `d` is the index's length): the index along `d`, repeated (stride 0) along the other dims.
 */
export function alongDim(index: Tensor, shape: readonly number[], d: number): Tensor {
  const stride = index.ndim === 0 ? 0 : index.strides[0]!;
  return viewOf(
    index,
    shape,
    shape.map((_, i) => (i === d ? stride : 0)),
    index.offset,
  );
}

/** indexSelect without checks: the index is broadcast (stride 0) over the other dims and gathered. */
export function selectAlong(x: Tensor, d: number, index: Tensor): Tensor {
  const n = index.numel();
  const shape = x.ndim === 0 ? [] : x.shape.map((s, i) => (i === d ? n : s));
  const expanded = alongDim(index, shape, d);
  const backend = x.backend;
  const y = wrap(backend, backend.kernels.gather(x, d, expanded, x.dtype), shape, x.dtype);
  return defineOp(
    'IndexSelectBackward0',
    [x],
    y,
    NOTHING_SAVED,
    (g, _s, a: IndexAttrs) => [scatterAddOp(zeros(a.input, { dtype: g.dtype, device: g.device }), a.dim, a.index, g)],
    {
      dim: d,
      index: expanded,
      input: x.shape,
      src: shape,
    },
  );
}

/** torch.masked_fill: `value` where `mask` (bool, broadcast to x's shape) is true, else x. */
export function maskedFill(x: Tensor, mask: Tensor, value: TensorLike): Tensor {
  commonBackend('maskedFill', x, mask, value);
  if (mask.dtype !== 'bool')
    throw new DTypeError(`maskedFill: expected mask to be a bool tensor, got dtype ${mask.dtype}`);
  const shapeOk = mask.ndim <= x.ndim && mask.shape.every((s, i) => s === 1 || s === x.shape[x.ndim - mask.ndim + i]);
  if (!shapeOk)
    throw new ShapeError(
      `maskedFill: mask of shape ${formatShape(mask.shape)} cannot be broadcast to the input's shape ${formatShape(x.shape)}`,
    );
  return where(mask, fillValue('maskedFill', x, value), x);
}

/** A fill op's value as a 0-d tensor of x's dtype: a number, or a 0-d tensor (which then gets a gradient). */
export function fillValue(op: string, x: Tensor, value: TensorLike): Tensor {
  if (!(value instanceof Tensor)) return scalarTensor(value, x.dtype, x.backend);
  if (value.ndim !== 0) {
    throw new ShapeError(
      `${op}: only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s)`,
    );
  }
  return value.dtype === x.dtype ? value : value.to(x.dtype);
}
