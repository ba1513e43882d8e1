import { arange } from '../ops/creation.js';
import { to } from '../ops/convert.js';
import { abs, add, div, eq, exp, gt, log, maximum, mul, ne, neg, relu, sub, where } from '../ops/elementwise.js';
import { sum } from '../ops/reduce.js';
import { reshape, unsqueeze } from '../ops/view.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { logSoftmax } from '../ops/activations.js';
import { checkFloat, checkIndices, reduceLoss, type Reduction } from './common.js';

/**
 * Losses (torch.nn.functional): composed from differentiable public ops, so gradients (and
 * gradients of gradients) come from the ops' rules. Each checks its shapes and dtypes as
 * PyTorch does and names itself in errors.
 */

export type { Reduction };

export interface ReductionOptions {
  reduction?: Reduction;
}

export interface NllLossOptions extends ReductionOptions {
  /** A manual rescaling weight per class, shape [C]. */
  weight?: Tensor | null;
  /** Targets equal to this are ignored: no loss, no gradient, left out of the mean. */
  ignoreIndex?: number;
}

export interface CrossEntropyOptions extends NllLossOptions {
  /** In [0, 1]: the target mixes with the uniform distribution by this amount. */
  labelSmoothing?: number;
}

function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (!shapesEqual(input.shape, target.shape)) {
    throw new Error(`${op}: expected target of the same shape as input ${formatShape(input.shape)}, got ${formatShape(target.shape)}`);
  }
}

/** The class dim: 0 for unbatched [C] input, else 1 ([N, C, d1, ...]). */
function classDim(op: string, input: Tensor): number {
  if (input.ndim === 0) throw new Error(`${op}: expected input of shape [C] or [N, C, ...], got a 0-D tensor`);
  return input.ndim === 1 ? 0 : 1;
}

/** The per-class vector `w` [C] reshaped to broadcast along `cd` of an input of `ndim` dims. */
function alongClasses(w: Tensor, cd: number, ndim: number): Tensor {
  return reshape(w, [w.shape[0]!, ...new Array<number>(ndim - cd - 1).fill(1)]);
}

function checkWeight(op: string, weight: Tensor | null | undefined, classes: number): Tensor | null {
  if (weight === undefined || weight === null) return null;
  checkFloat(op, 'weight', weight);
  if (weight.ndim !== 1 || weight.shape[0] !== classes) {
    throw new Error(`${op}: expected weight of shape [${classes}] (one per class), got ${formatShape(weight.shape)}`);
  }
  return weight;
}

/**
 * Class-index targets: the per-sample loss -w[t] * logp[t], the per-sample weight counted by
 * the mean (w[t], 0 where ignored), and the one-hot selection; the selection compares the
 * target with the class numbers, so it runs as elementwise ops on every backend.
 */
function pickTargets(op: string, logp: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number) {
  const cd = classDim(op, logp);
  const C = logp.shape[cd]!;
  const expected = logp.shape.filter((_, i) => i !== cd);
  if (target.dtype !== 'int32' || !shapesEqual(target.shape, expected)) {
    throw new Error(
      `${op}: expected class-index target of dtype int32 and shape ${formatShape(expected)} for input ${formatShape(logp.shape)}, ` +
        `got ${target.dtype} of shape ${formatShape(target.shape)}`,
    );
  }
  checkIndices(op, 'target class', target, C, ignoreIndex);
  const classes = alongClasses(arange(C, undefined, 1, { dtype: 'int32', device: logp.device }), cd, logp.ndim);
  const onehot = eq(unsqueeze(target, cd), classes);
  const valid = to(ne(target, ignoreIndex), logp.dtype);
  const picked = sum(where(onehot, logp, 0), cd);
  const w = weight === null ? valid : mul(sum(where(onehot, alongClasses(weight, cd, logp.ndim), 0), cd), valid);
  return { cd, C, loss: neg(mul(picked, w)), w };
}

/** Mean over targets weighted as PyTorch does: sum of losses over sum of the targets' weights. */
function reduceWeighted(op: string, loss: Tensor, w: Tensor, reduction: Reduction | undefined): Tensor {
  if ((reduction ?? 'mean') === 'mean') return div(sum(loss), sum(w));
  return reduceLoss(op, loss, reduction);
}

/** Negative log likelihood of log-probabilities `input` [N, C, ...] at class indices `target` [N, ...]. */
export function nllLoss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  checkFloat('nllLoss', 'input', input);
  const cd = classDim('nllLoss', input);
  const weight = checkWeight('nllLoss', options.weight, input.shape[cd]!);
  const { loss, w } = pickTargets('nllLoss', input, target, weight, options.ignoreIndex ?? -100);
  return reduceWeighted('nllLoss', loss, w, options.reduction);
}

