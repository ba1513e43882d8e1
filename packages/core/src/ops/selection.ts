import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { arange, full, zeros } from './creation.js';
import { add, div, eq, logicalAnd, logicalOr, ne, sub, where } from './elementwise.js';
import { clampMin } from './unary-math.js';
import { divRounded } from './binary-math.js';
import { cumsum } from './cumulative.js';
import { gatherOp } from './indexing.js';
import { argmax } from './reduce-extra.js';
import { sum } from './reduce.js';
import { defineOp } from './op-node.js';
import { cat } from './join.js';
import { narrow } from './slicing.js';
import { flatten } from './reshape-ops.js';
import { expand, reshape, squeeze } from './view.js';
import { assignAlong, selected, sortKernel, type SortResult } from './sort.js';
import { IndexError, ShapeError } from '../errors.js';

/** kthvalue, median, nanmedian and mode: one position of each sorted line, found on the device. */

/** The line length along `d` (1 for a 0-d tensor), refusing an empty line. */
function lineLength(op: string, x: Tensor, d: number): number {
  const n = x.ndim === 0 ? 1 : x.shape[d]!;
  if (n === 0) {
    throw new ShapeError(
      `${op}: expected reduction dim ${d} to have non-zero size (input shape ${formatShape(x.shape)})`,
    );
  }
  return n;
}

/**
 * The values and indices at `position` (int32, x's shape with dim d of size 1) of each line
 * sorted ascending, recorded as `name`, whose gradient goes to the chosen element.
 */
function pick(
  name: string,
  x: Tensor,
  d: number,
  keepdim: boolean,
  sorted: readonly [Tensor, Tensor],
  position: Tensor,
): SortResult {
  // A 0-d tensor is its own line of one: the value itself, at position 0.
  if (x.ndim === 0) return { values: selected(name, x, () => x, 0, position), indices: position };
  const drop = (t: Tensor) => (keepdim ? t : squeeze(t, d));
  const index = gatherOp(sorted[1], d, position);
  const values = selected(name, x, () => drop(gatherOp(sorted[0], d, position)), d, index);
  return { values, indices: drop(index) };
}

/** How many NaNs each line holds (int32, dim d kept): they sit at the end of an ascending sort. */
function nanCount(sorted: Tensor, d: number): Tensor {
  return sum(ne(sorted, sorted), d, true);
}

/** A position tensor: the same int32 `k` for every line. */
function everyLine(x: Tensor, d: number, k: number): Tensor {
  return full(
    x.shape.map((s, i) => (i === d ? 1 : s)),
    k,
    { dtype: 'int32', device: x.device },
  );
}

/** torch.kthvalue: the k-th smallest value along `dim` (k from 1) and its position. */
export function kthvalue(x: Tensor, k: number, dim = -1, keepdim = false): SortResult {
  const d = normalizeDim('kthvalue', dim, x.ndim);
  const n = x.ndim === 0 ? 1 : x.shape[d]!;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new IndexError(`kthvalue: selected number k out of range for dimension ${d}: k = ${k}, size ${n}`);
  }
  return pick('KthvalueBackward0', x, d, keepdim, sortKernel(x, d, false), everyLine(x, d, k - 1));
}

/**
 * Where the median sits in each ascending line: the lower middle ((n - 1) / 2 rounded down). For
 * median, a line with a NaN gives its first NaN (PyTorch's result then is NaN, at the NaN's
 * index); for nanmedian, the lower middle of the values that are not NaN (the first NaN when
 * there are none, as PyTorch).
 */
function medianPosition(sortedValues: Tensor, d: number, n: number, ignoreNan: boolean): Tensor {
  const nans = nanCount(sortedValues, d);
  if (ignoreNan) return clampMin(divRounded(sub(n - 1, nans), 2, 'floor'), 0);
  return where(eq(nans, 0), Math.floor((n - 1) / 2), sub(n, nans));
}

function medianAlong(op: 'median' | 'nanmedian', x: Tensor, dim: number, keepdim: boolean): SortResult {
  const d = normalizeDim(op, dim, x.ndim);
  const n = lineLength(op, x, d);
  const sorted = sortKernel(x, d, false);
  const name = op === 'median' ? 'MedianBackward1' : 'NanmedianBackward1';
  const position =
    x.ndim === 0
      ? zeros([], { dtype: 'int32', device: x.device })
      : medianPosition(sorted[0], d, n, op === 'nanmedian');
  return pick(name, x, d, keepdim, sorted, position);
}

