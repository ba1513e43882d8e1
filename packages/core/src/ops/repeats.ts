import { isFloating } from '../dtype.js';
import { hostValues } from '../read.js';
import { formatShape, normalizeDim } from '../shape.js';
import { Tensor } from '../tensor.js';
import { clone } from './convert.js';
import { fromHost, viewOf } from './dispatch.js';
import { indexSelect } from './indexing.js';
import { flip } from './reshape-ops.js';
import { expand, reshape, transpose, unsqueeze } from './view.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/** rot90 and repeatInterleave, composed as PyTorch composes them. */

/**
 * torch.rot90: `k` quarter turns of the plane of `dims`, from the first dim towards the second.
 * As PyTorch: a flip, then an in-place transpose of that flip (TransposeBackward1) for odd k;
 * two flips for k = 2; a copy for k = 0.
 */
export function rot90(x: Tensor, k = 1, dims: readonly number[] = [0, 1]): Tensor {
  if (dims.length !== 2)
    throw new ValueError(`rot90: expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (x.ndim < 2) throw new ShapeError(`rot90: expected total dims >= 2, but got total dims = ${x.ndim}`);
  const [d0, d1] = dims as [number, number];
  if (d0 === d1 || Math.abs(d0 - d1) === x.ndim)
    throw new ValueError(`rot90: expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  if (!Number.isInteger(k)) throw new ValueError(`rot90: k must be an integer, got ${k}`);
  const a = normalizeDim('rot90', d0, x.ndim);
  const b = normalizeDim('rot90', d1, x.ndim);
  const turns = ((k % 4) + 4) % 4;
  if (turns === 0) return clone(x);
  if (turns === 2) return flip(x, [a, b]);
  const f = flip(x, [turns === 1 ? b : a]);
  // The flip is this op's own intermediate: its transpose is the result, not a view of anything
  // the caller holds (PyTorch transposes it in place).
  const perm = f.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  const y = viewOf(
    f,
    perm.map((p) => f.shape[p]!),
    perm.map((p) => f.strides[p]!),
    f.offset,
  );
  return defineOp('TransposeBackward1', [f], y, NOTHING_SAVED, (g) => [transpose(g, a, b)], null);
}

/** The repeat counts of a tensor or an array, checked; a tensor is read on the host. */
function repeatCounts(repeats: Tensor | readonly number[]): number[] {
  if (repeats instanceof Tensor) {
    if (repeats.ndim > 1) throw new ShapeError('repeatInterleave: repeats must be 0-dim or 1-dim tensor');
    if (isFloating(repeats.dtype) || repeats.dtype === 'bool')
      throw new DTypeError(`repeatInterleave: repeats has to be an integer tensor (int32), got ${repeats.dtype}`);
    repeats = Array.from(
      hostValues(
        repeats,
        'repeatInterleave',
        'pass the repeats as an array (`await repeats.toArray()`): the result shape depends on them',
      ),
    );
  }
  if (!repeats.every((r) => Number.isInteger(r) && r >= 0))
    throw new ValueError(`repeatInterleave: repeats can not be negative or fractional, got ${formatShape(repeats)}`);
  return [...repeats];
}

/** 0 repeated counts[0] times, then 1 counts[1] times, ...: filled in one array, not one per count. */
function repeatedIndices(counts: readonly number[]): Int32Array {
  const index = new Int32Array(counts.reduce((a, b) => a + b, 0));
  let at = 0;
  counts.forEach((c, i) => {
    index.fill(i, at, at + c);
    at += c;
  });
  return index;
}

/**
 * torch.repeat_interleave: each element of `x` along `dim` repeated (`x` flattened first when
 * `dim` is left out). `repeats` is one count for all, or one per element (a 1-D int tensor, as
 * in PyTorch, or an array). With only a 1-D int tensor of counts (`repeatInterleave(counts)`),
 * the indices 0, 1, ... each repeated that many times.
 */
export function repeatInterleave(
  x: Tensor,
  repeats?: number | readonly number[] | Tensor,
  dim?: number | null,
): Tensor {
  if (repeats === undefined) {
    if (x.ndim !== 1)
      throw new ShapeError(`repeatInterleave: repeats must be 1-dim, got shape ${formatShape(x.shape)}`);
    const index = repeatedIndices(repeatCounts(x));
    return fromHost(x.backend, index, [index.length], x.dtype);
  }
  const flat = dim === undefined || dim === null;
  const input = flat || x.ndim === 0 ? reshape(x, [-1]) : x;
  const d = flat ? 0 : normalizeDim('repeatInterleave', dim, x.ndim);
  const n = input.shape[d]!;
  if (typeof repeats === 'number') {
    if (!Number.isInteger(repeats) || repeats < 0)
      throw new ValueError(`repeatInterleave: repeats must be a non-negative integer, got ${repeats}`);
    const s = input.shape;
    const spread = expand(unsqueeze(input, d + 1), [...s.slice(0, d + 1), repeats, ...s.slice(d + 1)]);
    return reshape(clone(spread), [...s.slice(0, d), n * repeats, ...s.slice(d + 1)]);
  }
  let counts = repeatCounts(repeats);
  if (counts.length === 1) counts = new Array<number>(n).fill(counts[0]!);
  if (counts.length !== n)
    throw new ShapeError(
      `repeatInterleave: repeats must have the same size as input along dim, but got repeats.size(0) = ${counts.length} and input.size(${d}) = ${n}`,
    );
  const index = repeatedIndices(counts);
  return indexSelect(input, d, fromHost(input.backend, index, [index.length], 'int32'));
}
