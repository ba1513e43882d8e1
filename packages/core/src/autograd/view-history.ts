import type { Tensor } from '../tensor.js';
import type { Node } from './node.js';
import { isGradEnabled } from './grad-mode.js';
import { asStridedGradFn } from '../ops/strided.js';
import { AutogradError } from '../errors.js';

/**
 * Views and their base, as PyTorch's differentiable views (torch/csrc/autograd/variable.h,
 * "Autograd View Variables"). A view op's result remembers the tensor whose storage it views
 * (`_base`, never itself such a view) and the grad mode it was made in. Views and base share
 * one version counter (the storage's). An in-place write through a view rewrites the base's
 * history (copy-slices.ts); every view whose storage was written since its node was set gets a
 * new node on its next use, AsStridedBackward0 from the base's current history, which is how
 * PyTorch regenerates a view's grad_fn.
 */

/** The grad mode a view was made in: a view made under noGrad may not be written with grad on. */
export type ViewCreation = 'default' | 'noGrad';

/** Marks `view`, just made from `x` by a view op, as a view of x's base. */
export function markView(view: Tensor, x: Tensor): Tensor {
  const viewed = x._base;
  view._base = viewed ?? x;
  // A view of a view made under noGrad inherits the restriction (PyTorch's propagate_creation_meta).
  view._viewCreation = viewed !== null && x._viewCreation !== 'default' ? x._viewCreation : creationNow();
  view._viewVersion = x._store.version;
  return view;
}

function creationNow(): ViewCreation {
  return isGradEnabled() ? 'default' : 'noGrad';
}

/**
 * The node of a view whose storage was written in place since its node was set: a new
 * AsStridedBackward0 from the base's current history (the view's values now come from there).
 * A view made under noGrad keeps its node: it stays outside the graph, as it was made.
 */
export function refreshViewGradFn(view: Tensor): Node | null {
  const base = view._base!;
  const old = view._fn;
  if ((old === null && !base.requiresGrad) || view._viewCreation !== 'default') return old;
  const fn = asStridedGradFn(base, view);
  moveRetainedGrad(view, old, fn, 0);
  view._fn = fn;
  view._outputNr = 0;
  view._viewVersion = view._store.version;
  return fn;
}

/**
 * `retainGrad()` follows a tensor to its new node when an in-place op gives it one, so that
 * `.grad` is the gradient of its new value (PyTorch's update_tensor_hooks_on_new_gradfn). Tensor
 * hooks stay on the old node: they see the gradient of the value they were registered on.
 */
export function moveRetainedGrad(t: Tensor, old: Node | null, fn: Node, outputNr: number): void {
  if (!t.retainsGrad || old === null) return;
  const retained = old.retained;
  if (retained !== null && retained.get(t._outputNr) === t) {
    retained.delete(t._outputNr);
    if (retained.size === 0) old.retained = null;
  }
  (fn.retained ??= new Map()).set(outputNr, t);
}

/**
 * Makes a recorded op's result a tensor of its own unless it views one of the op's inputs. A
 * kernel's output reshaped to drop reduced dims (sum, amax, a vector matmul) is a view of that
 * output, a tensor no one else holds; left so, an in-place write to the result was refused as a
 * write to a view of a leaf (or of a view made under noGrad, inside a composite op). PyTorch's
 * non-view ops return new tensors. A view of an input (a no-op's result) keeps its base.
 */
export function forgetInternalBase(out: Tensor, inputs: readonly Tensor[]): void {
  const base = out._base;
  if (base === null) return;
  for (const t of inputs) if (t === base || t._base === base) return;
  out._base = null;
  out._viewCreation = 'default';
}

/** Whether `t` requires grad, counting a view made under noGrad whose base does (as PyTorch counts it). */
export function requiresGradAsView(t: Tensor): boolean {
  return t.requiresGrad || (t._base !== null && t._base.requiresGrad);
}

/**
 * PyTorch's check_inplace, for an in-place op that will record a graph: a view made under noGrad
 * may not be written, nor a view of a leaf that requires grad, nor such a leaf itself.
 */
export function checkInplace(op: string, t: Tensor): void {
  const base = t._base;
  if (base !== null) {
    if (t._viewCreation !== 'default') throw noGradViewError(op, t);
    if (t.requiresGrad && base.isLeaf) {
      throw new AutogradError(
        `${op}: a view of a leaf Variable that requires grad is being used in an in-place operation.`,
      );
    }
  }
  if (t.requiresGrad && t.isLeaf) throw leafInplaceError(op);
}

export function leafInplaceError(op: string): Error {
  return new AutogradError(`${op}: a leaf Variable that requires grad is being used in an in-place operation.`);
}

function noGradViewError(op: string, t: Tensor): Error {
  const fn = t._fn;
  const prefix =
    fn === null
      ? 'A view was created in'
      : `Output ${t._outputNr} of ${fn.name} is a view of a view which was created in`;
  return new AutogradError(
    `${op}: ${prefix} no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. ` +
      "You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).",
  );
}
