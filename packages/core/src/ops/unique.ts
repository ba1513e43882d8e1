import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { toTypedArray } from '../read.js';
import { arange, full } from './creation.js';
import { ne, sub, where } from './elementwise.js';
import { cumsum } from './cumulative.js';
import { gatherOp } from './indexing.js';
import { any } from './reduce-extra.js';
import { cat } from './join.js';
import { narrow } from './slicing.js';
import { flatten } from './reshape-ops.js';
import { contiguous, permute, reshape } from './view.js';
import { valuesForShape } from './nonzero.js';
import { assignAlong, sortKernel } from './sort.js';

/**
 * unique and uniqueConsecutive. The rows to compare (elements, or slices along `dim`) are put in
 * order (sorted for unique, as they are for uniqueConsecutive), runs of equal neighbours are
 * numbered with a cumulative sum, and everything is computed on the device but the number of
 * runs, which sets the result's shape: read synchronously where the backend keeps values on the
 * host, else by the awaited forms (`uniqueAsync`), as nonzero does.
 */

export interface UniqueOptions {
  /**
   * Sorted output (default true). PyTorch leaves the order unspecified without it; here the
   * output is always sorted.
   */
  readonly sorted?: boolean;
  /** Also return, for each element (or slice), the index of its value in the output (int32). */
  readonly returnInverse?: boolean;
  /** Also return how many times each output value occurs (int32). */
  readonly returnCounts?: boolean;
  /** Unique slices along this dim instead of unique elements of the flattened tensor. */
  readonly dim?: number | null;
}

export type UniqueConsecutiveOptions = Omit<UniqueOptions, 'sorted'>;

/** The output alone, or with the inverse and/or the counts, as PyTorch's tuple. */
export type UniqueResult = Tensor | [Tensor, Tensor] | [Tensor, Tensor, Tensor];

type WithBoth = { returnInverse: true; returnCounts: true };
type WithOne = { returnInverse: true; returnCounts?: false } | { returnInverse?: false; returnCounts: true };

/** The rows in order and where each came from, and the run of equal rows each belongs to. */
interface Runs {
  /** rows [N, C] (the elements as [N, 1]), in x's order; `order` (int32 [N]) puts them in compare order. */
  readonly rows: Tensor;
  readonly order: Tensor;
  /** int32 [N]: the run number of each ordered row; whether it starts a run. */
  readonly run: Tensor;
  readonly starts: Tensor;
  /** The shape of a slice and where the dim goes back (null: the output is 1-D). */
  readonly dim: number | null;
  readonly shape: readonly number[];
}

/** The rows of `x` to compare: its elements, or its slices along `dim`, flattened as [N, C]. */
function rowsOf(op: string, x: Tensor, dim: number | null | undefined): { rows: Tensor; dim: number | null } {
  if (dim === undefined || dim === null) return { rows: reshape(flatten(x), [-1, 1]), dim: null };
  const d = normalizeDim(op, dim, x.ndim);
  if (x.ndim === 0) return { rows: reshape(x, [1, 1]), dim: null };
  const order = [d, ...x.shape.map((_, i) => i).filter((i) => i !== d)];
  return { rows: reshape(contiguous(permute(x, order)), [x.shape[d]!, -1]), dim: d };
}

/**
 * Rows in lexicographic order: stable sorts by each column, last column first (a least
 * significant digit radix sort over columns, with the sort kernel as the digit sort).
 */
function lexicographicOrder(rows: Tensor): Tensor {
  const [n, c] = rows.shape as [number, number];
  let order = arange(n, undefined, 1, { dtype: 'int32', device: rows.device });
  for (let col = c - 1; col >= 0; col--) {
    const key = gatherOp(narrow(rows, 1, col, 1), 0, reshape(order, [n, 1]));
    order = gatherOp(order, 0, reshape(sortKernel(key, 0, false)[1], [n]));
  }
  return order;
}

function runsOf(op: string, x: Tensor, options: UniqueOptions | undefined, sortRows: boolean): Runs {
  const { rows, dim } = rowsOf(op, x, options?.dim);
  const n = rows.shape[0]!;
  const ordered = (order: Tensor) => gatherOp(rows, 0, reshape(order, [n, 1]).expand([n, rows.shape[1]!]));
  const order = sortRows
    ? rows.shape[1] === 1
      ? reshape(sortKernel(rows, 0, false)[1], [n])
      : lexicographicOrder(rows)
    : arange(n, undefined, 1, { dtype: 'int32', device: x.device });
  const sorted = ordered(order);
  const first = full([1], true, { dtype: 'bool', device: x.device });
  // A row starts a run where it differs from the one before (NaN differs from everything).
  const differ = n > 1 ? any(ne(narrow(sorted, 0, 1, n - 1), narrow(sorted, 0, 0, n - 1)), 1) : null;
  const starts =
    n === 0 ? full([0], true, { dtype: 'bool', device: x.device }) : differ === null ? first : cat([first, differ]);
  const run = sub(cumsum(starts, 0), 1);
  const shape = dim === null ? [] : x.shape.filter((_, i) => i !== dim);
  return { rows, order, run, starts, dim, shape };
}

/** The number of runs: the last run number plus one, read from the device. */
function lastRun(r: Runs): Tensor {
  const n = r.run.shape[0]!;
  return n === 0 ? full([1], -1, { dtype: 'int32', device: r.run.device }) : narrow(r.run, 0, n - 1, 1);
}

