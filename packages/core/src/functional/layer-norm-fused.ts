import { isGradEnabled } from '../autograd/grad-mode.js';
import { wrap } from '../ops/dispatch.js';
import { activeTracer } from '../ops/trace-hook.js';
import type { Tensor } from '../tensor.js';

/**
 * Layer norm through the backend's optional fused kernels (Kernels.layerNorm), where it has
 * them and the operands suit them: float32 or float64, weight and bias of the input's dtype.
 * Not under an export trace, which records the composite's parts, and not for a backward that
 * records a graph (createGraph), whose gradients the composite's public ops differentiate.
 */
export function fusesLayerNorm(x: Tensor, weight: Tensor | null, bias: Tensor | null): boolean {
  const k = x.backend.kernels;
  return (
    k.layerNorm !== undefined &&
    k.layerNormBackward !== undefined &&
    (x.dtype === 'float32' || x.dtype === 'float64') &&
    (weight === null || weight.dtype === x.dtype) &&
    (bias === null || bias.dtype === x.dtype) &&
    activeTracer() === null
  );
}

export function fusedLayerNorm(
  x: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  cols: number,
  eps: number,
): Tensor {
  const b = x.backend;
  return wrap(b, b.kernels.layerNorm!(x, weight, bias, cols, eps), x.shape, x.dtype);
}

/** [dx, d weight, d bias] from the fused backward, or null where the composite's must run. */
export function fusedLayerNormBackward(
  g: Tensor,
  x: Tensor,
  weight: Tensor | null,
  cols: number,
  eps: number,
): [Tensor, Tensor, Tensor] | null {
  if (isGradEnabled() || g.dtype !== x.dtype) return null;
  const b = x.backend;
  const [dx, dw, db] = b.kernels.layerNormBackward!(g, x, weight, cols, eps);
  return [wrap(b, dx, x.shape, x.dtype), wrap(b, dw, [cols], x.dtype), wrap(b, db, [cols], x.dtype)];
}
