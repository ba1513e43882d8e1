import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { installOps, type OpMethods } from './table.js';

/** PyTorch's comparison ops (elementwise; the results are bool tensors, or the larger/smaller value). */
const comparison = {
  eq: ops.eq,
  ne: ops.ne,
  lt: ops.lt,
  le: ops.le,
  gt: ops.gt,
  ge: ops.ge,
  maximum: ops.maximum,
  minimum: ops.minimum,
  isnan: ops.isnan,
  isinf: ops.isinf,
  isposinf: ops.isposinf,
  isneginf: ops.isneginf,
  isfinite: ops.isfinite,
  isclose: ops.isclose,
  allclose: ops.allclose,
  equal: ops.equal,
};

export type ComparisonMethods = OpMethods<typeof comparison>;

export function installComparison(proto: Tensor): void {
  installOps(proto, comparison);
}
