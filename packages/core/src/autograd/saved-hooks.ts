/**
 * Saved-tensor hooks (torch.autograd.graph.saved_tensors_hooks): while a scope is active, every
 * tensor an op saves for backward is handed to its `pack` hook once, when the graph is recorded,
 * and the graph keeps whatever `pack` returned instead of the tensor; backward (and every read of
 * a node's `savedTensors`) calls `unpack` on it to get a tensor back. Scopes nest: the innermost
 * pair packs. As in PyTorch, the version counter cannot see through the hooks, so an in-place
 * write to a tensor after it was packed is not detected: the hooks own what they keep.
 *
 * Nodes pay one check per recorded op while no scope is active ({@link activeSavedHooks}).
 */
import { viewOf } from '../ops/dispatch.js';
import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { noGrad } from './grad-mode.js';
import { scoped } from './scoped.js';
import { AccumulateGrad, type Node } from './node.js';
import { ArgumentError, AutogradError } from '../errors.js';

/** A pack hook and its unpack hook: `unpack(pack(t))` should give `t`'s values, shape, dtype and device. */
export interface SavedTensorHooks {
  readonly pack: (tensor: Tensor) => unknown;
  readonly unpack: (packed: unknown) => Tensor;
}

let active: SavedTensorHooks | null = null;
/** The message of the innermost `disableSavedTensorsHooks` scope, null outside one. */
let disabledMessage: string | null = null;

/** @internal The hooks that pack what ops save now (the innermost scope's), or null. */
export function activeSavedHooks(): SavedTensorHooks | null {
  return active;
}

/**
 * Runs `fn` with `packHook` and `unpackHook` applied to every tensor saved for backward inside it
 * (torch.autograd.graph.saved_tensors_hooks). `packHook(t)` runs once per saved tensor, without
 * recording a graph, and may return anything (a tensor elsewhere, a file name, ...);
 * `unpackHook(packed)` runs each time backward reads it and must return a tensor. The unpacked
 * tensor takes the saved tensor's place in the graph, so a double backward still reaches what
 * the saved tensor came from.
 *
 * @example
 * ```ts example
 * import { autograd, tensor } from '@ag/core';
 *
 * const x = tensor([1, 2, 3], { requiresGrad: true });
 * // x * x saves x twice; the hooks keep 2x, so the gradient x + x becomes 4x.
 * const y = autograd.graph.savedTensorsHooks((t) => t.mul(2), (t) => t, () => x.mul(x));
 * y.sum().backward();
 * console.log(x.grad?.toArraySync());
 * ```
 *
 * ```text
 * [ 4, 8, 12 ]
 * ```
 */
export function savedTensorsHooks<T, P>(
  packHook: (tensor: Tensor) => P,
  unpackHook: (packed: P) => Tensor,
  fn: () => T,
): T {
  const op = 'savedTensorsHooks';
  checkHook(op, 'packHook', packHook);
  checkHook(op, 'unpackHook', unpackHook);
  return withSavedHooks(op, { pack: packHook, unpack: unpackHook as (packed: unknown) => Tensor }, fn);
}

/** @internal Runs `fn` with `hooks` packing what ops save (the scope of `op`: savedTensorsHooks, saveOnCpu). */
export function withSavedHooks<T>(op: string, hooks: SavedTensorHooks, fn: () => T): T {
  return scoped(op, fn, () => {
    if (disabledMessage !== null) throw new AutogradError(disabledMessage);
    const previous = active;
    active = hooks;
    return () => {
      active = previous;
    };
  });
}

/**
 * Runs `fn` where saved-tensor hooks may not be set (torch.autograd.graph.disable_saved_tensors_hooks),
 * for code that does not work with them: a `savedTensorsHooks` (or `saveOnCpu`) scope opened
 * inside throws an Error whose message is `errorMessage`, and so does this call when such a
 * scope is already active around it.
 */
export function disableSavedTensorsHooks<T>(errorMessage: string, fn: () => T): T {
  return scoped('disableSavedTensorsHooks', fn, () => {
    // PyTorch leaves the hooks disabled when this check fails; here nothing changes then.
    if (active !== null) throw new AutogradError(errorMessage);
    const previous = disabledMessage;
    disabledMessage = errorMessage;
    return () => {
      disabledMessage = previous;
    };
  });
}

function checkHook(op: string, which: string, hook: unknown): void {
  if (typeof hook !== 'function') throw new ArgumentError(`${op}: ${which} must be a function, got ${typeName(hook)}`);
  if (hook.constructor.name === 'AsyncFunction') {
    throw new ArgumentError(
      `${op}: ${which} is async, but ops save and backward reads saved tensors synchronously, so its promise ` +
        'could not be awaited; pass a synchronous function',
    );
  }
}

/**
 * The tensors a node saved, as the hooks packed them, each with the place in the graph the saved
 * tensor had (its node and output number, or a leaf's AccumulateGrad), which the unpacked tensor
 * takes: PyTorch's SavedVariable with hooks.
 */
export class PackedSaved {
  private constructor(
    private readonly unpackHook: SavedTensorHooks['unpack'],
    private readonly packed: readonly unknown[],
    private readonly nodes: readonly (Node | null)[],
    private readonly nrs: readonly number[],
  ) {}

  /** Packs `tensors` (saved by the node named `op`) with `hooks`, without recording a graph. */
  static pack(hooks: SavedTensorHooks, tensors: readonly Tensor[], op: string): PackedSaved {
    const nodes = tensors.map((t) => t._edgeNode());
    const nrs = tensors.map((t) => (t._gradFn === null ? 0 : t._outputNr));
    const packed = noGrad(() =>
      tensors.map((t) => {
        const version = t._store.version;
        const p = hooks.pack(t);
        if (t._store.version !== version) {
          throw new AutogradError(
            `${op}: a saved tensor pack hook is modifying its input in place. Tensors provided as input to a pack hook ` +
              'can not be modified by in-place operations, as this can lead to unexpected side-effects; pack a clone instead.',
          );
        }
        return p;
      }),
    );
    return new PackedSaved(hooks.unpack, packed, nodes, nrs);
  }

  /** The saved tensors back, through the unpack hook (called once per tensor, per call). */
  unpack(op: string): Tensor[] {
    return this.packed.map((p, i) => {
      const t = this.unpackHook(p);
      if (!isTensor(t)) {
        throw new ArgumentError(
          `${op}: output of saved tensor unpack hook expected to be a Tensor but got result of type ${typeName(t)}`,
        );
      }
      return standIn(t, this.nodes[i]!, this.nrs[i]!);
    });
  }
}

/**
 * `t`'s values in the saved tensor's place in the graph: `t` itself when it has that place,
 * else a tensor sharing its storage whose gradient goes where the saved tensor's went.
 */
function standIn(t: Tensor, node: Node | null, nr: number): Tensor {
  if (node === null) return t.requiresGrad ? viewOf(t, t.shape, t.strides, t.offset) : t;
  const isLeaf = node instanceof AccumulateGrad;
  if (isLeaf ? t._fn === null && t._accumulator === node : t._gradFn === node && t._outputNr === nr) return t;
  const s = viewOf(t, t.shape, t.strides, t.offset);
  if (isLeaf) {
    s._requiresGrad = true;
    s._accumulator = node;
  } else {
    s._gradFn = node;
    s._outputNr = nr;
  }
  return s;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  return typeof v;
}
