import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installMethods, installOps, type OpMethods } from './table.js';

/**
 * PyTorch's sorting and selection ops (its docs list sort, argsort, msort, topk and kthvalue
 * with the comparison ops, median, mode, quantile and unique with the reductions): all built on
 * the `sort` kernel.
 */
const sorting = {
  sort: ops.sort,
  argsort: ops.argsort,
  msort: ops.msort,
  topk: ops.topk,
  kthvalue: ops.kthvalue,
  mode: ops.mode,
  quantile: ops.quantile,
  nanquantile: ops.nanquantile,
};

type Unique = ops.UniqueOptions;
type Consecutive = ops.UniqueConsecutiveOptions;
type Both = { returnInverse: true; returnCounts: true };
type One = { returnInverse: true; returnCounts?: false } | { returnInverse?: false; returnCounts: true };
type Plain = { returnInverse?: false; returnCounts?: false };

/** torch.Tensor.median: of every element, or along `dim` with its position. */
function median(this: Tensor): Tensor;
function median(this: Tensor, dim: number, keepdim?: boolean): ops.SortResult;
function median(this: Tensor, dim?: number, keepdim?: boolean): Tensor | ops.SortResult {
  return dim === undefined ? ops.median(this) : ops.median(this, dim, keepdim);
}

/** torch.Tensor.nanmedian: median with the NaNs left out. */
function nanmedian(this: Tensor): Tensor;
function nanmedian(this: Tensor, dim: number, keepdim?: boolean): ops.SortResult;
function nanmedian(this: Tensor, dim?: number, keepdim?: boolean): Tensor | ops.SortResult {
  return dim === undefined ? ops.nanmedian(this) : ops.nanmedian(this, dim, keepdim);
}

/** torch.Tensor.unique: the distinct values, with the inverse and counts when asked. */
function unique(this: Tensor, options?: Unique & Plain): Tensor;
function unique(this: Tensor, options: Unique & Both): [Tensor, Tensor, Tensor];
function unique(this: Tensor, options: Unique & One): [Tensor, Tensor];
function unique(this: Tensor, options?: Unique): ops.UniqueResult;
function unique(this: Tensor, options?: Unique): ops.UniqueResult {
  return ops.unique(this, options);
}

/** {@link unique} on any device. */
function uniqueAsync(this: Tensor, options?: Unique & Plain): Promise<Tensor>;
function uniqueAsync(this: Tensor, options: Unique & Both): Promise<[Tensor, Tensor, Tensor]>;
function uniqueAsync(this: Tensor, options: Unique & One): Promise<[Tensor, Tensor]>;
function uniqueAsync(this: Tensor, options?: Unique): Promise<ops.UniqueResult>;
function uniqueAsync(this: Tensor, options?: Unique): Promise<ops.UniqueResult> {
  return ops.uniqueAsync(this, options);
}

/** torch.Tensor.unique_consecutive. */
function uniqueConsecutive(this: Tensor, options?: Consecutive & Plain): Tensor;
function uniqueConsecutive(this: Tensor, options: Consecutive & Both): [Tensor, Tensor, Tensor];
function uniqueConsecutive(this: Tensor, options: Consecutive & One): [Tensor, Tensor];
function uniqueConsecutive(this: Tensor, options?: Consecutive): ops.UniqueResult;
function uniqueConsecutive(this: Tensor, options?: Consecutive): ops.UniqueResult {
  return ops.uniqueConsecutive(this, options);
}

/** {@link uniqueConsecutive} on any device. */
function uniqueConsecutiveAsync(this: Tensor, options?: Consecutive & Plain): Promise<Tensor>;
function uniqueConsecutiveAsync(this: Tensor, options: Consecutive & Both): Promise<[Tensor, Tensor, Tensor]>;
function uniqueConsecutiveAsync(this: Tensor, options: Consecutive & One): Promise<[Tensor, Tensor]>;
function uniqueConsecutiveAsync(this: Tensor, options?: Consecutive): Promise<ops.UniqueResult>;
function uniqueConsecutiveAsync(this: Tensor, options?: Consecutive): Promise<ops.UniqueResult> {
  return ops.uniqueConsecutiveAsync(this, options);
}

const methods = { median, nanmedian, unique, uniqueAsync, uniqueConsecutive, uniqueConsecutiveAsync };

export type SortingMethods = OpMethods<typeof sorting> & typeof methods;

export function installSorting(proto: Tensor): void {
  installOps(proto, sorting);
  installMethods(proto, methods);
}
