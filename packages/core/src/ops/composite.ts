import type { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import type { BackwardFn } from '../autograd/node.js';
import { record, viewOf } from './dispatch.js';

/**
 * An op computed from other ops but recorded as one node with its own name and gradient (as
 * PyTorch's FlipBackward0 or StackBackward0): the forward runs without recording, and the
 * gradient, written with public ops, stays differentiable.
 */
export function composite<A>(
  name: string,
  inputs: readonly Tensor[],
  forward: () => Tensor,
  backward: BackwardFn<A>,
  attrs: A,
  saved: readonly Tensor[] = [],
): Tensor {
  const y = noGrad(forward);
  // A fresh tensor object: the forward may return an input itself (a no-op reshape).
  return record(viewOf(y, y.shape, y.strides, y.offset), name, inputs, backward, attrs, saved);
}
