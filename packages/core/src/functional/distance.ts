import { broadcastShapes } from '../shape.js';
import { div, maximum, mul, sqrt } from '../ops/elementwise.js';
import { sum } from '../ops/reduce.js';
import { expand } from '../ops/view.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';

/**
 * Cosine of the angle between x1 and x2 along `dim` (broadcasting them first):
 * sum(x1 x2) / (max(|x1|, eps) max(|x2|, eps)), as PyTorch computes it.
 */
export function cosineSimilarity(x1: Tensor, x2: Tensor, dim = 1, eps = 1e-8): Tensor {
  checkFloat('cosineSimilarity', 'x1', x1);
  checkFloat('cosineSimilarity', 'x2', x2);
  const shape = broadcastShapes('cosineSimilarity', x1.shape, x2.shape);
  const a = expand(x1, shape);
  const b = expand(x2, shape);
  const norm = (v: Tensor) => maximum(sqrt(sum(mul(v, v), dim)), eps);
  return div(sum(mul(a, b), dim), mul(norm(a), norm(b)));
}

/**
 * The p-norm of x1 - x2 + eps along the last dim (torch's pairwise_distance: eps keeps the
 * norm's gradient finite where the vectors meet).
 */
export function pairwiseDistance(x1: Tensor, x2: Tensor, p = 2, eps = 1e-6, keepdim = false): Tensor {
  checkFloat('pairwiseDistance', 'x1', x1);
  checkFloat('pairwiseDistance', 'x2', x2);
  const shape = broadcastShapes('pairwiseDistance', x1.shape, x2.shape);
  return x1
    .sub(x2)
    .add(eps)
    .norm(p, Math.max(shape.length - 1, 0), keepdim);
}

/** x / max(|x|_p, eps) along `dim`: vectors scaled to unit p-norm (torch's normalize). */
export function normalize(x: Tensor, p = 2, dim = 1, eps = 1e-12): Tensor {
  checkFloat('normalize', 'input', x);
  return div(x, x.norm(p, dim, true).clampMin(eps));
}
