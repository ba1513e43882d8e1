import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { AutogradFunction, type FunctionCtx } from '../autograd/function.js';
import { AutogradError } from '../errors.js';

/**
 * A module's hooks (torch.nn.Module's register_forward_pre_hook, register_forward_hook,
 * register_full_backward_pre_hook and register_full_backward_hook), run when the module is
 * called (`model(x)`), not by `forward` itself, as in PyTorch.
 */

/** Runs before `forward` with its arguments; what it returns (an array, or one value) replaces them. */
export type ForwardPreHook<M> = (module: M, args: unknown[]) => unknown;
/** Runs after `forward` with its arguments and result; what it returns replaces the result. */
export type ForwardHook<M> = (module: M, args: unknown[], output: unknown) => unknown;
/**
 * Runs once the gradients of the module's inputs are known, with those of its outputs
 * (per argument and per output; null where none flows); an array it returns replaces `gradInput`.
 */
export type BackwardHook<M> = (
  module: M,
  gradInput: (Tensor | null)[],
  gradOutput: (Tensor | null)[],
) => (Tensor | null)[] | undefined;
/** Runs once the gradients of the module's outputs are known; an array it returns replaces them. */
export type BackwardPreHook<M> = (module: M, gradOutput: (Tensor | null)[]) => (Tensor | null)[] | undefined;

/** What `register*Hook` returns: PyTorch's RemovableHandle. */
export interface RemovableHandle {
  readonly id: number;
  remove(): void;
}

let nextHookId = 0;

/** Hooks in registration order, each removable by its handle. */
export class HookList<F> {
  private readonly hooks = new Map<number, F>();

  add(fn: F): RemovableHandle {
    const id = nextHookId++;
    this.hooks.set(id, fn);
    return { id, remove: () => void this.hooks.delete(id) };
  }

  get size(): number {
    return this.hooks.size;
  }

  values(): F[] {
    return [...this.hooks.values()];
  }
}

/** The four kinds of hook of one module, and the call that runs them around `forward`. */
export class ModuleHooks<M> {
  readonly forwardPre = new HookList<ForwardPreHook<M>>();
  readonly forward = new HookList<ForwardHook<M>>();
  readonly backward = new HookList<BackwardHook<M>>();
  readonly backwardPre = new HookList<BackwardPreHook<M>>();

  /** torch.nn.Module._call_impl: `forward` of `module` between its hooks. */
  call(module: M, forward: (args: unknown[]) => unknown, args: unknown[]): unknown {
    const hasBackward = this.backward.size + this.backwardPre.size > 0;
    if (this.forwardPre.size + this.forward.size === 0 && !hasBackward) return forward(args);
    for (const hook of this.forwardPre.values()) {
      const r = hook(module, args);
      if (r !== undefined) args = Array.isArray(r) ? (r as unknown[]) : [r];
    }
    const bw = hasBackward ? new BackwardHookCall(module, this.backward.values(), this.backwardPre.values()) : null;
    if (bw !== null) args = bw.setupInputs(args);
    let result = forward(args);
    for (const hook of this.forward.values()) {
      const r = hook(module, args, result);
      if (r !== undefined) result = r;
    }
    return bw === null ? result : bw.setupOutputs(result);
  }
}

/** An identity on tensors whose backward hands the gradients to a callback (PyTorch's node name). */
class BackwardHookFunction extends AutogradFunction {
  static override forward(ctx: FunctionCtx, onBackward: GradsHook, ...tensors: Tensor[]): Tensor[] {
    ctx.onBackward = onBackward;
    return tensors;
  }

  static override backward(ctx: FunctionCtx, ...grads: Tensor[]): (Tensor | null)[] {
    return [null, ...(ctx.onBackward as GradsHook)(grads)];
  }
}

type GradsHook = (grads: Tensor[]) => (Tensor | null)[];

/**
 * The backward hooks of one call of a module (PyTorch's torch.utils.hooks.BackwardHook): the
 * inputs and outputs that require grad pass through an identity node each side; the outputs'
 * node records their gradients (after the pre-hooks), the inputs' node calls the hooks with both.
 */
