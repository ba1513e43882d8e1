import type { ReduceOp } from '../backend/primitives.js';
import type { DType } from '../dtype.js';
import { isFloating } from '../dtype.js';
import { normalizeDims, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { wrap } from './dispatch.js';
import { div } from './elementwise.js';
import { expand, reshape } from './view.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { DTypeError } from '../errors.js';

export type Dims = number | readonly number[] | null | undefined;

/** The reduced axes (all when `dim` is absent) and the shapes with and without them kept. */
export function reduction(op: string, x: Tensor, dim: Dims, keepdim: boolean) {
  const axes = dim === null || dim === undefined ? x.shape.map((_, i) => i) : normalizeDims(op, dim, x.ndim);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const shape = keepdim ? kept : x.shape.filter((_, i) => !axes.includes(i));
  return { axes, kept, shape };
}

/** Runs a reduce primitive; the kernel keeps reduced dims, a view drops them. */
export function reduceKernel(
  op: ReduceOp,
  x: Tensor,
  axes: readonly number[],
  kept: readonly number[],
  shape: readonly number[],
  out: DType,
): Tensor {
  const backend = x.backend;
  const r = wrap(backend, backend.kernels.reduce(op, x, axes, out), kept, out);
  return shapesEqual(kept, shape) ? r : reshape(r, shape);
}

/** Broadcasts a reduction's gradient back over the reduced dims. */
function spread(g: Tensor, kept: readonly number[], inputShape: readonly number[]): Tensor {
  return expand(reshape(g, kept), inputShape);
}

interface ReduceAttrs {
  readonly kept: readonly number[];
  readonly input: readonly number[];
  readonly count: number;
}

/**
 * Sum over all elements or over `dim`; bool and int sum to int32 (PyTorch: int64).
 *
 * @example
 * ```ts example
 * import { sum, tensor } from '@ag/core';
 *
 * const x = tensor([[1, 2], [3, 4]]);
 * console.log(sum(x), sum(x, 0), sum(x, 1, true).shape);
 * ```
 *
 * ```text
 * tensor(10.) tensor([4., 6.]) [ 2, 1 ]
 * ```
 */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const { axes, kept, shape } = reduction('sum', x, dim, keepdim);
  const out = isFloating(x.dtype) ? x.dtype : 'int32';
  const y = reduceKernel('sum', x, axes, kept, shape, out);
  const name = dim === null || dim === undefined ? 'SumBackward0' : 'SumBackward1';
  return defineOp(name, [x], y, NOTHING_SAVED, (g, _s, a: ReduceAttrs) => [spread(g, a.kept, a.input)], {
    kept,
    input: x.shape,
    count: 0,
  });
}

/** Mean over all elements or over `dim`; floating dtypes only, as in PyTorch. */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  if (!isFloating(x.dtype)) {
    throw new DTypeError(
      `mean: could not infer output dtype. Input dtype must be a floating point dtype, got ${x.dtype}; convert first with .float()`,
    );
  }
  const { axes, kept, shape } = reduction('mean', x, dim, keepdim);
  let count = 1;
  for (const a of axes) count *= x.shape[a]!;
  const total = reduceKernel('sum', x, axes, kept, shape, x.dtype);
  const y = div(total, count);
  const name = dim === null || dim === undefined ? 'MeanBackward0' : 'MeanBackward1';
  return defineOp(name, [x], y, NOTHING_SAVED, (g, _s, a: ReduceAttrs) => [div(spread(g, a.kept, a.input), a.count)], {
    kept,
    input: x.shape,
    count,
  });
}

/**
 * Sums a broadcast gradient down to `shape` (the inverse of broadcasting): over the leading dims
 * broadcasting added and the dims where `shape` has size 1.
 */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  const s = dims.length === 0 ? g : sum(g, dims, true);
  return shapesEqual(s.shape, shape) ? s : reshape(s, shape);
}
