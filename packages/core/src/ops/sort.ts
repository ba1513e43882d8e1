import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { viewOf, wrap } from './dispatch.js';
import { zeros } from './creation.js';
import { gatherOp } from './indexing.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { narrow } from './slicing.js';
import { contiguous, unsqueeze } from './view.js';
import { IndexError } from '../errors.js';

/** sort, argsort, msort and topk: the `sort` kernel, whose gradient puts each value back where it came from. */

/** Sorted values and where they were, as PyTorch's namedtuple (values, indices); indices are int32. */
export interface SortResult {
  readonly values: Tensor;
  readonly indices: Tensor;
}

export interface SortOptions {
  /**
   * Keep equal elements in their order. Every sort here is stable, so this changes nothing but
   * the grad_fn name, as in PyTorch (SortBackward1 when given).
   */
  readonly stable?: boolean;
}

/** The kernel along `d`, outside the graph: values of x's dtype and int32 positions, both of x's shape. */
export function sortKernel(x: Tensor, d: number, descending: boolean): [Tensor, Tensor] {
  const backend = x.backend;
  // A 0-d tensor sorts as one element.
  const v = x.ndim === 0 ? viewOf(x, [1], [1], x.offset) : x;
  const [values, indices] = backend.kernels.sort(v, d, descending);
  return [wrap(backend, values, x.shape, x.dtype), wrap(backend, indices, x.shape, 'int32')];
}

/**
 * A copy of `base` with `src` written at `index` along `d`: the scatter kernel, outside the graph
 * and without the public scatter's index checks (the callers build their indices in range). Where
 * an index repeats, which value wins is unspecified.
 */
export function assignAlong(base: Tensor, d: number, index: Tensor, src: Tensor): Tensor {
  const backend = base.backend;
  const v = (t: Tensor) => (t.ndim === 0 ? viewOf(t, [1], [1], t.offset) : t);
  return wrap(
    backend,
    backend.kernels.scatter(v(base), d, v(index), v(src), 'assign', base.dtype),
    base.shape,
    base.dtype,
  );
}

/**
 * Zeros of `shape` with `src` written at `index` along `d` (positions distinct along d): the
 * gradient of taking values at those positions. Its own gradient gathers them back, so double
 * backward works. A scatter with assignment, which every backend does in one pass per element
 * (a scatter-add on WebGPU walks every position of the line for each output).
 */
export function placeAlong(src: Tensor, shape: readonly number[], d: number, index: Tensor): Tensor {
  const y = assignAlong(zeros(shape, { dtype: src.dtype, device: src.device }), d, index, src);
  return defineOp('ScatterBackward0', [src], y, NOTHING_SAVED, (g) => [gatherOp(g, d, index)], null);
}

/**
 * `values` (x's values at `index` along `d`, computed by the caller, with dim d dropped or kept)
 * recorded as node `name`, whose gradient writes into x's positions: PyTorch's
 * value_selecting_reduction_backward.
 */
export function selected(name: string, x: Tensor, values: Tensor | (() => Tensor), d: number, index: Tensor): Tensor {
  // Without keepdim the gradient lacks dim d, which `index` keeps.
  const back = (g: Tensor) => placeAlong(g.ndim < index.ndim ? unsqueeze(g, d) : g, x.shape, d, index);
  return defineOp(name, [x], values, NOTHING_SAVED, (g) => [back(g)], null);
}

/**
 * torch.sort: the values along `dim` (default the last) in ascending order, or descending, and
 * their int32 positions. Equal values keep their order; NaN sorts as the largest value.
 */
export function sort(x: Tensor, dim = -1, descending = false, options?: SortOptions): SortResult {
  const d = normalizeDim('sort', dim, x.ndim);
  const [values, indices] = sortKernel(x, d, descending);
  const name = options?.stable === undefined ? 'SortBackward0' : 'SortBackward1';
  return { values: selected(name, x, values, d, indices), indices };
}

/** torch.argsort: the int32 positions that sort `x` along `dim`. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- `options` only names the grad_fn of sort, and argsort has none
export function argsort(x: Tensor, dim = -1, descending = false, options?: SortOptions): Tensor {
  return sortKernel(x, normalizeDim('argsort', dim, x.ndim), descending)[1];
}

/** torch.msort: `x` sorted along its first dim, ascending (values only). */
export function msort(x: Tensor): Tensor {
  return sort(x, 0).values;
}

/**
 * torch.topk: the `k` largest (or, with `largest` false, smallest) values along `dim` and their
 * positions, largest first. `sorted` is accepted for PyTorch's signature: the values always come
 * sorted (PyTorch leaves the order unspecified without it). NaN counts as the largest value.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- `sorted`: PyTorch's parameter, always honoured
export function topk(x: Tensor, k: number, dim = -1, largest = true, sorted = true): SortResult {
  const d = normalizeDim('topk', dim, x.ndim);
  const n = x.ndim === 0 ? 1 : x.shape[d]!;
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new IndexError(
      `topk: selected index k out of range: k = ${k} for dim ${d} of size ${n} (input ${formatShape(x.shape)})`,
    );
  }
  const [all, positions] = sortKernel(x, d, largest);
  const first = (t: Tensor) => (x.ndim === 0 || k === n ? t : contiguous(narrow(t, d, 0, k)));
  const indices = first(positions);
  return { values: selected('TopkBackward0', x, () => first(all), d, indices), indices };
}
