import { getRngState, setRngState } from '../random/generator.js';
import { Tensor } from '../tensor.js';
import { backwardTensors } from './backward.js';
import { AutogradFunction, type FunctionCtx } from './function.js';
import { enableGrad, isGradEnabled } from './grad-mode.js';
import { AutogradError } from '../errors.js';

/** What the checkpoint's node keeps instead of `fn`'s intermediate values. */
interface CheckpointState {
  fn: (...args: unknown[]) => Tensor | Tensor[];
  args: readonly unknown[];
  rng: Uint8Array;
}

/**
 * The node that recomputes: forward runs `fn` without recording a graph; backward runs it again
 * with the same arguments and random state, recording this time, and backpropagates through
 * that (torch.utils.checkpoint with use_reentrant=True). Parameters `fn` reads from a closure
 * (a module's weights) get their `.grad` from that inner backward, as in PyTorch.
 */
class CheckpointFunction extends AutogradFunction {
  // The arguments come after the state so that apply links the tensors among them as inputs.
  static override forward(ctx: FunctionCtx, state: CheckpointState, ...args: unknown[]): Tensor | Tensor[] {
    ctx.saveForBackward(...args.filter((a): a is Tensor => a instanceof Tensor));
    ctx.state = state;
    return state.fn(...args);
  }

  static override backward(ctx: FunctionCtx, ...grads: Tensor[]): (Tensor | null)[] {
    const state = ctx.state as CheckpointState;
    if (isGradEnabled())
      throw new AutogradError(
        'checkpoint: recomputing in backward is not compatible with createGraph (higher-order gradients)',
      );
    ctx.savedTensors.slice(0, 0); // checks the inputs are unmodified since forward
    const inputs = state.args.map((a) => (a instanceof Tensor ? a.detach().requiresGrad_(a.requiresGrad) : a));
    const now = getRngState();
    setRngState(state.rng);
    let outs: Tensor[];
    try {
      const r = enableGrad(() => state.fn(...inputs));
      outs = Array.isArray(r) ? r : [r];
    } finally {
      setRngState(now);
    }
    const live = outs.flatMap((o, i) => (o.requiresGrad ? [i] : []));
    if (live.length > 0)
      backwardTensors(
        live.map((i) => outs[i]!),
        live.map((i) => grads[i]!),
      );
    // One gradient per argument of apply: none for the state, then each argument's.
    return [null, ...inputs.map((x) => (x instanceof Tensor ? x.grad : null))];
  }
}

/**
 * Runs `fn(...args)` keeping none of its intermediate values for backward: backward runs it
 * again (torch.utils.checkpoint.checkpoint). Trades compute for memory in deep models. The
 * default generator's state is restored for the recomputation, so dropout inside `fn` draws the
 * same mask twice. `fn` must compute the same values from the same inputs; higher-order
 * gradients through a checkpoint are not supported (an error says so).
 */
export function checkpoint<T extends Tensor | Tensor[]>(fn: (...args: never[]) => T, ...args: unknown[]): T {
  const state: CheckpointState = { fn: fn as unknown as CheckpointState['fn'], args, rng: getRngState() };
  const anyGrad = args.some((a) => a instanceof Tensor && a.requiresGrad);
  if (!isGradEnabled()) return state.fn(...args) as T;
  if (!anyGrad) {
    // PyTorch warns and returns outputs that do not require grad: parameters inside `fn` would get
    // no gradient. Recording normally keeps every gradient right at the cost of the memory.
    return state.fn(...args) as T;
  }
  return CheckpointFunction.apply<T>(state, ...args);
}
