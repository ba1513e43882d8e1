import { gt, mul, where } from '../ops/elementwise.js';
import { defineOp } from '../ops/op-node.js';
import { sumTo } from '../ops/reduce.js';
import { reshape } from '../ops/view.js';
import { formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';
import { DTypeError, ShapeError } from '../errors.js';

/**
 * max(0, x) + weight * min(0, x) (torch.nn.functional.prelu), the weight one value or one per
 * channel (dim 1). One node, PreluKernelBackward0: the input's gradient passes where x > 0 and
 * is scaled by the weight elsewhere; the weight's is x g where x <= 0, summed to its shape.
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  const op = 'prelu';
  checkFloat(op, 'input', x);
  const channels = x.ndim >= 2 ? x.shape[1]! : 1;
  const n = numel(weight.shape);
  if (weight.ndim > 1 || (n !== 1 && n !== channels)) {
    throw new ShapeError(
      `${op}: expected weight of 1 value or one per channel (${channels} for input ${formatShape(x.shape)}), got ${formatShape(weight.shape)}`,
    );
  }
  if (weight.dtype !== x.dtype)
    throw new DTypeError(`${op}: expected input and weight of the same dtype, got ${x.dtype} and ${weight.dtype}`);
  // The weight laid along dim 1, so it broadcasts over [N, C, *].
  const wShape = n === 1 ? [] : [channels, ...x.shape.slice(2).map(() => 1)];
  return defineOp(
    'PreluKernelBackward0',
    [x, weight],
    () => {
      const w = reshape(weight, wShape);
      return where(gt(x, 0), x, mul(w, x));
    },
    [x, weight],
    (g, [xs, ws], _attrs, needs) => {
      const pos = gt(xs, 0);
      const w = reshape(ws, wShape);
      const gx = needs[0] === true ? where(pos, g, mul(w, g)) : null;
      const gw = needs[1] === true ? reshape(sumTo(where(pos, 0, mul(xs, g)), wShape), ws.shape) : null;
      return [gx, gw];
    },
    null,
  );
}