/** The outputs, once the number of runs `m` is known. */
function finish(x: Tensor, r: Runs, m: number, options: UniqueOptions | undefined): UniqueResult {
  const { rows, order, run, starts } = r;
  const n = rows.shape[0]!;
  const device = x.device;
  const positions = arange(n, undefined, 1, { dtype: 'int32', device });
  // Slot k holds where run k starts; slot m holds n (the end of the last run), and rows that
  // start no run write to a spare slot m + 1.
  const table = full([m + 2], n, { dtype: 'int32', device });
  const startAt = assignAlong(table, 0, where(starts, run, m + 1), positions);
  const firstRows = gatherOp(order, 0, narrow(startAt, 0, 0, m));
  const values = gatherOp(rows, 0, reshape(firstRows, [m, 1]).expand([m, rows.shape[1]!]));
  let output: Tensor;
  if (r.dim === null) output = reshape(values, [m]);
  else {
    const moved = reshape(values, [m, ...r.shape]);
    const back = x.shape.map((_, i) => (i === r.dim ? 0 : i < r.dim! ? i + 1 : i));
    output = contiguous(permute(moved, back));
  }
  const extras: Tensor[] = [];
  if (options?.returnInverse === true) {
    // `order` is a permutation: every slot of the base is written.
    const inverse = assignAlong(positions, 0, order, run);
    extras.push(r.dim === null ? reshape(inverse, x.shape) : inverse);
  }
  if (options?.returnCounts === true) extras.push(sub(narrow(startAt, 0, 1, m), narrow(startAt, 0, 0, m)));
  return extras.length === 0 ? output : ([output, ...extras] as [Tensor, Tensor]);
}

function syncCount(op: string, r: Runs, asyncForm: string): number {
  return valuesForShape(op, lastRun(r), asyncForm)[0]! + 1;
}

/**
 * torch.unique: the distinct elements (or slices along `dim`), sorted, and with `returnInverse`
 * and `returnCounts` the inverse indices and counts after them, as PyTorch's tuple. Each NaN is
 * distinct. On a device that keeps values off the host, use {@link uniqueAsync}.
 */
export function unique(x: Tensor, options?: UniqueOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
export function unique(x: Tensor, options: UniqueOptions & WithBoth): [Tensor, Tensor, Tensor];
export function unique(x: Tensor, options: UniqueOptions & WithOne): [Tensor, Tensor];
export function unique(x: Tensor, options?: UniqueOptions): UniqueResult;
export function unique(x: Tensor, options?: UniqueOptions): UniqueResult {
  const r = runsOf('unique', x, options, true);
  return finish(x, r, syncCount('unique', r, 'x.uniqueAsync(...)'), options);
}

/** {@link unique} on any device: reads the number of distinct values first. */
export function uniqueAsync(
  x: Tensor,
  options?: UniqueOptions & { returnInverse?: false; returnCounts?: false },
): Promise<Tensor>;
export function uniqueAsync(x: Tensor, options: UniqueOptions & WithBoth): Promise<[Tensor, Tensor, Tensor]>;
export function uniqueAsync(x: Tensor, options: UniqueOptions & WithOne): Promise<[Tensor, Tensor]>;
export function uniqueAsync(x: Tensor, options?: UniqueOptions): Promise<UniqueResult>;
export async function uniqueAsync(x: Tensor, options?: UniqueOptions): Promise<UniqueResult> {
  const r = runsOf('uniqueAsync', x, options, true);
  return finish(x, r, (await toTypedArray(lastRun(r)))[0]! + 1, options);
}

/**
 * torch.unique_consecutive: the first of every run of equal consecutive elements (or slices
 * along `dim`), with the inverse indices and counts as unique gives them.
 */
export function uniqueConsecutive(
  x: Tensor,
  options?: UniqueConsecutiveOptions & { returnInverse?: false; returnCounts?: false },
): Tensor;
export function uniqueConsecutive(x: Tensor, options: UniqueConsecutiveOptions & WithBoth): [Tensor, Tensor, Tensor];
export function uniqueConsecutive(x: Tensor, options: UniqueConsecutiveOptions & WithOne): [Tensor, Tensor];
export function uniqueConsecutive(x: Tensor, options?: UniqueConsecutiveOptions): UniqueResult;
export function uniqueConsecutive(x: Tensor, options?: UniqueConsecutiveOptions): UniqueResult {
  const r = runsOf('uniqueConsecutive', x, options, false);
  return finish(x, r, syncCount('uniqueConsecutive', r, 'x.uniqueConsecutiveAsync(...)'), options);
}

/** {@link uniqueConsecutive} on any device. */
export function uniqueConsecutiveAsync(
  x: Tensor,
  options?: UniqueConsecutiveOptions & { returnInverse?: false; returnCounts?: false },
): Promise<Tensor>;
export function uniqueConsecutiveAsync(
  x: Tensor,
  options: UniqueConsecutiveOptions & WithBoth,
): Promise<[Tensor, Tensor, Tensor]>;
export function uniqueConsecutiveAsync(
  x: Tensor,
  options: UniqueConsecutiveOptions & WithOne,
): Promise<[Tensor, Tensor]>;
export function uniqueConsecutiveAsync(x: Tensor, options?: UniqueConsecutiveOptions): Promise<UniqueResult>;
export async function uniqueConsecutiveAsync(x: Tensor, options?: UniqueConsecutiveOptions): Promise<UniqueResult> {
  const r = runsOf('uniqueConsecutiveAsync', x, options, false);
  return finish(x, r, (await toTypedArray(lastRun(r)))[0]! + 1, options);
}
