import { isGradEnabled } from '../autograd/grad-mode.js';
import type { Tensor } from '../tensor.js';
import { viewOf } from '../ops/dispatch.js';
import { recordMultiOutput, type MultiBackward } from '../ops/multi-output.js';
import { quiet } from './util.js';

/**
 * Ops with several differentiable outputs (eigh's eigenvalues and eigenvectors, qr's Q and R,
 * svd's U, S and Vh, slogdet's sign and logabsdet): ONE node (ops/multi-output.ts), with
 * PyTorch's name, whose outputs are numbered as PyTorch numbers them. Its backward receives the
 * gradient of each output (null for those that got none, so a formula can skip their terms, as
 * PyTorch's undefined gradients).
 */

/**
 * Runs `forward` (no graph, temporaries disposed) and, when an input requires grad, records one
 * node named `name` whose outputs are the first `differentiable` results (the rest, such as
 * pivots, are plain tensors). `saved(outputs)` lists what the backward reads.
 */
export function defineMultiOp(
  name: string,
  inputs: readonly Tensor[],
  forward: () => Tensor[],
  differentiable: number,
  saved: (outs: readonly Tensor[]) => readonly Tensor[],
  backward: MultiBackward,
): Tensor[] {
  // Fresh tensor objects over the results' storage: a result that is a view (a select of a
  // temporary) must not carry view history into the node's outputs.
  const outs = quiet(forward).map((o) => viewOf(o, o.shape, o.strides, o.offset));
  if (!isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return outs;
  recordMultiOutput(name, inputs, outs, differentiable, saved(outs), backward);
  return outs;
}
