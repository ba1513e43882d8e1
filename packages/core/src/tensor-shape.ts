import type { Tensor, TensorLike } from './tensor.js';
import { ElementwiseMethods } from './tensor-elementwise.js';
import * as ops from './ops/index.js';

/**
 * Tensor methods, part 2 of 2: reductions, linear algebra, shape, slicing, indexing and joins.
 * See tensor-elementwise.ts for why the methods live in a chain of classes.
 */
export class ShapeMethods extends ElementwiseMethods {
  // ---- reductions ---------------------------------------------------------------------------

  /** Sum of all elements, or over `dim` (a dim or a list), keeping reduced dims when `keepdim`. */
  sum(this: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.sum(this, dim, keepdim);
  }
  mean(this: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.mean(this, dim, keepdim);
  }

  // ---- linear algebra -----------------------------------------------------------------------

  matmul(this: Tensor, other: Tensor): Tensor {
    return ops.matmul(this, other);
  }
  // linalg: the fixed-rank products (ops/linalg.ts)
  mm(this: Tensor, other: Tensor): Tensor {
    return ops.mm(this, other);
  }
  bmm(this: Tensor, other: Tensor): Tensor {
    return ops.bmm(this, other);
  }
  mv(this: Tensor, vec: Tensor): Tensor {
    return ops.mv(this, vec);
  }
  dot(this: Tensor, other: Tensor): Tensor {
    return ops.dot(this, other);
  }
  outer(this: Tensor, other: Tensor): Tensor {
    return ops.outer(this, other);
  }
  // end linalg

  // ---- shape --------------------------------------------------------------------------------

