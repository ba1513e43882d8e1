import { noGrad } from '../autograd/grad-mode.js';
import { broadcastShapes, formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { zeros } from './creation.js';
import { clone } from './convert.js';
import { commonBackend, scalarTensor, wrap } from './dispatch.js';
import { add, lt, mul, where } from './elementwise.js';
import { checkIndexRange } from './index-range.js';
import type { TensorIndex } from './index-spec.js';
import { alongDim, selectAlong } from './indexing.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { sumTo } from './reduce.js';
import { expand, permute, reshape } from './view.js';
import { DTypeError, ShapeError } from '../errors.js';

/**
 * PyTorch's advanced indexing (`x[rows, cols]`, `x[idx]`) and its assignment (`index_put_`),
 * on the view the basic part of the index left. The index tensors broadcast together to one
 * shape B; each picks along its dim (negative counts from the end). Where the result's B dims
 * go is NumPy's and PyTorch's rule: where the indexed dims were when those dims are adjacent,
 * first otherwise (`x[:, i, j]` keeps the leading dim first; `x[i, :, j]` puts B first).
 *
 * Both directions work on one flattened dim: the indexed dims are moved to the front and merged,
 * each index entry becomes one flat position, and the kernels gather (indexSelect) or scatter
 * (set or add) along that dim. IndexBackward0's gradient is an accumulating put, and
 * IndexPutBackward0's gradient to the values is an index: each is written with the other, so
 * gradients of gradients come out right.
 */

/** How one advanced index reads and writes its input. */
export interface IndexPlan {
  /** The shape of the indexed tensor. */
  readonly input: readonly number[];
  /** The indexed dims, increasing. */
  readonly dims: readonly number[];
  /** The other dims, in order. */
  readonly rest: readonly number[];
  /** The broadcast shape of the index tensors. */
  readonly shape: readonly number[];
  /** int32, of `shape`: each entry's flat position within the indexed dims (row-major). */
  readonly linear: Tensor;
  /** Whether the B dims replace the indexed dims in place (they were adjacent) rather than go first. */
  readonly inPlace: boolean;
}

/** Checks the index tensors against `x` and computes the flat positions they pick. */
export function planIndex(op: string, x: Tensor, tensors: readonly TensorIndex[]): IndexPlan {
  commonBackend(op, x, ...tensors.map((t) => t.index));
  for (const { index } of tensors) {
    if (index.dtype !== 'int32') {
      throw new DTypeError(
        `${op}: tensors used as indices must be int32 (PyTorch: long) or bool tensors, got dtype ${index.dtype}`,
      );
    }
  }
  let shape: readonly number[] = tensors[0]!.index.shape;
  try {
    for (const { index } of tensors) shape = broadcastShapes(op, shape, index.shape);
  } catch {
    throw new ShapeError(
      `${op}: shape mismatch: indexing tensors could not be broadcast together with shapes ${tensors.map((t) => formatShape(t.index.shape)).join(', ')}`,
    );
  }
  const dims = tensors.map((t) => t.dim);
  const linear = noGrad(() => {
    let lin: Tensor | null = null;
    for (const { dim, index } of tensors) {
      const size = x.shape[dim]!;
      // In range means -size <= v < size: shifted by size, [0, 2 size).
      checkIndexRange(
        op,
        add(index, size),
        2 * size,
        null,
        (v) => `${op}: index ${v - size} is out of bounds for dimension ${dim} with size ${size}`,
      );
      const normalized = where(lt(index, 0), add(index, size), index);
      lin = lin === null ? normalized : add(mul(lin, size), normalized);
    }
    return expand(lin!, shape);
  });
  const rest = x.shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const inPlace = dims.every((d, i) => i === 0 || d === dims[i - 1]! + 1);
  return { input: x.shape, dims, rest, shape, linear, inPlace };
}

/** The shape of `x[index]`. */
export function indexedShape(p: IndexPlan): number[] {
  const rest = p.rest.map((d) => p.input[d]!);
  if (!p.inPlace) return [...p.shape, ...rest];
  const at = p.dims[0]!;
  return [...rest.slice(0, at), ...p.shape, ...rest.slice(at)];
}

/** The permutation that takes [...B, ...rest] to the result's order (identity when B goes first). */
function placement(p: IndexPlan): number[] {
  const b = p.shape.length;
  const r = p.rest.length;
  const at = p.inPlace ? p.dims[0]! : 0;
  const before = Array.from({ length: at }, (_, i) => b + i);
  const bdims = Array.from({ length: b }, (_, i) => i);
  const after = Array.from({ length: r - at }, (_, i) => b + at + i);
  return [...before, ...bdims, ...after];
}

function inverse(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((q, i) => (inv[q] = i));
  return inv;
}

/** `x` with the indexed dims moved to the front and merged: [prod(indexed sizes), ...rest sizes]. */
function flatIndexed(x: Tensor, p: IndexPlan): Tensor {
  const merged = p.dims.reduce((n, d) => n * p.input[d]!, 1);
  return reshape(permute(x, [...p.dims, ...p.rest]), [merged, ...p.rest.map((d) => p.input[d]!)]);
}

/** The inverse of {@link flatIndexed}. */
function unflatIndexed(flat: Tensor, p: IndexPlan): Tensor {
  const order = [...p.dims, ...p.rest];
  return permute(
    reshape(
      flat,
      order.map((d) => p.input[d]!),
    ),
    inverse(order),
  );
}

/** `x[index]`, recorded as IndexBackward0. */
export function takeIndexed(x: Tensor, p: IndexPlan): Tensor {
  return defineOp(
    'IndexBackward0',
    [x],
    () => {
      const shape = indexedShape(p);
      if (numel(shape) === 0) return zeros(shape, { dtype: x.dtype, device: x.device });
      const rest = p.rest.map((d) => p.input[d]!);
      const picked = selectAlong(flatIndexed(x, p), 0, reshape(p.linear, [-1]));
      return permute(reshape(picked, [...p.shape, ...rest]), placement(p));
    },
    NOTHING_SAVED,
    (g, _s, plan: IndexPlan) => [putIndexed(zeros(plan.input, { dtype: g.dtype, device: g.device }), plan, g, true)],
    p,
  );
}

interface PutAttrs {
  readonly plan: IndexPlan;
  readonly accumulate: boolean;
  readonly values: readonly number[];
}

/**
 * `x` with `values` (of x's dtype, broadcasting to `x[index]`'s shape) written, or added when
 * `accumulate`, at the index: out of place, recorded as IndexPutBackward0.
 */
export function putIndexed(x: Tensor, p: IndexPlan, values: Tensor, accumulate: boolean): Tensor {
  const target = indexedShape(p);
  try {
    broadcastShapes('indexPut', values.shape, target);
    if (values.ndim > target.length) throw new Error('more dims');
  } catch {
    throw new ShapeError(
      `indexPut: shape mismatch: value tensor of shape ${formatShape(values.shape)} cannot be broadcast to indexing result of shape ${formatShape(target)}`,
    );
  }
  const attrs: PutAttrs = { plan: p, accumulate, values: values.shape };
  return defineOp(
    'IndexPutBackward0',
    [x, values],
    () => {
      if (numel(target) === 0) return clone(x);
      const rest = p.rest.map((d) => p.input[d]!);
      const ordered = permute(expand(values, target), inverse(placement(p)));
      const src = reshape(ordered, [numel(p.shape), ...rest]);
      const flat = flatIndexed(x, p);
      const index = alongDim(reshape(p.linear, [-1]), src.shape, 0);
      const backend = x.backend;
      const mode = accumulate ? 'add' : 'assign';
      const out = wrap(backend, backend.kernels.scatter(flat, 0, index, src, mode, x.dtype), flat.shape, x.dtype);
      return unflatIndexed(out, p);
    },
    NOTHING_SAVED,
    (g, _s, a: PutAttrs, needs) => [
      needs[0] !== true ? null : a.accumulate ? g : putIndexed(g, a.plan, scalarTensor(0, g.dtype, g.backend), false),
      needs[1] === true ? sumTo(takeIndexed(g, a.plan), a.values) : null,
    ],
    attrs,
  );
}
