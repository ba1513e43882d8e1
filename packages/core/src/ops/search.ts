import { resultType } from '../dtype.js';
import { formatShape, shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';
import { zeros } from './creation.js';
import { scalarTensor, commonBackend } from './dispatch.js';
import { ge, logicalAnd, logicalNot, lt, sub, where } from './elementwise.js';
import { cumsum } from './cumulative.js';
import { gatherOp } from './indexing.js';
import { cat } from './join.js';
import { narrow } from './slicing.js';
import { reshape } from './view.js';
import { assignAlong, sortKernel } from './sort.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * searchsorted and bucketize as a merge: each line of values is put beside its line of the
 * sorted sequence and the two are sorted together (stable, so for 'left' the values go first
 * and precede equal boundaries, for 'right' after). The answer for a value is the number of
 * boundaries before it in the merged line: an exclusive cumulative count, written back to the
 * value's place. O((n + m) log(n + m)) per line with the sort kernel, on the device.
 */

export interface SearchSortedOptions {
  /** Accepted for PyTorch's signature: indices are always int32 here. */
  readonly outInt32?: boolean;
  /** The last position an equal value could go (default false: the first). */
  readonly right?: boolean;
  /** 'left' or 'right', as `right` false or true; both given must agree. */
  readonly side?: 'left' | 'right';
  /** int32 positions that sort an unsorted `sortedSequence` along its last dim; results index the sorted order. */
  readonly sorter?: Tensor;
}

function sideOf(options: SearchSortedOptions | undefined): boolean {
  const side = options?.side;
  if (side !== undefined && side !== 'left' && side !== 'right') {
    throw new ValueError(`searchsorted: side can only be 'left' or 'right', got '${String(side)}'`);
  }
  if (side === 'left' && options?.right === true) {
    throw new ValueError(
      "searchsorted: side and right can't be set to opposites, got side of left while right was True",
    );
  }
  return side === 'right' || options?.right === true;
}

/**
 * torch.searchsorted: for each value, the index where it would go into the last dim of
 * `sortedSequence` to keep it sorted (the first such index, or with `right` the last). A 1-D
 * sequence serves values of any shape; otherwise its leading dims match the values'.
 */
export function searchsorted(sortedSequence: Tensor, values: Tensor | number, options?: SearchSortedOptions): Tensor {
  const right = sideOf(options);
  commonBackend('searchsorted', sortedSequence, values);
  const v =
    values instanceof Tensor
      ? values
      : scalarTensor(values, resultType(sortedSequence, values), sortedSequence.backend);
  const seq = sortedSequence;
  if (seq.ndim === 0) throw new ShapeError('searchsorted: boundaries tensor should have 1 dimension or more, got 0');
  const leading = seq.shape.slice(0, -1);
  if (seq.ndim > 1 && (v.ndim !== seq.ndim || !shapesEqual(leading, v.shape.slice(0, -1)))) {
    throw new ShapeError(
      `searchsorted: boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${formatShape(seq.shape)} and input value tensor ${formatShape(v.shape)}`,
    );
  }
  if (!(values instanceof Tensor) && seq.ndim !== 1) {
    throw new ShapeError(
      `searchsorted: input value can be a scalar only when boundaries tensor dimension is 1, but we got boundaries tensor dim(${seq.ndim})`,
    );
  }
  const m = seq.shape[seq.ndim - 1]!;
  const rows = leading.reduce((a, b) => a * b, 1);
  let boundaries = reshape(seq, [rows, m]);
  const sorter = options?.sorter;
  if (sorter !== undefined) {
    if (sorter.dtype !== 'int32' || !shapesEqual(sorter.shape, seq.shape)) {
      throw new (sorter.dtype !== 'int32' ? DTypeError : ShapeError)(
        `searchsorted: sorter must be an int32 tensor of the boundaries' shape ${formatShape(seq.shape)}, got ${sorter.dtype} ${formatShape(sorter.shape)}`,
      );
    }
    boundaries = gatherOp(boundaries, 1, reshape(sorter, [rows, m]));
  }
  const n = rows === 0 ? 0 : v.numel() / rows;
  const dtype = resultType(seq, v);
  const vals = reshape(v.to(dtype), [rows, n]);
  const merged = right ? cat([boundaries.to(dtype), vals], 1) : cat([vals, boundaries.to(dtype)], 1);
  const order = sortKernel(merged, 1, false)[1];
  // Where values sit in the merged line: [m, m + n) for 'right', [0, n) for 'left'.
  const first = right ? m : 0;
  const isValue = logicalAnd(ge(order, first), lt(order, first + n));
  const isBoundary = logicalNot(isValue).to('int32');
  const before = sub(cumsum(isBoundary, 1), isBoundary);
  // Each value's count goes to its own slot; boundaries go to a spare slot n.
  const slots = where(isValue, sub(order, first), n);
  const placed = assignAlong(zeros([rows, n + 1], { dtype: 'int32', device: seq.device }), 1, slots, before);
  return reshape(narrow(placed, 1, 0, n), v.shape);
}

/** torch.bucketize: for each input value, the bucket of the 1-D `boundaries` it falls in. */
export function bucketize(
  input: Tensor | number,
  boundaries: Tensor,
  options?: Pick<SearchSortedOptions, 'outInt32' | 'right'>,
): Tensor {
  if (boundaries.ndim !== 1) {
    throw new ShapeError(`bucketize: boundaries tensor must be 1 dimension, but got dim(${boundaries.ndim})`);
  }
  return searchsorted(boundaries, input, { right: options?.right === true });
}
