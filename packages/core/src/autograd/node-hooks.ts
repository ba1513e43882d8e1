/**
 * The hooks of the autograd graph's nodes: their types, and the handle that removes one (kept
 * apart from node.ts, which they would push past a file's length).
 */
import type { Tensor } from '../tensor.js';

/** A tensor hook: may return a replacement gradient (or nothing, to keep it). */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- hooks that only observe return nothing
export type GradHook = (grad: Tensor) => Tensor | undefined | void;

/** A hook registered on one output of a node (`t.registerHook`), in registration order. */
export interface NodeHook {
  readonly outputNr: number;
  readonly fn: GradHook;
}

/**
 * A node's pre-hook (PyTorch's `grad_fn.register_prehook`): runs with the gradients of the
 * node's outputs before the node runs (after the tensor hooks); a list it returns replaces them.
 */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- hooks that only observe return nothing
export type NodePreHook = (gradOutputs: readonly (Tensor | null)[]) => (Tensor | null)[] | undefined | void;

/**
 * A node's post hook (PyTorch's `grad_fn.register_hook`): runs once the node ran, with the
 * gradients it computed for its inputs (`gradInputs`, per `nextFunctions`; empty for
 * AccumulateGrad) and those of its outputs; a list it returns replaces `gradInputs`.
 */
export type NodePostHook = (
  gradInputs: readonly (Tensor | null)[],
  gradOutputs: readonly (Tensor | null)[],
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- hooks that only observe return nothing
) => (Tensor | null)[] | undefined | void;

/** What registering a hook returns: `remove()` unregisters it (PyTorch's RemovableHandle). */
export interface HookHandle {
  remove(): void;
}

/** Appends `item` to `list`; the handle takes it out again (once). */
export function addRemovable<T>(list: T[], item: T, onEmpty?: () => void): HookHandle {
  list.push(item);
  return {
    remove: () => {
      const i = list.indexOf(item);
      if (i < 0) return;
      list.splice(i, 1);
      if (list.length === 0) onEmpty?.();
    },
  };
}

/** The hooks registered on a node itself (not on its outputs), in registration order. */
export interface NodeHooks {
  readonly pre: NodePreHook[];
  readonly post: NodePostHook[];
}
