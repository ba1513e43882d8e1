import type { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { tensor } from '../ops/creation.js';
import { div } from '../ops/elementwise.js';

/**
 * Scales all gradients together so that their total p-norm is at most `maxNorm`
 * (torch.nn.utils.clip_grad_norm_); returns the total norm before clipping.
 */
export function clipGradNorm_(params: Iterable<Tensor>, maxNorm: number, normType = 2): Tensor {
  const grads = [...params].map((p) => p.grad).filter((g): g is Tensor => g !== null);
  return noGrad(() => {
    if (grads.length === 0) return tensor(0);
    const norms = grads.map((g) => (normType === Infinity ? g.abs().amax() : g.abs().pow(normType).sum()));
    let total = norms.reduce((a, b) => (normType === Infinity ? a.maximum(b) : a.add(b)));
    if (normType !== Infinity) total = total.pow(1 / normType);
    const coef = div(maxNorm, total.add(1e-6)).minimum(1);
    for (const g of grads) g.mul_(coef);
    return total;
  });
}

/** Clamps every gradient to [-clipValue, clipValue] in place (torch.nn.utils.clip_grad_value_). */
export function clipGradValue_(params: Iterable<Tensor>, clipValue: number): void {
  noGrad(() => {
    for (const p of params) p.grad?.clamp_(-clipValue, clipValue);
  });
}
