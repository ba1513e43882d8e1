import { formatShape, normalizeDim, shapesEqual } from '../shape.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { commonBackend, wrap } from './dispatch.js';
import { mul } from './elementwise.js';
import { alongDim, checkIndexValues, fillValue, gather, selectAlong } from './indexing.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { sum } from './reduce.js';
import { expand, reshape } from './view.js';
import { DTypeError, ShapeError } from '../errors.js';

/**
 * Ops that write whole slices of a dim at a 1-D index (index_add, index_copy, index_fill) and
 * take_along_dim. The index is read along `dim` and repeated over the other dims (stride 0),
 * which is what the scatter and gather kernels take; gradients read the same slices back.
 */

interface AlongAttrs {
  readonly dim: number;
  readonly index: Tensor;
  readonly alpha: number;
}

/** dim, a 1-D in-range int32 index, and source's shape (x's, with `index.numel` along dim). */
function checkAlong(op: string, x: Tensor, dim: number, index: Tensor, source?: Tensor): number {
  commonBackend(op, x, index, ...(source === undefined ? [] : [source]));
  const d = normalizeDim(op, dim, Math.max(x.ndim, 1));
  if (index.ndim > 1)
    throw new ShapeError(`${op}: Index is supposed to be a vector (1-D), got shape ${formatShape(index.shape)}`);
  checkIndexValues(op, index, x.shape[d] ?? 1, d);
  if (source !== undefined) {
    if (source.dtype !== x.dtype) {
      throw new DTypeError(`${op}: self (${x.dtype}) and source (${source.dtype}) must have the same scalar type`);
    }
    const want = x.ndim === 0 ? [] : x.shape.map((s, i) => (i === d ? index.numel() : s));
    const ok = shapesEqual(source.shape, want) || (x.ndim === 0 && source.numel() === 1 && index.numel() === 1);
    if (!ok) {
      throw new ShapeError(
        `${op}: source of shape ${formatShape(source.shape)} does not match: expected ${formatShape(want)} (self's shape with dim ${d} of the index's length ${index.numel()})`,
      );
    }
  }
  return d;
}

/** The scatter kernel writing `src` (of the index's shape along d) into a copy of x. */
function scatterAlong(x: Tensor, d: number, index: Tensor, src: Tensor, mode: 'add' | 'assign'): Tensor {
  const backend = x.backend;
  const idx = alongDim(index, src.shape, d);
  return wrap(backend, backend.kernels.scatter(x, d, idx, src, mode, x.dtype), x.shape, x.dtype);
}

/** torch.index_add (out of place): x with `alpha * source[..., k, ...]` added at `index[k]` along `dim`; repeats accumulate. */
export function indexAdd(x: Tensor, dim: number, index: Tensor, source: Tensor, options?: { alpha?: number }): Tensor {
  const d = checkAlong('indexAdd', x, dim, index, source);
  const alpha = options?.alpha ?? 1;
  return defineOp(
    'IndexAddBackward0',
    [x, source],
    () => scatterAlong(x, d, index, alpha === 1 ? source : mul(source, alpha), 'add'),
    NOTHING_SAVED,
    (g, _s, a: AlongAttrs, needs) => [
      needs[0] === true ? g : null,
      needs[1] === true ? mul(selectAlong(g, a.dim, a.index), a.alpha) : null,
    ],
    { dim: d, index, alpha },
  );
}

/** torch.index_copy (out of place): x with `source[..., k, ...]` written at `index[k]` along `dim`. */
export function indexCopy(x: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  const d = checkAlong('indexCopy', x, dim, index, source);
  return defineOp(
    'IndexCopyBackward0',
    [x, source],
    () => scatterAlong(x, d, index, source, 'assign'),
    NOTHING_SAVED,
    (g, _s, a: AlongAttrs, needs) => [
      needs[0] === true ? indexFill(g, a.dim, a.index, 0) : null,
      needs[1] === true ? selectAlong(g, a.dim, a.index) : null,
    ],
    { dim: d, index, alpha: 1 },
  );
}

/**
 * torch.index_fill (out of place): x with the slices at `index` along `dim` set to `value` (a
 * number, or a 0-d tensor that then gets the sum of those slices' gradient).
 */
export function indexFill(x: Tensor, dim: number, index: Tensor, value: TensorLike): Tensor {
  const d = checkAlong('indexFill', x, dim, index);
  const v = fillValue('indexFill', x, value);
  const shape = x.ndim === 0 ? [] : x.shape.map((s, i) => (i === d ? index.numel() : s));
  const inputs = value instanceof Tensor ? [x, v] : [x];
  return defineOp(
    value instanceof Tensor ? 'IndexFillBackward1' : 'IndexFillBackward0',
    inputs,
    () => scatterAlong(x, d, index, expand(v, shape), 'assign'),
    NOTHING_SAVED,
    (g, _s, a: AlongAttrs, needs) => [
      needs[0] === true ? indexFill(g, a.dim, a.index, 0) : null,
      needs[1] === true ? sum(selectAlong(g, a.dim, a.index)) : null,
    ],
    { dim: d, index, alpha: 1 },
  );
}

/**
 * torch.take_along_dim: `x` gathered at `indices` along `dim`, `x` and `indices` broadcast
 * together off `dim`; without `dim`, both are flattened first.
 */
export function takeAlongDim(x: Tensor, indices: Tensor, dim?: number | null): Tensor {
  commonBackend('takeAlongDim', x, indices);
  if (indices.dtype !== 'int32') {
    throw new DTypeError(
      `takeAlongDim: expected indices to be an int32 tensor (PyTorch: long), got dtype ${indices.dtype}`,
    );
  }
  if (dim === undefined || dim === null) return gather(reshape(x, [-1]), 0, reshape(indices, [-1]));
  if (x.ndim !== indices.ndim) {
    throw new ShapeError(
      `takeAlongDim: input and indices should have the same number of dimensions, but got ${x.ndim} dimensions for input, and ${indices.ndim} dimensions for indices`,
    );
  }
  const d = normalizeDim('takeAlongDim', dim, x.ndim);
  const shape = (own: readonly number[], other: readonly number[]) =>
    own.map((s, i) => {
      if (i === d) return s;
      const o = other[i]!;
      if (s !== o && s !== 1 && o !== 1) {
        throw new ShapeError(
          `takeAlongDim: shapes ${formatShape(x.shape)} and ${formatShape(indices.shape)} cannot be broadcast off dim ${d}: size ${s} does not match ${o} at dimension ${i}`,
        );
      }
      return Math.max(s, o);
    });
  return gather(expand(x, shape(x.shape, indices.shape)), d, expand(indices, shape(indices.shape, x.shape)));
}