export class BackwardHookCall<M> {
  private gradOutputs: (Tensor | null)[] = [];
  private inputsHooked = false;

  constructor(
    private readonly module: M,
    private readonly hooks: readonly BackwardHook<M>[],
    private readonly preHooks: readonly BackwardPreHook<M>[],
  ) {}

  /** The arguments, those that require grad through the inputs' node. */
  setupInputs(args: unknown[]): unknown[] {
    if (this.hooks.length === 0) return args;
    return this.through(
      args,
      (grads, at) => {
        let gradInput = pack(args.length, at, grads);
        for (const hook of this.hooks) {
          const r = hook(this.module, gradInput, this.gradOutputs);
          if (r === undefined) continue;
          if (r.length !== gradInput.length) {
            throw new AutogradError(
              `${this.moduleName()}.registerFullBackwardHook: Backward hook returned an invalid number of grad_input, got ${r.length}, but expected ${gradInput.length}`,
            );
          }
          gradInput = r;
        }
        return at.map((i) => gradInput[i] ?? null);
      },
      () => (this.inputsHooked = true),
    );
  }

  /** The result, its tensors that require grad through the outputs' node. */
  setupOutputs(result: unknown): unknown {
    const outputs = Array.isArray(result) ? (result as unknown[]) : [result];
    const through = this.through(outputs, (grads, at) => {
      this.gradOutputs = pack(outputs.length, at, grads);
      for (const hook of this.preHooks) {
        const r = hook(this.module, this.gradOutputs);
        if (r === undefined) continue;
        if (r.length !== this.gradOutputs.length) {
          throw new AutogradError(
            `${this.moduleName()}.registerFullBackwardPreHook: Backward pre hook returned an invalid number of grad_output, got ${r.length}, but expected ${this.gradOutputs.length}`,
          );
        }
        this.gradOutputs = r;
      }
      // No input requires grad: the hooks run now, with no gradient of an input.
      if (!this.inputsHooked) this.callWithoutInputs();
      return at.map((i) => this.gradOutputs[i] ?? null);
    });
    return Array.isArray(result) ? through : through[0];
  }

  /** The module's class name, which the hooks' errors start with. */
  private moduleName(): string {
    return (this.module as object).constructor.name;
  }

  private callWithoutInputs(): void {
    const gradInput = this.gradOutputs.map(() => null);
    for (const hook of this.hooks) {
      const r = hook(this.module, gradInput, this.gradOutputs);
      if (r !== undefined && r.some((g) => g !== null)) {
        throw new AutogradError(
          `${this.moduleName()}.registerFullBackwardHook: Backward hook for Modules where no input requires gradient should always return None or None for all gradients, got ${r.map((g) => (g === null ? 'null' : 'a tensor')).join(', ')}`,
        );
      }
    }
  }

  /** `values` with its tensors that require grad replaced by their outputs of one identity node. */
  private through(
    values: unknown[],
    onBackward: (grads: Tensor[], at: number[]) => (Tensor | null)[],
    onHooked?: () => void,
  ): unknown[] {
    const at: number[] = [];
    values.forEach((v, i) => {
      if (isTensor(v) && v.requiresGrad) at.push(i);
    });
    if (at.length === 0 || !isGradEnabled()) return values;
    onHooked?.();
    const outs = BackwardHookFunction.apply<Tensor[]>(
      (grads: Tensor[]) => onBackward(grads, at),
      ...at.map((i) => values[i]),
    );
    const replaced = [...values];
    at.forEach((i, k) => (replaced[i] = outs[k]));
    return replaced;
  }
}

/** Per position of `n`: the gradient of the tensor there (`grads` in the order of `at`), or null. */
function pack(n: number, at: readonly number[], grads: readonly Tensor[]): (Tensor | null)[] {
  const out = new Array<Tensor | null>(n).fill(null);
  at.forEach((i, k) => (out[i] = grads[k] ?? null));
  return out;
}
