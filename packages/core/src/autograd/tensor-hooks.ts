import type { Tensor } from '../tensor.js';
import { AutogradError } from '../errors.js';
import { addRemovable, type AccumulateGrad, type GradHook, type HookHandle } from './node.js';

/**
 * The hooks a tensor registers on the node behind it (Tensor.registerHook and
 * registerPostAccumulateGradHook): the tensor's edge says which node and output they watch.
 */

/** `fn(grad)` on the gradient flowing into `t` (before a leaf accumulates it). */
export function registerHook(t: Tensor, fn: GradHook): HookHandle {
  if (!t.requiresGrad)
    throw new AutogradError("registerHook: cannot register a hook on a tensor that doesn't require gradient");
  const [node, outputNr] = t._edge();
  return addRemovable((node!.hooks ??= []), { outputNr, fn });
}

/** `fn(t)` after backward has accumulated into the leaf `t`'s `.grad`. */
export function registerPostAccumulateGradHook(t: Tensor, fn: (tensor: Tensor) => void): HookHandle {
  if (!t.requiresGrad)
    throw new AutogradError(
      "registerPostAccumulateGradHook: cannot register a hook on a tensor that doesn't require gradient",
    );
  if (!t.isLeaf)
    throw new AutogradError(
      'registerPostAccumulateGradHook: post accumulate grad hooks cannot be registered on non-leaf tensors',
    );
  const node = t._edgeNode() as AccumulateGrad;
  return addRemovable((node.postAccumulateHooks ??= []), fn);
}
