import { inplace } from '../autograd/inplace.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { indexedShape, planIndex, putIndexed } from './advanced-index.js';
import { copyFrom, to } from './convert.js';
import { commonBackend, scalarTensor } from './dispatch.js';
import { where } from './elementwise.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { sum } from './reduce.js';
import { reshape } from './view.js';
import { applyBasic, readIndexValues, splitExpr, type IndexSpec } from './index-spec.js';
import { ArgumentError, DTypeError } from '../errors.js';

/**
 * Assignment at an index: PyTorch's `x[spec] = v` (`x.set(spec, v)`) and `index_put`.
 * A basic index (integers, ranges, null, '...') writes through the view it names (copy_); an
 * advanced one writes with index_put into the view the basic part leaves (IndexPutBackward0).
 */

/**
 * torch.index_put (out of place): `x` with `values` written (or added, when `accumulate`) at
 * `x[indices]`; `indices` are int32 or bool tensors, one per leading dim they index, and
 * `values` (of x's dtype) broadcast to the shape of `x[indices]`. Repeated indices accumulate
 * when `accumulate`; without it, which write wins is unspecified, as in PyTorch.
 */
export function indexPut(x: Tensor, indices: readonly Tensor[], values: Tensor, accumulate = false): Tensor {
  if (!Array.isArray(indices) || !indices.every((t) => t instanceof Tensor)) {
    throw new ArgumentError(
      'indexPut: expected indices to be an array of Tensors (int32 or bool), one per indexed dim',
    );
  }
  if (!(values instanceof Tensor))
    throw new ArgumentError(`indexPut: expected values to be a Tensor, got ${typeof values}`);
  commonBackend('indexPut', x, values, ...indices);
  if (values.dtype !== x.dtype) {
    throw new DTypeError(
      `indexPut: Index put requires the source and destination dtypes match, got ${x.dtype} for the destination and ${values.dtype} for the source.`,
    );
  }
  const { view, tensors } = applyBasic('indexPut', x, indices, 'x.setAsync(indices, values)');
  if (tensors.length === 0) return accumulate ? x.add(values) : copyFrom(values, x, 'indexPut');
  return putIndexed(view, planIndex('indexPut', view, tensors), values, accumulate);
}

/** The value to write as a tensor of `x`'s dtype (PyTorch converts on assignment). */
function valueFor(op: string, x: Tensor, value: TensorLike): Tensor {
  if (value instanceof Tensor) {
    commonBackend(op, x, value);
    return value.dtype === x.dtype ? value : to(value, x.dtype);
  }
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ArgumentError(`${op}: expected the value to be a Tensor, a number or a boolean, got ${typeof value}`);
  }
  return scalarTensor(value, x.dtype, x.backend);
}

/**
 * PyTorch's `x[spec] = value`, in place: `spec` as {@link get} takes it (`'1:, 0'`) or as a list
 * of what {@link index} takes (`[rows, cols]`, `[mask]`); `value` a number or a tensor that
 * broadcasts to `x[spec]`'s shape, converted to x's dtype. Returns `x`.
 */
export function set(x: Tensor, spec: string | readonly IndexSpec[], value: TensorLike): Tensor {
  return assign(x, typeof spec === 'string' ? splitExpr('set', spec) : specList(spec), value);
}

/** {@link set} on any device: the values a bool mask or a 0-d index holds are read back first. */
export async function setAsync(x: Tensor, spec: string | readonly IndexSpec[], value: TensorLike): Promise<Tensor> {
  const specs = typeof spec === 'string' ? splitExpr('setAsync', spec) : specList(spec);
  return assign(x, await readIndexValues(specs), value);
}

function specList(spec: unknown): readonly IndexSpec[] {
  if (!Array.isArray(spec)) {
    throw new ArgumentError(
      `set: expected the index as a string ('1:, 0') or an array of index entries ([rows, cols]), got ${spec instanceof Tensor ? 'a Tensor (wrap it: [t])' : typeof spec}`,
    );
  }
  return spec as readonly IndexSpec[];
}

function assign(x: Tensor, specs: readonly IndexSpec[], value: TensorLike): Tensor {
  const v = valueFor('set', x, value);
  const asyncForm = 'x.setAsync(spec, value)';
  // A single value needs no mask positions: `x[mask] = 0` runs on every device without reading back.
  let { view, tensors } = applyBasic('set', x, specs, asyncForm, v.ndim === 0);
  if (tensors.length === 1 && tensors[0]!.index.dtype === 'bool') {
    const { dim, index: mask } = tensors[0]!;
    inplace(view, 'set', (s) => fillMasked(s, dim, mask, v));
    return x;
  }
  if (tensors.some((t) => t.index.dtype === 'bool')) ({ view, tensors } = applyBasic('set', x, specs, asyncForm));
  if (tensors.length === 0) {
    inplace(view, 'set', (s) => copyFrom(dropLeadingOnes(v, view.ndim), s, 'set'));
    return x;
  }
  const plan = planIndex('set', view, tensors);
  const fitted = dropLeadingOnes(v, indexedShape(plan).length);
  inplace(view, 'set', (s) => putIndexed(s, plan, fitted, false));
  return x;
}

/** PyTorch's setitem drops a value's leading size-1 dims beyond the target's rank (`x[0] = ones(1, 3)`). */
function dropLeadingOnes(v: Tensor, rank: number): Tensor {
  let lead = 0;
  while (v.ndim - lead > rank && v.shape[lead] === 1) lead++;
  return lead === 0 ? v : reshape(v, v.shape.slice(lead));
}

/** `x` with the 0-d `v` where `mask` (over the dims from `dim`) is true: index_put of one value, IndexPutBackward0. */
function fillMasked(x: Tensor, dim: number, mask: Tensor, v: Tensor): Tensor {
  const shape = x.shape.map((_, i) => (i < dim || i >= dim + mask.ndim ? 1 : mask.shape[i - dim]!));
  const m = reshape(mask, shape);
  return defineOp(
    'IndexPutBackward0',
    [x, v],
    () => where(m, v, x),
    NOTHING_SAVED,
    (g, _s, a: { mask: Tensor }, needs) => [
      needs[0] === true ? where(a.mask, 0, g) : null,
      needs[1] === true ? sum(where(a.mask, g, 0)) : null,
    ],
    { mask: m },
  );
}
