import type { Tensor } from '../tensor.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { shapesEqual } from '../shape.js';
import { wrap } from './dispatch.js';
import { exp, mul, sub } from './elementwise.js';
import { sum } from './reduce.js';

/**
 * softmax's (or, with `log`, logSoftmax's) input gradient along `dim` from the output gradient
 * `g` and the saved output `y`: y * (g - sum(g * y)) for softmax, g - exp(y) * sum(g) for
 * logSoftmax, the sums along `dim`. One pass per line through the backend's fused kernel where it
 * has one and the result need not record a graph; otherwise the composition, which records one
 * for a double backward.
 */
export function softmaxGrad(g: Tensor, y: Tensor, dim: number, log: boolean): Tensor {
  const { kernels } = g.backend;
  const fusable =
    kernels.softmaxBackward !== undefined &&
    g.ndim > 0 &&
    g.backend === y.backend &&
    g.dtype === y.dtype &&
    (g.dtype === 'float32' || g.dtype === 'float64') &&
    shapesEqual(g.shape, y.shape) &&
    !(isGradEnabled() && (g.requiresGrad || y.requiresGrad));
  if (fusable) return wrap(g.backend, kernels.softmaxBackward!(g, y, dim, log, g.dtype), g.shape, g.dtype);
  return log ? sub(g, mul(exp(y), sum(g, dim, true))) : mul(y, sub(g, sum(mul(g, y), dim, true)));
}
