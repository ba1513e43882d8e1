import { AutogradFunction, type FunctionCtx } from '../autograd/function.js';
import type { Tensor } from '../tensor.js';

/**
 * Ops with several differentiable outputs recorded as ONE node, as PyTorch records var_mean
 * (VarMeanBackward0 is the grad_fn of both results): the custom-function node, which hands its
 * backward every output's gradient (zeros for those that got none, as PyTorch materializes them)
 * and checks the saved tensors for in-place changes. Not re-exported by ops/index.ts.
 */
export function defineMultiOp(
  name: string,
  inputs: readonly Tensor[],
  forward: () => Tensor[],
  saved: (outs: readonly Tensor[]) => Tensor[],
  backward: (grads: readonly Tensor[], saved: readonly Tensor[]) => (Tensor | null)[],
): Tensor[] {
  class Op extends AutogradFunction {
    static override forward(ctx: FunctionCtx): Tensor[] {
      ctx._nodeName = name;
      const outs = forward();
      ctx.saveForBackward(...saved(outs));
      return outs;
    }
    static override backward(ctx: FunctionCtx, ...grads: Tensor[]): (Tensor | null)[] {
      return backward(grads, ctx.savedTensors);
    }
  }
  return Op.apply<Tensor[]>(...inputs);
}
