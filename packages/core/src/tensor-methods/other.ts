import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installOps, installShapeArgOps, type OpMethods, type ShapeArgMethods } from './table.js';

/** What PyTorch's docs list as other operations: scans, flattening, flips and rolls, triangles and diagonals, broadcasting, repeats. */
const other = {
  cumsum: ops.cumsum,
  cummax: ops.cummax,
  cummin: ops.cummin,
  logcumsumexp: ops.logcumsumexp,
  diff: ops.diff,
  histc: ops.histc,
  bincount: ops.bincount,
  bincountAsync: ops.bincountAsync,
  cumprod: ops.cumprod,
  flatten: ops.flatten,
  unflatten: ops.unflatten,
  broadcastTo: ops.broadcastTo,
  roll: ops.roll,
  tril: ops.tril,
  triu: ops.triu,
  diag: ops.diag,
  diagEmbed: ops.diagEmbed,
  diagonal: ops.diagonal,
  trace: ops.trace,
  repeatInterleave: ops.repeatInterleave,
  rot90: ops.rot90,
};

const shapeArgs = { flip: ops.flip };

export type OtherMethods = OpMethods<typeof other> & ShapeArgMethods<typeof shapeArgs>;

export function installOther(proto: Tensor): void {
  installOps(proto, other);
  installShapeArgOps(proto, shapeArgs);
}
