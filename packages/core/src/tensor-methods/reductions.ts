import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installMethods, installOps, type OpMethods } from './table.js';

/** PyTorch's reduction ops. */
const reductions = {
  sum: ops.sum,
  mean: ops.mean,
  prod: ops.prod,
  amax: ops.amax,
  amin: ops.amin,
  argmax: ops.argmax,
  argmin: ops.argmin,
  var: ops.variance,
  std: ops.std,
  logsumexp: ops.logsumexp,
  nansum: ops.nansum,
  nanmean: ops.nanmean,
  aminmax: ops.aminmax,
  norm: ops.norm,
  all: ops.all,
  any: ops.any,
};

/** `max` and `min` are three methods each in PyTorch: declared here, dispatched below. */
interface ReductionOverloads {
  /** The largest element. */
  max(): Tensor;
  /** The largest elements along `dim` and where they are. */
  max(dim: number, keepdim?: boolean): ops.MaxResult;
  /** With a tensor, the elementwise maximum (PyTorch's `torch.maximum`). */
  max(other: Tensor): Tensor;
  /** The smallest element. */
  min(): Tensor;
  /** The smallest elements along `dim` and where they are. */
  min(dim: number, keepdim?: boolean): ops.MaxResult;
  /** With a tensor, the elementwise minimum (PyTorch's `torch.minimum`). */
  min(other: Tensor): Tensor;
}

const overloads = {
  max(this: Tensor, dim?: number | Tensor, keepdim?: boolean): Tensor | ops.MaxResult {
    if (dim === undefined) return ops.max(this);
    return typeof dim === 'number' ? ops.max(this, dim, keepdim) : ops.maximum(this, dim);
  },
  min(this: Tensor, dim?: number | Tensor, keepdim?: boolean): Tensor | ops.MaxResult {
    if (dim === undefined) return ops.min(this);
    return typeof dim === 'number' ? ops.min(this, dim, keepdim) : ops.minimum(this, dim);
  },
} satisfies Record<keyof ReductionOverloads, unknown>;

export type ReductionMethods = OpMethods<typeof reductions> & ReductionOverloads;

export function installReductions(proto: Tensor): void {
  installOps(proto, reductions);
  installMethods(proto, overloads);
}
