import { shapesEqual, formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { jvpOf } from './jvp-of.js';
import { enableGrad } from './grad-mode.js';
import { AutogradError, DTypeError, DeviceError, ShapeError } from '../errors.js';

/** The dual tensors of the open level and their tangents. */
interface Level {
  readonly duals: Tensor[];
  readonly tangents: Tensor[];
}

let level: Level | null = null;

/**
 * Runs `fn` inside a forward-AD level (torch.autograd.forward_ad.dual_level): dual tensors made
 * in it with {@link makeDual} carry tangents until it ends. One level at a time, as PyTorch.
 */
export function dualLevel<T>(fn: () => T): T {
  if (level !== null) throw new AutogradError('dualLevel: nested forward AD levels are not supported (as in PyTorch)');
  level = { duals: [], tangents: [] };
  try {
    return fn();
  } finally {
    level = null;
  }
}

/**
 * A dual tensor: `primal`'s values, carrying `tangent` (torch.autograd.forward_ad.make_dual).
 * Functions of it have tangents that {@link unpackDual} returns: the Jacobian-vector product.
 *
 * ag computes a tangent when it is asked for, from the graph reverse mode records, by the
 * double-backward trick (as `jvp` does), rather than alongside every op: the values are exact
 * and every differentiable op has them, but a dual tensor requires grad (to record that graph),
 * and ops run inside `noGrad` carry no tangent.
 */
export function makeDual(primal: Tensor, tangent: Tensor): Tensor {
  if (level === null)
    throw new AutogradError('makeDual: no forward AD level is open; call it inside dualLevel(() => ...)');
  if (!shapesEqual(primal.shape, tangent.shape))
    throw new ShapeError(
      `makeDual: the tangent has shape ${formatShape(tangent.shape)} but the primal has shape ${formatShape(primal.shape)}`,
    );
  if (!primal.isFloatingPoint())
    throw new DTypeError(`makeDual: expected a floating-point primal, got dtype ${primal.dtype}`);
  if (tangent.dtype !== primal.dtype)
    throw new DTypeError(`makeDual: the tangent has dtype ${tangent.dtype} but the primal has dtype ${primal.dtype}`);
  if (tangent.device !== primal.device)
    throw new DeviceError(`makeDual: the tangent is on '${tangent.device}' but the primal is on '${primal.device}'`);
  // A view keeps the primal's own history for reverse mode; a leaf otherwise.
  const dual = enableGrad(() =>
    primal.requiresGrad ? primal.view(primal.shape) : primal.detach().requiresGrad_(true),
  );
  level.duals.push(dual);
  level.tangents.push(tangent);
  return dual;
}

/** A tensor's primal and tangent (torch.autograd.forward_ad.unpack_dual's named tuple). */
export interface UnpackedDual {
  readonly primal: Tensor;
  /** J t for the dual tensors it depends on; null when it depends on none (or no level is open). */
  readonly tangent: Tensor | null;
}

/** The primal (detached) and the tangent of `t` (torch.autograd.forward_ad.unpack_dual). */
export function unpackDual(t: Tensor): UnpackedDual {
  const open = level;
  if (open === null || open.duals.length === 0 || !t.requiresGrad || !t.isFloatingPoint())
    return { primal: t.detach(), tangent: null };
  return { primal: t.detach(), tangent: enableGrad(() => jvpOf(t, open.duals, open.tangents)) };
}