/**
 * Cross entropy of logits `input` [N, C, ...] (or [C]) against class indices (int32, [N, ...]) or
 * class probabilities (float, input's shape), with per-class weights, ignoreIndex and label smoothing.
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const op = 'crossEntropy';
  checkFloat(op, 'input', input);
  const cd = classDim(op, input);
  const C = input.shape[cd]!;
  const weight = checkWeight(op, options.weight, C);
  const eps = options.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) throw new Error(`${op}: labelSmoothing must be between 0.0 and 1.0, got ${eps}`);
  const logp = logSoftmax(input, cd);
  if (target.dtype === 'float32' || target.dtype === 'float64') {
    if (!shapesEqual(target.shape, input.shape)) {
      throw new Error(`${op}: expected class-probability target of the input's shape ${formatShape(input.shape)}, got ${formatShape(target.shape)}`);
    }
    const probs = eps > 0 ? add(mul(target, 1 - eps), eps / C) : target;
    const weighted = weight === null ? logp : mul(logp, alongClasses(weight, cd, input.ndim));
    const loss = neg(sum(mul(weighted, probs), cd));
    if ((options.reduction ?? 'mean') === 'mean') return div(sum(loss), input.numel / Math.max(C, 1));
    return reduceLoss(op, loss, options.reduction);
  }
  const { loss, w } = pickTargets(op, logp, target, weight, options.ignoreIndex ?? -100);
  const nll = reduceWeighted(op, loss, w, options.reduction);
  if (eps === 0) return nll;
  // Label smoothing: the uniform part, -sum_c w_c logp_c, over the same targets and divisor.
  const valid = to(ne(target, options.ignoreIndex ?? -100), logp.dtype);
  const weighted = weight === null ? logp : mul(logp, alongClasses(weight, cd, input.ndim));
  const smooth = neg(mul(sum(weighted, cd), valid));
  const smoothReduced = (options.reduction ?? 'mean') === 'mean' ? div(sum(smooth), sum(w)) : reduceLoss(op, smooth, options.reduction);
  return add(mul(nll, 1 - eps), mul(smoothReduced, eps / C));
}

/** (input - target)^2. */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkFloat('mseLoss', 'input', input);
  const d = sub(input, target);
  return reduceLoss('mseLoss', mul(d, d), options.reduction);
}

/** |input - target|. */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkFloat('l1Loss', 'input', input);
  return reduceLoss('l1Loss', abs(sub(input, target)), options.reduction);
}

/** 0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta (beta = 0 is the L1 loss). */
export function smoothL1Loss(input: Tensor, target: Tensor, options: ReductionOptions & { beta?: number } = {}): Tensor {
  checkFloat('smoothL1Loss', 'input', input);
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new Error(`smoothL1Loss: beta must be non-negative, got ${beta}`);
  const a = abs(sub(input, target));
  if (beta === 0) return reduceLoss('smoothL1Loss', a, options.reduction);
  const loss = where(gt(beta, a), div(mul(mul(a, a), 0.5), beta), sub(a, 0.5 * beta));
  return reduceLoss('smoothL1Loss', loss, options.reduction);
}

/** 0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta). */
export function huberLoss(input: Tensor, target: Tensor, options: ReductionOptions & { delta?: number } = {}): Tensor {
  checkFloat('huberLoss', 'input', input);
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new Error(`huberLoss: delta must be positive, got ${delta}`);
  const a = abs(sub(input, target));
  const loss = where(gt(delta, a), mul(mul(a, a), 0.5), mul(sub(a, 0.5 * delta), delta));
  return reduceLoss('huberLoss', loss, options.reduction);
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
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: ReductionOptions & { weight?: Tensor | null } = {}): Tensor {
  const op = 'binaryCrossEntropy';
  checkFloat(op, 'input', input);
  checkSameShape(op, input, target);
  const loss = neg(add(mul(target, clampedLog(input)), mul(sub(1, target), clampedLog(sub(1, input)))));
  const weighted = options.weight === undefined || options.weight === null ? loss : mul(loss, options.weight);
  return reduceLoss(op, weighted, options.reduction);
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
  const sp = softplusStable(neg(input));
  const pw = options.posWeight;
  const positive = pw === undefined || pw === null ? sp : mul(add(mul(sub(pw, 1), target), 1), sp);
  const loss = add(mul(sub(1, target), input), positive);
  const weighted = options.weight === undefined || options.weight === null ? loss : mul(loss, options.weight);
  return reduceLoss(op, weighted, options.reduction);
}