/**
 * The median of every element: the lower of the two middle values, NaN when there is a NaN
 * (median) or of the values that are not NaN (nanmedian); NaN for an empty tensor, as PyTorch.
 * The gradient is shared evenly by the elements equal to the median, as PyTorch's
 * evenly_distribute_backward.
 */
function medianAll(op: 'median' | 'nanmedian', x: Tensor): Tensor {
  if (x.numel() === 0) return full([], NaN, { dtype: x.dtype, device: x.device });
  const flat = flatten(x);
  const n = flat.shape[0]!;
  const [values] = sortKernel(flat, 0, false);
  const position = reshape(medianPosition(values, 0, n, op === 'nanmedian'), [1]);
  const result = defineOp(
    op === 'median' ? 'MedianBackward0' : 'NanmedianBackward0',
    [x],
    () => reshape(gatherOp(values, 0, position), []),
    (out) => [x, out],
    (g, [input, out]) => {
      const m = out.detach();
      const mask = logicalOr(eq(input, m), logicalAnd(ne(input, input), ne(m, m)));
      return [where(mask, div(g, sum(mask)), 0)];
    },
    null,
  );
  return result;
}

/** torch.median: of every element (the lower middle value), or along `dim` with its position. */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number, keepdim?: boolean): SortResult;
export function median(x: Tensor, dim?: number, keepdim = false): Tensor | SortResult {
  return dim === undefined ? medianAll('median', x) : medianAlong('median', x, dim, keepdim);
}

/** torch.nanmedian: median with the NaNs left out. */
export function nanmedian(x: Tensor): Tensor;
export function nanmedian(x: Tensor, dim: number, keepdim?: boolean): SortResult;
export function nanmedian(x: Tensor, dim?: number, keepdim = false): Tensor | SortResult {
  return dim === undefined ? medianAll('nanmedian', x) : medianAlong('nanmedian', x, dim, keepdim);
}

/**
 * Where each line's mode ends in its ascending sort (int32, dim d kept): the runs of equal values
 * (NaN != NaN makes each NaN a run of its own), the start of each run written at its run number,
 * the length of each run at its last entry, and the first longest run: the smallest of the
 * equally frequent values. All on the device, in a pass of each kind over the line.
 */
function longestRunEnd(s: Tensor, d: number, n: number): Tensor {
  const device = s.device;
  const differ = ne(narrow(s, d, 1, n - 1), narrow(s, d, 0, n - 1));
  const edge = full(
    s.shape.map((v, i) => (i === d ? 1 : v)),
    true,
    { dtype: 'bool', device },
  );
  const starts = cat([edge, differ], d);
  const run = sub(cumsum(starts, d), 1);
  const line = s.shape.map((_, i) => (i === d ? n : 1));
  const positions = expand(reshape(arange(n, undefined, 1, { dtype: 'int32', device }), line), s.shape);
  // Run r's start goes to slot r; entries that start no run write to a spare slot n.
  const table = zeros(
    s.shape.map((v, i) => (i === d ? n + 1 : v)),
    { dtype: 'int32', device },
  );
  const startOf = assignAlong(table, d, where(starts, run, n), positions);
  const length = where(cat([differ, edge], d), add(sub(positions, gatherOp(startOf, d, run)), 1), 0);
  return argmax(length, d, true);
}

/**
 * torch.mode: the most frequent value along `dim` (the smallest of equally frequent ones) and
 * the position of its last occurrence, as PyTorch's CPU kernel gives them.
 */
export function mode(x: Tensor, dim = -1, keepdim = false): SortResult {
  const d = normalizeDim('mode', dim, x.ndim);
  const n = lineLength('mode', x, d);
  const sorted = sortKernel(x, d, false);
  const end = x.ndim === 0 ? zeros([], { dtype: 'int32', device: x.device }) : longestRunEnd(sorted[0], d, n);
  return pick('ModeBackward0', x, d, keepdim, sorted, end);
}
