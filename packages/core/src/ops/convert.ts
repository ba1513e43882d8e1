import type { DType } from '../dtype.js';
import { DTYPES, isFloating } from '../dtype.js';
import { getBackend } from '../backend/registry.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkDtypeOnDevice, viewOf, wrap } from './dispatch.js';
import { hostValues } from '../read.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { sumTo } from './reduce.js';
import { expand } from './view.js';
import { zerosLike } from './creation.js';

/** A tensor sharing `x`'s storage and layout, outside the graph. */
export function detach(x: Tensor): Tensor {
  return viewOf(x, x.shape, x.strides, x.offset);
}

/** A contiguous copy with its own storage; differentiable (CloneBackward0). */
export function clone(x: Tensor): Tensor {
  const backend = x.backend;
  const y = wrap(backend, backend.kernels.copy(x, x.dtype), x.shape, x.dtype);
  return defineOp('CloneBackward0', [x], y, NOTHING_SAVED, (g) => [g], null);
}

/** A dtype name ('float64'), a device name ('webgpu'), or both. */
export type ToTarget = string | { device?: string; dtype?: DType };

function isDType(s: string): s is DType {
  return (DTYPES as readonly string[]).includes(s);
}

/**
 * A copy on another device and/or of another dtype; `x` itself when nothing changes.
 * Differentiable between floating dtypes and across devices (ToCopyBackward0).
 */
export function to(x: Tensor, target: ToTarget): Tensor {
  const spec = typeof target === 'string' ? (isDType(target) ? { dtype: target } : { device: target }) : target;
  const dtype = spec.dtype ?? x.dtype;
  const backend = spec.device === undefined ? x.backend : getBackend(spec.device);
  if (dtype === x.dtype && backend === x.backend) return x;
  checkDtypeOnDevice('to', backend, dtype);
  let y: Tensor;
  if (backend === x.backend) {
    y = wrap(backend, backend.kernels.copy(x, dtype), x.shape, dtype);
  } else if (backend.dtypes.includes(x.dtype)) {
    // Across devices values pass through host memory; a cast then runs on the target device.
    const moved = wrap(backend, backend.upload(hostValues(x, 'to'), x.dtype), x.shape, x.dtype);
    y = dtype === x.dtype ? moved : wrap(backend, backend.kernels.copy(moved, dtype), x.shape, dtype);
  } else {
    const cast = wrap(x.backend, x.backend.kernels.copy(x, dtype), x.shape, dtype);
    y = wrap(backend, backend.upload(hostValues(cast, 'to'), dtype), x.shape, dtype);
  }
  if (!isFloating(dtype)) return y;
  const from = { device: x.device, dtype: x.dtype };
  return defineOp('ToCopyBackward0', [x], y, NOTHING_SAVED, (g) => [to(g, from)], null);
}

/** Checks a tensor assigned to `.grad`: same shape, dtype and device as the tensor. */
export function checkGradAssignable(x: Tensor, g: Tensor): void {
  if (!shapesEqual(x.shape, g.shape) || g.dtype !== x.dtype || g.device !== x.device) {
    throw new Error(
      `grad: assigned grad must match the tensor: expected shape ${formatShape(x.shape)}, dtype ${x.dtype}, device '${x.device}', ` +
        `got shape ${formatShape(g.shape)}, dtype ${g.dtype}, device '${g.device}'`,
    );
  }
}

interface CopyAttrs {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly device: string;
}

/**
 * `src` broadcast to `like`'s shape, on its device and of its dtype: the values `copy_` writes
 * into `like`, recorded as one node (CopyBackwards, PyTorch's name for copy_'s) with both as
 * inputs: `like`'s old values get zeros (they no longer matter), `src` the gradient summed to
 * its shape, on its device and of its dtype.
 */
export function copyFrom(src: Tensor, like: Tensor): Tensor {
  const attrs: CopyAttrs = { shape: src.shape, dtype: src.dtype, device: src.device };
  return defineOp(
    'CopyBackwards',
    [like, src],
    () => expand(to(src, { dtype: like.dtype, device: like.device }), like.shape),
    NOTHING_SAVED,
    copyBackward,
    attrs,
  );
}

function copyBackward(
  g: Tensor,
  _saved: readonly Tensor[],
  a: CopyAttrs,
  needs: readonly boolean[],
): (Tensor | null)[] {
  return [
    needs[0] ? zerosLike(g) : null,
    needs[1] ? to(sumTo(g, a.shape), { dtype: a.dtype, device: a.device }) : null,
  ];
}

/**
 * `values` as the result of an in-place op that overwrites `self` without reading it (fill_,
 * zero_, normal_, uniform_), recorded as PyTorch records them: a node `name` that sends zeros to
 * self's old history, so that the tensors it came from get a zero gradient rather than none.
 */
export function overwrite(name: string, self: Tensor, values: Tensor): Tensor {
  return defineOp(name, [self], values, NOTHING_SAVED, (g) => [zerosLike(g)], null);
}
