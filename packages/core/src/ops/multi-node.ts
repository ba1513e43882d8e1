import { isFloating } from '../dtype.js';
import type { TensorLike } from '../tensor.js';
import { Tensor } from '../tensor.js';
import type { BackwardFn } from '../autograd/node.js';
import { sumTo } from './reduce.js';
import { defineOp } from './op-node.js';
import { DTypeError } from '../errors.js';

/**
 * Helpers of the elementwise composites over several operands (binary-math.ts, special-math.ts):
 * one node over the tensor operands, gradients summed down from the broadcast shape. Not
 * re-exported by ops/index.ts: they are no ops.
 */

/** Refuses non-floating tensor operands, naming the op. */
export function checkFloat(op: string, ...xs: TensorLike[]): void {
  for (const x of xs) {
    if (x instanceof Tensor && !isFloating(x.dtype))
      throw new DTypeError(`${op}: expected floating point tensors (float32 or float64), got dtype ${x.dtype}`);
  }
}

/** A gradient summed down to an input's shape (undoing broadcasting) in its dtype. */
function gradFor(g: Tensor, x: Tensor): Tensor {
  const s = sumTo(g, x.shape);
  return s.dtype === x.dtype ? s : s.to(x.dtype);
}

/**
 * `forward()` computed without recording, then recorded as one node named `name` over the tensor
 * operands; `grads(g)` gives each operand's gradient in the output's shape (null: not needed).
 */
export function multiNode(
  name: string,
  operands: readonly TensorLike[],
  forward: () => Tensor,
  grads: (g: Tensor, needs: readonly boolean[]) => (Tensor | null)[],
): Tensor {
  const inputs = operands.filter((t): t is Tensor => t instanceof Tensor);
  const backward: BackwardFn<null> = (g, _saved, _attrs, needs) => {
    const all = grads(
      g,
      operands.map((t) => t instanceof Tensor && needs[inputs.indexOf(t)] === true),
    );
    return operands.flatMap((t, i) =>
      t instanceof Tensor ? [all[i] === null || all[i] === undefined ? null : gradFor(all[i], t)] : [],
    );
  };
  return defineOp(name, inputs, forward, inputs, backward, null);
}

export const when = (need: boolean | undefined, f: () => Tensor): Tensor | null => (need === true ? f() : null);