  reshape(this: Tensor, ...shape: readonly number[] | [readonly number[]]): Tensor {
    return ops.reshape(this, ops.shapeArgs(shape));
  }
  view(this: Tensor, ...shape: readonly number[] | [readonly number[]]): Tensor {
    return ops.view(this, ops.shapeArgs(shape));
  }
  transpose(this: Tensor, dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  /** Transpose of a tensor of at most 2 dims. */
  t(this: Tensor): Tensor {
    return ops.t(this);
  }
  permute(this: Tensor, ...dims: readonly number[] | [readonly number[]]): Tensor {
    return ops.permute(this, ops.shapeArgs(dims));
  }
  expand(this: Tensor, ...shape: readonly number[] | [readonly number[]]): Tensor {
    return ops.expand(this, ops.shapeArgs(shape));
  }
  unsqueeze(this: Tensor, dim: number): Tensor {
    return ops.unsqueeze(this, dim);
  }
  squeeze(this: Tensor, dim?: number | readonly number[]): Tensor {
    return ops.squeeze(this, dim);
  }
  contiguous(this: Tensor): Tensor {
    return ops.contiguous(this);
  }

  // ---- more reductions, slicing, indexing and joins ----------------------------------------

  /** Product of all elements, or along `dim`. */
  prod(this: Tensor, dim?: number | null, keepdim = false): Tensor {
    return ops.prod(this, dim, keepdim);
  }
  /** The largest element; along `dim`, `{ values, indices }`; with a tensor, `maximum`. */
  max(this: Tensor): Tensor;
  max(this: Tensor, dim: number, keepdim?: boolean): ops.MaxResult;
  max(this: Tensor, other: Tensor): Tensor;
  max(this: Tensor, dim?: number | Tensor, keepdim = false): Tensor | ops.MaxResult {
    if (dim === undefined) return ops.max(this);
    return typeof dim === 'number' ? ops.max(this, dim, keepdim) : ops.maximum(this, dim);
  }
  /** The smallest element; along `dim`, `{ values, indices }`; with a tensor, `minimum`. */
  min(this: Tensor): Tensor;
  min(this: Tensor, dim: number, keepdim?: boolean): ops.MaxResult;
  min(this: Tensor, other: Tensor): Tensor;
  min(this: Tensor, dim?: number | Tensor, keepdim = false): Tensor | ops.MaxResult {
    if (dim === undefined) return ops.min(this);
    return typeof dim === 'number' ? ops.min(this, dim, keepdim) : ops.minimum(this, dim);
  }
  amax(this: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.amax(this, dim, keepdim);
  }
  amin(this: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.amin(this, dim, keepdim);
  }
  argmax(this: Tensor, dim?: number | null, keepdim = false): Tensor {
    return ops.argmax(this, dim, keepdim);
  }
  argmin(this: Tensor, dim?: number | null, keepdim = false): Tensor {
    return ops.argmin(this, dim, keepdim);
  }
  /** Variance with `correction` (default 1), over all elements or `dim`. */
  var(this: Tensor, dim?: number | readonly number[] | null, options?: ops.VarOptions): Tensor {
    return ops.variance(this, dim, options);
  }
  std(this: Tensor, dim?: number | readonly number[] | null, options?: ops.VarOptions): Tensor {
    return ops.std(this, dim, options);
  }
  logsumexp(this: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.logsumexp(this, dim, keepdim);
  }
  norm(this: Tensor, p = 2, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.norm(this, p, dim, keepdim);
  }
  cumsum(this: Tensor, dim: number): Tensor {
    return ops.cumsum(this, dim);
  }
  cumprod(this: Tensor, dim: number): Tensor {
    return ops.cumprod(this, dim);
  }
  all(this: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.all(this, dim, keepdim);
  }
  any(this: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return ops.any(this, dim, keepdim);
  }
  flatten(this: Tensor, startDim = 0, endDim = -1): Tensor {
    return ops.flatten(this, startDim, endDim);
  }
  unflatten(this: Tensor, dim: number, sizes: readonly number[]): Tensor {
    return ops.unflatten(this, dim, sizes);
  }
  expandAs(this: Tensor, other: Tensor): Tensor {
    return ops.expandAs(this, other);
  }
  broadcastTo(this: Tensor, shape: readonly number[]): Tensor {
    return ops.broadcastTo(this, shape);
  }
  repeat(this: Tensor, ...sizes: readonly number[] | [readonly number[]]): Tensor {
    return ops.repeat(this, ops.shapeArgs(sizes));
  }
  tile(this: Tensor, ...dims: readonly number[] | [readonly number[]]): Tensor {
    return ops.tile(this, ops.shapeArgs(dims));
  }
  flip(this: Tensor, ...dims: readonly number[] | [readonly number[]]): Tensor {
    return ops.flip(this, ops.shapeArgs(dims));
  }
  roll(this: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
    return ops.roll(this, shifts, dims);
  }
  /** A view of `length` entries of `dim` from `start`. */
  narrow(this: Tensor, dim: number, start: number, length: number): Tensor {
    return ops.narrow(this, dim, start, length);
  }
  /** A view `x[start:end:step]` along `dim` (Python's rules; step > 0). */
  slice(this: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
    return ops.slice(this, dim, start, end, step);
  }
  /** A view of entry `index` of `dim`, without that dim. */
  select(this: Tensor, dim: number, index: number): Tensor {
    return ops.select(this, dim, index);
  }
  /** PyTorch's `x[1, 1:3, ::2, None, ...]` as `x.index(1, '1:3', '::2', null, '...')`: a view. */
  index(this: Tensor, ...specs: readonly ops.IndexSpec[]): Tensor {
    return ops.index(this, ...specs);
  }
  /** PyTorch's `x[1, 1:3, ::2, None, ...]` as `x.get('1, 1:3, ::2, None, ...')`: a view. */
  get(this: Tensor, expr: string): Tensor {
    return ops.get(this, expr);
  }
  indexSelect(this: Tensor, dim: number, index: Tensor): Tensor {
    return ops.indexSelect(this, dim, index);
  }
  gather(this: Tensor, dim: number, index: Tensor): Tensor {
    return ops.gather(this, dim, index);
  }
  scatter(this: Tensor, dim: number, index: Tensor, src: TensorLike): Tensor {
    return ops.scatter(this, dim, index, src);
  }
  scatterAdd(this: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
    return ops.scatterAdd(this, dim, index, src);
  }
  maskedFill(this: Tensor, mask: Tensor, value: TensorLike): Tensor {
    return ops.maskedFill(this, mask, value);
  }
  split(this: Tensor, splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
    return ops.split(this, splitSizeOrSections, dim);
  }
  chunk(this: Tensor, chunks: number, dim = 0): Tensor[] {
    return ops.chunk(this, chunks, dim);
  }
  tril(this: Tensor, diagonal = 0): Tensor {
    return ops.tril(this, diagonal);
  }
  triu(this: Tensor, diagonal = 0): Tensor {
    return ops.triu(this, diagonal);
  }
}
