import type { Tensor } from '../tensor.js';
import { formatShape, shapesEqual } from '../shape.js';
import { isFloating } from '../dtype.js';
import { isGradEnabled, isInferenceModeEnabled, noGrad } from './grad-mode.js';
import { CopySlices } from './copy-slices.js';
import { Node } from './node.js';
import { checkNoInternalOverlap, writableValues } from './overlap.js';
import { checkInplace, leafInplaceError, moveRetainedGrad, requiresGradAsView } from './view-history.js';
import { AutogradError, DTypeError, ShapeError } from '../errors.js';

/**
 * PyTorch's in-place op, done generically: `compute` gives the out-of-place result (recording
 * the graph when grad mode is on), the result is written into `t`'s storage with the backend's
 * `assign` (which respects strides, so a view writes through to its base), the storage's
 * version counter is bumped, and the history is rebased as PyTorch's rebase_history does: `t`
 * takes the result's node, or, when `t` is a view, its base takes a CopySlices wrapping that node
 * (and the view a node read from the base, on its next use: view-history.ts).
 *
 * `compute` must read the values through the tensor it is given, as its op's input 0: when the
 * graph is recorded that is a stand-in for `t` (see {@link standIn}), so that the op's saved
 * values are the original ones.
 * Every check runs before the write, so an error leaves every tensor as it was.
 */
export function inplace(t: Tensor, op: string, compute: (self: Tensor) => Tensor): Tensor {
  if (t._inference && !isInferenceModeEnabled()) {
    throw new AutogradError(
      `${op}: Inplace update to inference tensor outside InferenceMode is not allowed. You can make a clone to get a normal tensor before doing inplace update.`,
    );
  }
  checkNoInternalOverlap(op, t);
  const recording = isGradEnabled();
  // A leaf that requires grad fails whatever the result: before computing one.
  if (recording && t._base === null && t.isLeaf && t._requiresGrad) throw leafInplaceError(op);
  const selfRequiresGrad = recording && requiresGradAsView(t);
  const src = selfRequiresGrad && t.requiresGrad ? standIn(t) : t;
  const result = compute(src);
  if (!shapesEqual(result.shape, t.shape)) {
    throw new ShapeError(
      `${op}: output with shape ${formatShape(t.shape)} doesn't match the broadcast shape ${formatShape(result.shape)}`,
    );
  }
  if (result.dtype !== t.dtype && isFloating(result.dtype) && !isFloating(t.dtype)) {
    throw new DTypeError(`${op}: result type ${result.dtype} can't be cast to the desired output type ${t.dtype}`);
  }
  const value = result.dtype === t.dtype ? result : result.to(t.dtype);
  const tracked = recording && value.requiresGrad;
  if (recording && (tracked || selfRequiresGrad)) checkInplace(op, t);
  if (recording && src !== t && !tracked) {
    // Keeping t's history for values that no longer come from it would be a silent wrong gradient.
    throw new AutogradError(
      `${op}: its result does not record the graph of the tensor it writes; this in-place op is not differentiable`,
    );
  }
  const rebase = tracked ? rebaseHistory(op, t, inplaceNode(value, result), value._outputNr, src) : null;
  const written = writableValues(op, t, value);
  if (t.numel() > 0 && written !== null) t.backend.kernels.assign(t, written);
  t._store.version++;
  rebase?.();
  return t;
}

/**
 * The node of the in-place op: the result's, or, when the result is cast back to the written
 * tensor's dtype (float32 written with a float64 operand), the op's node with the cast's
 * gradient run first, named and linked as the op's: PyTorch's in-place op is one node that
 * casts inside.
 */
function inplaceNode(value: Tensor, result: Tensor): Node {
  const fn = value._gradFn!;
  const opNode = result._gradFn;
  return value === result || opNode === null ? fn : new CastBack(opNode, fn);
}

class CastBack extends Node {
  readonly name: string;

  constructor(
    private readonly op: Node,
    private readonly cast: Node,
  ) {
    super(op.nextNodes, op.nextNrs);
    this.name = op.name;
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    return this.op.apply(this.cast.apply(grads));
  }

  override release(): void {
    this.op.release();
    this.cast.release();
  }

  override get savedTensors(): readonly Tensor[] {
    return [...this.cast.savedTensors, ...this.op.savedTensors];
  }

  override get keepsNothing(): boolean {
    return this.op.keepsNothing && this.cast.keepsNothing;
  }

  override checkRunnable(): void {
    this.op.checkRunnable();
    this.cast.checkRunnable();
  }
}

/**
 * The history `t` takes from `fn`, the node of its new values (PyTorch's rebase_history), built
 * before the write and installed after it. Throws what is not supported, before anything changes.
 */
function rebaseHistory(op: string, t: Tensor, fn: Node, outputNr: number, src: Tensor): () => void {
  const base = t._base;
  if (base === null) {
    return () => {
      moveRetainedGrad(t, t._fn, fn, outputNr);
      t._fn = fn;
      t._outputNr = outputNr;
    };
  }
  // CopySlices runs fn on the view's part of the gradient: fn's input 0 must be the view itself.
  if (outputNr !== 0 || fn.nextNodes[0] !== src._edgeNode()) {
    throw new AutogradError(
      `${op}: this in-place op on a view of a tensor in the graph is not supported; clone the view first`,
    );
  }
  const node = new CopySlices(base, t, fn);
  return () => {
    moveRetainedGrad(base, base._fn, node, 0);
    base._fn = node;
    base._outputNr = 0;
  };
}

/**
 * A copy of `t`'s values that stands for `t` in the graph (its node is t's), as PyTorch's
 * in-place ops save `original_self`: the op saves the values before the write, and its node's
 * input 0 is t's history itself, with no clone node between.
 */
function standIn(t: Tensor): Tensor {
  const copy = noGrad(() => t.clone());
  copy._gradFn = t._gradFn;
  copy._outputNr = t._outputNr;
  return copy;
}
