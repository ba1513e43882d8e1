import type { Tensor } from '../tensor.js';
import { formatShape, shapesEqual } from '../shape.js';
import { isFloating } from '../dtype.js';
import { isGradEnabled, isInferenceModeEnabled } from './grad-mode.js';

/** Backward names of the ops that return views: in-place on their results would need CopySlices. */
const VIEW_NODES =
  /^(View|Reshape|ReshapeAlias|Transpose|Permute|Expand|Slice|Select|Squeeze|Unsqueeze|T|AsStrided|Alias|Unflatten|Narrow|Unbind|Split|Chunk|Diagonal|Flatten)Backward/;

/**
 * PyTorch's in-place op, done generically: `compute` gives the out-of-place result (recording
 * the graph when grad mode is on), the result is written into `t`'s storage with the backend's
 * `assign` (which respects strides, so a view writes through to its base), the storage's
 * version counter is bumped, and `t` takes the result's autograd history.
 *
 * When the graph is recorded, `compute` gets a clone of `t` rather than `t` itself, so that the
 * op's saved values are the original ones. In-place on a view of a tensor that requires grad
 * (PyTorch's CopySlices) is not supported yet and throws.
 */
export function inplace(t: Tensor, op: string, compute: (self: Tensor) => Tensor): Tensor {
  if (t._inference && !isInferenceModeEnabled()) {
    throw new Error(
      `${op}: Inplace update to inference tensor outside InferenceMode is not allowed. You can make a clone to get a normal tensor before doing inplace update.`,
    );
  }
  const recording = isGradEnabled();
  if (recording && t.isLeaf && t._requiresGrad) {
    throw new Error(`${op}: a leaf Variable that requires grad is being used in an in-place operation.`);
  }
  const src = recording && t.requiresGrad ? t.clone() : t;
  const result = compute(src);
  if (!shapesEqual(result.shape, t.shape)) {
    throw new Error(
      `${op}: output with shape ${formatShape(t.shape)} doesn't match the broadcast shape ${formatShape(result.shape)}`,
    );
  }
  if (result.dtype !== t.dtype && isFloating(result.dtype) && !isFloating(t.dtype)) {
    throw new Error(`${op}: result type ${result.dtype} can't be cast to the desired output type ${t.dtype}`);
  }
  const tracked = recording && result.requiresGrad;
  if (recording && (tracked || t.requiresGrad) && isViewOfGraph(t)) {
    throw new Error(
      `${op}: in-place operation on a view of a tensor that requires grad is not supported yet; use the out-of-place op (or clone the view first)`,
    );
  }
  const value = result.dtype === t.dtype ? result : result.to(t.dtype);
  if (t.numel() > 0) t.backend.kernels.assign(t, value);
  t._store.version++;
  if (tracked) {
    t._gradFn = value._gradFn;
    t._outputNr = value._outputNr;
  } else if (recording && t._gradFn !== null) {
    // Its new values do not depend on the graph (fill_, zero_): its history ends here.
    t._gradFn = null;
    t._outputNr = 0;
  }
  return t;
}

/** Whether `t` is a view whose base may be in the graph (or would join it by this write). */
function isViewOfGraph(t: Tensor): boolean {
  const node = t._gradFn;
  if (node !== null) return VIEW_NODES.test(node.name);
  // A tensor outside the graph that shares its storage partially is a view of some base.
  return t.offset !== 0 || t.numel() !== t._store.size || !t.isContiguous();
}
