import type { Tensor, TensorLike } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installMethods, installOps, installShapeArgOps, type OpMethods, type ShapeArgMethods } from './table.js';

/** PyTorch's indexing, slicing, joining and mutating ops, and the view methods of tensors. */
const indexing = {
  transpose: ops.transpose,
  t: ops.t,
  unsqueeze: ops.unsqueeze,
  squeeze: ops.squeeze,
  contiguous: ops.contiguous,
  expandAs: ops.expandAs,
  narrow: ops.narrow,
  slice: ops.slice,
  select: ops.select,
  indexSelect: ops.indexSelect,
  gather: ops.gather,
  scatter: ops.scatter,
  scatterAdd: ops.scatterAdd,
  scatterReduce: ops.scatterReduce,
  maskedFill: ops.maskedFill,
  split: ops.split,
  chunk: ops.chunk,
  tensorSplit: ops.tensorSplit,
  unbind: ops.unbind,
  movedim: ops.movedim,
  moveaxis: ops.moveaxis,
  swapaxes: ops.swapaxes,
  swapdims: ops.swapdims,
};

/** Ops taking a shape, which their methods take as separate numbers too: `x.view(2, 3)`. */
const shapeArgs = {
  reshape: ops.reshape,
  view: ops.view,
  permute: ops.permute,
  expand: ops.expand,
  repeat: ops.repeat,
  tile: ops.tile,
};

const methods = {
  /** `condition ? this : other`, as torch.Tensor.where. */
  where(this: Tensor, condition: Tensor, other: TensorLike): Tensor {
    return ops.where(condition, this, other);
  },
};

export type IndexingMethods = OpMethods<typeof indexing> & ShapeArgMethods<typeof shapeArgs> & typeof methods;

export function installIndexing(proto: Tensor): void {
  installOps(proto, indexing);
  installShapeArgOps(proto, shapeArgs);
  installMethods(proto, methods);
}
