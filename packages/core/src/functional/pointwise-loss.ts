import { div, mul } from '../ops/elementwise.js';
import { defineOp } from '../ops/op-node.js';
import { sumTo } from '../ops/reduce.js';
import { broadcastShapes, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reduceLoss, type Reduction } from './common.js';

/**
 * A loss PyTorch computes in one kernel: the elementwise `loss` of `inputs` (input, target, then
 * any weights) reduced, recorded as one node named `name`. Each input's gradient is its
 * elementwise `slopes` (the partial derivatives, written with public ops; null: none) times the
 * output's gradient, spread back over the reduction and summed down to the input's shape.
 */
export function pointwiseLoss(
  op: string,
  name: string,
  reduction: Reduction | undefined,
  inputs: readonly Tensor[],
  loss: (t: readonly Tensor[]) => Tensor,
  slopes: readonly (((t: readonly Tensor[]) => Tensor) | null)[],
): Tensor {
  const count = numel(inputs.reduce<readonly number[]>((shape, t) => broadcastShapes(op, shape, t.shape), []));
  const mean = (reduction ?? 'mean') === 'mean';
  return defineOp(
    name,
    inputs,
    () => reduceLoss(op, loss(inputs), reduction),
    inputs,
    (g, saved, _a: null, needs) => {
      const scale = mean ? div(g, count) : g;
      return saved.map((t, i) => {
        const slope = slopes[i];
        return needs[i] === true && slope !== undefined && slope !== null
          ? sumTo(mul(slope(saved), scale), t.shape)
          : null;
      });
    },
    null,
  );
}
