import type { DType } from '../dtype.js';
import { DTYPES, isFloating } from '../dtype.js';
import { getBackend } from '../backend/registry.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkDtypeOnDevice, viewOf, wrap } from './dispatch.js';
import { forgetReadAhead, hostValues, readAhead } from '../read.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { sumTo } from './reduce.js';
import { expand } from './view.js';
import { zerosLike } from './creation.js';
import { DeviceError, DTypeError, ShapeError } from '../errors.js';

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

/** Whether a `to` target string names a dtype (else it names a device). */
export function isDType(s: string): s is DType {
  return (DTYPES as readonly string[]).includes(s);
}

function toSpec(target: ToTarget): { device?: string; dtype?: DType } {
  return typeof target === 'string' ? (isDType(target) ? { dtype: target } : { device: target }) : target;
}

/** What a copy from a device that reads only asynchronously says to do instead. */
const AWAIT_TO = 'copy with the awaited form, `await t.toAsync(device)` (or `await t.cpu()`)';

/**
 * A copy on another device and/or of another dtype; `x` itself when nothing changes.
 * Differentiable between floating dtypes and across devices (ToCopyBackward0). A copy from a
 * device whose values are read only asynchronously (WebGPU) to another device is
 * {@link toAsync}; here it is an error naming that form.
 */
export function to(x: Tensor, target: ToTarget): Tensor {
  const spec = toSpec(target);
  const dtype = spec.dtype ?? x.dtype;
  const backend = spec.device === undefined ? x.backend : getBackend(spec.device);
  if (dtype === x.dtype && backend === x.backend) return x;
  checkDtypeOnDevice('to', backend, dtype);
  let y: Tensor;
  if (backend === x.backend) {
    y = wrap(backend, backend.kernels.copy(x, dtype), x.shape, dtype);
  } else if (backend.dtypes.includes(x.dtype)) {
    // Across devices values pass through host memory; a cast then runs on the target device.
    const moved = wrap(backend, backend.upload(hostValues(x, 'to', AWAIT_TO), x.dtype), x.shape, x.dtype);
    y = dtype === x.dtype ? moved : wrap(backend, backend.kernels.copy(moved, dtype), x.shape, dtype);
  } else {
    const cast = wrap(x.backend, x.backend.kernels.copy(x, dtype), x.shape, dtype);
    y = wrap(backend, backend.upload(hostValues(cast, 'to', AWAIT_TO), dtype), x.shape, dtype);
  }
  if (!isFloating(dtype)) return y;
  const from = { device: x.device, dtype: x.dtype };
  const out = defineOp('ToCopyBackward0', [x], y, NOTHING_SAVED, (g) => [to(g, from)], null);
  // The gradient comes back across devices: from one that reads only asynchronously, the
  // engine reads it ahead (`backwardAsync`), or says to.
  if (out._gradFn !== null && backend !== x.backend && backend.readSync === undefined) out._gradFn.readsHost = true;
  return out;
}

/**
 * `to`, awaited: from a device whose values are read only asynchronously (WebGPU) to another
 * device, the values are read first (PyTorch's `t.to('cpu')`, which blocks, written `await`).
 * The copy is the same op, with the same gradient (ToCopyBackward0).
 */
export async function toAsync(x: Tensor, target: ToTarget): Promise<Tensor> {
  const device = toSpec(target).device;
  if (device === undefined || getBackend(device) === x.backend) return to(x, target);
  await readAhead(x);
  try {
    return to(x, target);
  } finally {
    forgetReadAhead(x);
  }
}

/** PyTorch's `t.cpu()`, awaited: a copy on the 'cpu' device (`x` itself when already there). */
export function cpu(x: Tensor): Promise<Tensor> {
  return toAsync(x, 'cpu');
}

/** Checks a tensor assigned to `.grad`: same shape, dtype and device as the tensor. */
export function checkGradAssignable(x: Tensor, g: Tensor): void {
  const Kind = !shapesEqual(x.shape, g.shape)
    ? ShapeError
    : g.dtype !== x.dtype
      ? DTypeError
      : g.device !== x.device
        ? DeviceError
        : null;
  if (Kind !== null) {
    throw new Kind(
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
export function copyFrom(src: Tensor, like: Tensor, op = 'copy_'): Tensor {
  if (!broadcastsTo(src.shape, like.shape))
    throw new ShapeError(
      `${op}: the source of shape ${formatShape(src.shape)} cannot be broadcast to the destination's shape ${formatShape(like.shape)}`,
    );
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

/** Whether `from` broadcasts to exactly `to` (each trailing size equal, or 1 in `from`). */
function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  return from.every((s, i) => s === 1 || s === to[to.length - from.length + i]);
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
 * Values that do not depend on `inputs` recorded as one node named `name` whose gradient to every
 * input is zeros, as PyTorch records its overwrites and samplers (FillBackward0, ZeroBackward0,
 * UniformBackward0, NormalBackward1, ...): the graph goes on through them, with zeros, not null.
 */
export function withZeroGradient(name: string, inputs: readonly Tensor[], compute: () => Tensor): Tensor {
  return defineOp(name, inputs, compute, NOTHING_SAVED, () => inputs.map((x) => zerosLike(x)), null);
}
