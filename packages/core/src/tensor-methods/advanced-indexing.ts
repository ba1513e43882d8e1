import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installInPlaceOps, installMethods, installOps, type InPlaceMethods, type OpMethods } from './table.js';

/**
 * PyTorch's `x[...]` and `x[...] = v` (index, get, set), index_put, the masked ops, index_add /
 * index_copy / index_fill, take_along_dim and nonzero / argwhere as methods; with the awaited
 * forms of those whose result's shape depends on values (indexAsync, nonzeroAsync, ...).
 */
const advanced = {
  get: ops.get,
  set: ops.set,
  setAsync: ops.setAsync,
  indexPut: ops.indexPut,
  maskedSelect: ops.maskedSelect,
  maskedSelectAsync: ops.maskedSelectAsync,
  maskedScatter: ops.maskedScatter,
  indexAdd: ops.indexAdd,
  indexCopy: ops.indexCopy,
  indexFill: ops.indexFill,
  takeAlongDim: ops.takeAlongDim,
  argwhere: ops.argwhere,
  argwhereAsync: ops.argwhereAsync,
};

/** In-place forms (`x.indexPut_(...)`): the op written into `x`. */
const inPlace = {
  indexPut_: ops.indexPut,
  maskedScatter_: ops.maskedScatter,
  indexAdd_: ops.indexAdd,
  indexCopy_: ops.indexCopy,
  indexFill_: ops.indexFill,
};

/** torch.Tensor.nonzero: the coordinate matrix, or with `asTuple` one index tensor per dim. */
function nonzero(this: Tensor): Tensor;
function nonzero(this: Tensor, options: ops.NonzeroOptions & { asTuple: true }): Tensor[];
function nonzero(this: Tensor, options?: ops.NonzeroOptions): Tensor | Tensor[];
function nonzero(this: Tensor, options?: ops.NonzeroOptions): Tensor | Tensor[] {
  return ops.nonzero(this, options);
}

/** {@link nonzero} on any device. */
function nonzeroAsync(this: Tensor): Promise<Tensor>;
function nonzeroAsync(this: Tensor, options: ops.NonzeroOptions & { asTuple: true }): Promise<Tensor[]>;
function nonzeroAsync(this: Tensor, options?: ops.NonzeroOptions): Promise<Tensor | Tensor[]>;
function nonzeroAsync(this: Tensor, options?: ops.NonzeroOptions): Promise<Tensor | Tensor[]> {
  return ops.nonzeroAsync(this, options);
}

const methods = {
  /**
   * PyTorch's `x[...]`: `x.index(1, '1:3', '::2', null, '...')` (a view), `x.index(rows, cols)`,
   * `x.index(mask)`, `x.index([2, 0])` (advanced indexing, IndexBackward0).
   */
  index(this: Tensor, ...specs: readonly ops.IndexSpec[]): Tensor {
    return ops.index(this, ...specs);
  },
  /** {@link index} on any device: bool masks are read back first. */
  indexAsync(this: Tensor, ...specs: readonly ops.IndexSpec[]): Promise<Tensor> {
    return ops.indexAsync(this, ...specs);
  },
  nonzero,
  nonzeroAsync,
};

export type AdvancedIndexingMethods = OpMethods<typeof advanced> & InPlaceMethods<typeof inPlace> & typeof methods;

export function installAdvancedIndexing(proto: Tensor): void {
  installOps(proto, advanced);
  installInPlaceOps(proto, inPlace);
  installMethods(proto, methods);
}
