import { promoteTypes } from '../dtype.js';
import { contiguousStrides, formatShape, normalizeDim, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkDtypeOnDevice, commonBackend, wrap } from './dispatch.js';
import { narrow } from './slicing.js';
import { unsqueeze } from './view.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { ShapeError, ValueError } from '../errors.js';

/** Joining and splitting along a dim: cat, stack, split, chunk. */

interface CatAttrs {
  readonly dim: number;
  readonly sizes: readonly number[];
  readonly dtypes: readonly Tensor['dtype'][];
}

/**
 * torch.cat: tensors joined along `dim` (their other sizes must match), in the promoted dtype.
 * The output is one fresh storage that each input is written into at its place.
 *
 * @example
 * ```ts example
 * import { cat, tensor } from '@ag/core';
 *
 * console.log(cat([tensor([1, 2]), tensor([3])]));
 * ```
 *
 * ```text
 * tensor([1., 2., 3.])
 * ```
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('cat: expected a non-empty list of tensors');
  const backend = commonBackend('cat', ...tensors);
  const first = tensors[0]!;
  if (first.ndim === 0) throw new ShapeError('cat: zero-dimensional tensor (at position 0) cannot be concatenated');
  const d = normalizeDim('cat', dim, first.ndim);
  let dtype = first.dtype;
  tensors.forEach((t, i) => {
    if (t.ndim !== first.ndim) {
      throw new ShapeError(
        `cat: tensors must have same number of dimensions: got ${first.ndim} (tensor 0, shape ${formatShape(first.shape)}) and ${t.ndim} (tensor ${i}, shape ${formatShape(t.shape)})`,
      );
    }
    for (let k = 0; k < t.ndim; k++) {
      if (k !== d && t.shape[k] !== first.shape[k]) {
        throw new ShapeError(
          `cat: sizes of tensors must match except in dimension ${d}. Expected size ${first.shape[k]} but got size ${t.shape[k]} for tensor number ${i} in the list (shapes ${formatShape(first.shape)} and ${formatShape(t.shape)})`,
        );
      }
    }
    dtype = promoteTypes(dtype, t.dtype);
  });
  checkDtypeOnDevice('cat', backend, dtype);
  const sizes = tensors.map((t) => t.shape[d]!);
  const shape = first.shape.map((s, k) => (k === d ? sizes.reduce((a, b) => a + b, 0) : s));
  const out = wrap(backend, backend.kernels.fill(numel(shape), 0, dtype), shape, dtype);
  const strides = contiguousStrides(shape);
  let at = 0;
  for (const t of tensors) {
    // A plain View, not a tensor: it must not hold the storage (dispose() frees it at once).
    if (t.numel() > 0)
      backend.kernels.assign({ storage: out.storage, dtype, shape: t.shape, strides, offset: at * strides[d]! }, t);
    at += t.shape[d]!;
  }
  return defineOp('CatBackward0', tensors, out, NOTHING_SAVED, catBackward, {
    dim: d,
    sizes,
    dtypes: tensors.map((t) => t.dtype),
  });
}

function catBackward(g: Tensor, _s: readonly Tensor[], a: CatAttrs, needs: readonly boolean[]): (Tensor | null)[] {
  let at = 0;
  return a.sizes.map((n, i) => {
    const part = needs[i] === true ? narrow(g, a.dim, at, n) : null;
    at += n;
    return part === null || part.dtype === a.dtypes[i] ? part : part.to(a.dtypes[i]!);
  });
}

/**
 * torch.stack: tensors of one shape joined along a new dim.
 *
 * @example
 * ```ts example
 * import { stack, tensor } from '@ag/core';
 *
 * // along a new dim 1: each input becomes a column
 * console.log(stack([tensor([1, 2]), tensor([3, 4])], 1));
 * ```
 *
 * ```text
 * tensor([[1., 3.],
 *         [2., 4.]])
 * ```
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('stack: expected a non-empty list of tensors');
  const first = tensors[0]!;
  const d = normalizeDim('stack', dim, first.ndim + 1);
  tensors.forEach((t, i) => {
    if (t.shape.length !== first.ndim || t.shape.some((s, k) => s !== first.shape[k])) {
      throw new ShapeError(
        `stack: expects each tensor to be equal size, but got ${formatShape(first.shape)} at entry 0 and ${formatShape(t.shape)} at entry ${i}`,
      );
    }
  });
  return defineOp(
    'StackBackward0',
    tensors,
    () =>
      cat(
        tensors.map((t) => unsqueeze(t, d)),
        d,
      ),
    NOTHING_SAVED,
    (g, _s, a: { d: number; n: number; dtypes: readonly Tensor['dtype'][] }, needs) =>
      Array.from({ length: a.n }, (_, i) => {
        if (needs[i] !== true) return null;
        const part = narrow(g, a.d, i, 1).squeeze(a.d);
        return part.dtype === a.dtypes[i] ? part : part.to(a.dtypes[i]!);
      }),
    { d, n: tensors.length, dtypes: tensors.map((t) => t.dtype) },
  );
}

/**
 * torch.split: views of `x` along `dim`, of `splitSize` each (the last may be smaller), or of the
 * listed sizes (which must add up to the dim's size).
 */
export function split(x: Tensor, splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  if (x.ndim === 0) throw new ShapeError('split: cannot split a 0-dim tensor');
  const d = normalizeDim('split', dim, x.ndim);
  const n = x.shape[d]!;
  let sizes: number[];
  if (typeof splitSizeOrSections === 'number') {
    const s = splitSizeOrSections;
    if (!Number.isInteger(s) || s < 0 || (s === 0 && n !== 0))
      throw new ValueError(`split: split_size must be a positive integer, got ${s} (dimension ${d} has size ${n})`);
    sizes = [];
    for (let at = 0; at < n || (n === 0 && sizes.length === 0); at += s) sizes.push(Math.min(s, n - at));
  } else {
    sizes = [...splitSizeOrSections];
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== n || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new ShapeError(
        `split: split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=${formatShape(sizes)}`,
      );
    }
  }
  let at = 0;
  return sizes.map((s) => {
    const part = narrow(x, d, at, s);
    at += s;
    return part;
  });
}

/** torch.chunk: at most `chunks` views along `dim`, each of ceil(size / chunks) (the last smaller). */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0)
    throw new ValueError(`chunk: number of chunks must be a positive integer, got ${chunks}`);
  if (x.ndim === 0) throw new ShapeError('chunk: cannot chunk a 0-dim tensor');
  const d = normalizeDim('chunk', dim, x.ndim);
  const n = x.shape[d]!;
  const size = Math.ceil(n / chunks);
  if (n === 0)
    return split(
      x,
      Array.from({ length: chunks }, () => 0),
      d,
    );
  return split(x, size, d);
}
