import type { Tensor } from '../tensor.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { shapesEqual } from '../shape.js';
import { wrap } from './dispatch.js';
import { gt, where } from './elementwise.js';

/**
 * relu's input gradient from the output gradient `g` and the saved output `y`: g where y > 0,
 * else 0 (so 0 at y = 0 and where y is NaN), as PyTorch's threshold_backward. One pass through
 * the backend's fused kernel where it has one and the result need not record a graph; otherwise
 * the composition, which records one for a double backward.
 */
export function reluGrad(g: Tensor, y: Tensor): Tensor {
  const { kernels } = g.backend;
  const fusable =
    kernels.reluBackward !== undefined &&
    g.backend === y.backend &&
    g.dtype === y.dtype &&
    (g.dtype === 'float32' || g.dtype === 'float64') &&
    shapesEqual(g.shape, y.shape) &&
    !(isGradEnabled() && (g.requiresGrad || y.requiresGrad));
  if (fusable) return wrap(g.backend, kernels.reluBackward!(g, y, g.dtype), g.shape, g.dtype);
  return where(gt(y, 0), g, 0);
}
