import { add, div, exp, gt, log, maximum, mul, neg, relu, sigmoid, sub, where } from '../ops/elementwise.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, type ReductionOptions } from './common.js';
import { pointwiseLoss } from './pointwise-loss.js';
import { ShapeError } from '../errors.js';

/**
 * Binary cross entropy (torch.nn.functional), of probabilities and of logits: one node each with
 * PyTorch's grad_fn name, through `pointwiseLoss`, with PyTorch's clamping of the logarithm and a
 * softplus that neither overflows nor loses its gradient.
 */

function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (!shapesEqual(input.shape, target.shape)) {
    throw new ShapeError(
      `${op}: expected target of the same shape as input ${formatShape(input.shape)}, got ${formatShape(target.shape)}`,
    );
  }
}

/**
 * log(z) clamped below at -100, as PyTorch's binary cross entropy; where z = 0 the log is
 * taken of 1 instead and masked, so the gradient there is 0 rather than NaN.
 */
function clampedLog(z: Tensor): Tensor {
  const positive = gt(z, 0);
  return where(positive, maximum(log(where(positive, z, 1)), -100), -100);
}

/** -w (y log x + (1 - y) log(1 - x)) for probabilities x in [0, 1]. */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  options: ReductionOptions & { weight?: Tensor | null } = {},
): Tensor {
  const op = 'binaryCrossEntropy';
  checkFloat(op, 'input', input);
  checkSameShape(op, input, target);
  const weight = options.weight ?? null;
  const unweighted = ([x, y]: readonly Tensor[]) =>
    neg(add(mul(y!, clampedLog(x!)), mul(sub(1, y!), clampedLog(sub(1, x!)))));
  const weighted = (t: Tensor, w: Tensor | undefined): Tensor => (w === undefined ? t : mul(t, w));
  return pointwiseLoss(
    op,
    'BinaryCrossEntropyBackward0',
    options.reduction,
    weight === null ? [input, target] : [input, target, weight],
    (t) => weighted(unweighted(t), t[2]),
    [
      // PyTorch's: (x - y) / max(x (1 - x), 1e-12), finite at x = 0 and 1.
      ([x, y, w]) => weighted(div(sub(x!, y!), maximum(mul(sub(1, x!), x!), 1e-12)), w),
      ([x, , w]) => weighted(sub(clampedLog(sub(1, x!)), clampedLog(x!)), w),
      unweighted,
    ],
  );
}

/**
 * softplus(z) = log(1 + e^z) as m + log(e^(z - m) + e^(-m)) with m = max(z, 0) held constant:
 * no overflow, and the gradient is sigmoid(z) everywhere (also at z = 0).
 */
function softplusStable(z: Tensor): Tensor {
  const m = relu(z.detach());
  return add(m, log(add(exp(sub(z, m)), exp(neg(m)))));
}

/**
 * Binary cross entropy of logits, stable for large |x|: (1 - y) x + (1 + (p - 1) y) softplus(-x),
 * with `posWeight` p (per class, broadcast along the last dim) weighting the positive term.
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: ReductionOptions & { weight?: Tensor | null; posWeight?: Tensor | null } = {},
): Tensor {
  const op = 'binaryCrossEntropyWithLogits';
  checkFloat(op, 'input', input);
  checkSameShape(op, input, target);
  const weight = options.weight ?? null;
  const pw = options.posWeight ?? null;
  // Inputs: x, y, then p (posWeight) and w (weight) where given; `at` finds them.
  const inputs = [input, target];
  const at = { p: pw === null ? -1 : inputs.push(pw) - 1, w: weight === null ? -1 : inputs.push(weight) - 1 };
  const weighted = (v: Tensor, t: readonly Tensor[]): Tensor => (at.w < 0 ? v : mul(v, t[at.w]!));
  // (1 - y) x + (1 + (p - 1) y) softplus(-x)
  const unweighted = (t: readonly Tensor[]): Tensor => {
    const [x, y] = t as [Tensor, Tensor];
    const sp = softplusStable(neg(x));
    return add(mul(sub(1, y), x), at.p < 0 ? sp : mul(add(mul(sub(t[at.p]!, 1), y), 1), sp));
  };
  const slopes: (((t: readonly Tensor[]) => Tensor) | null)[] = [
    // sigmoid(x) - y, or with p: (p y + 1 - y) sigmoid(x) - p y.
    (t) => {
      const [x, y] = t as [Tensor, Tensor];
      if (at.p < 0) return weighted(sub(sigmoid(x), y), t);
      const py = mul(t[at.p]!, y);
      return weighted(sub(mul(add(sub(py, y), 1), sigmoid(x)), py), t);
    },
    // -x, or with p: -x + (p - 1) softplus(-x).
    (t) => weighted(at.p < 0 ? neg(t[0]!) : add(neg(t[0]!), mul(sub(t[at.p]!, 1), softplusStable(neg(t[0]!)))), t),
  ];
  if (at.p >= 0) slopes[at.p] = (t) => weighted(mul(t[1]!, softplusStable(neg(t[0]!))), t);
  if (at.w >= 0) slopes[at.w] = unweighted;
  return pointwiseLoss(
    op,
    'BinaryCrossEntropyWithLogitsBackward0',
    options.reduction,
    inputs,
    (t) => weighted(unweighted(t), t),
    slopes,
  );
}
