import { gt, where } from '../ops/elementwise.js';
import { unsqueeze } from '../ops/view.js';
import { checkIndexRange } from '../ops/index-range.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, checkReduction, reduceLoss, type Reduction, type ReductionOptions } from './common.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * Likelihood losses (torch.nn.functional): the KL divergence, Poisson and Gaussian negative log
 * likelihoods. PyTorch composes them from pointwise ops and a reduction, and so do we, so the
 * grad_fn is the last op's (MeanBackward0, DivBackward0 for 'batchmean', ...).
 */

export interface KlDivOptions {
  /** 'batchmean' (the sum over the first dim's size) is the KL divergence; 'mean' averages every element. */
  reduction?: Reduction | 'batchmean';
  /** The target is given as log-probabilities. */
  logTarget?: boolean;
}

/**
 * The pointwise KL divergence of log-probabilities `input` from `target`: t (log t - x), taken as
 * 0 where t = 0 (xlogy), or e^t (t - x) with logTarget.
 */
export function klDiv(input: Tensor, target: Tensor, options: KlDivOptions = {}): Tensor {
  const op = 'klDiv';
  checkFloat(op, 'input', input);
  const reduction = options.reduction ?? 'mean';
  checkReduction(op, reduction, ['batchmean']);
  let loss: Tensor;
  if (options.logTarget === true) loss = target.exp().mul(target.sub(input));
  else {
    const positive = gt(target, 0);
    // xlogy(t, t): the log of 1 where t = 0, so neither the value nor its gradient is NaN there.
    const tlogt = where(positive, target.mul(where(positive, target, 1).log()), 0);
    loss = tlogt.sub(target.mul(input));
  }
  if (reduction !== 'batchmean') return reduceLoss(op, loss, reduction);
  return input.ndim === 0 ? loss.sum() : loss.sum().div(input.shape[0]!);
}

export interface PoissonNllOptions extends ReductionOptions {
  /** The input is the log of the rate (the default), else the rate itself. */
  logInput?: boolean;
  /** Add Stirling's approximation of log(target!) (for targets above 1). */
  full?: boolean;
  /** Added to the rate before its log when logInput is false. */
  eps?: number;
}

/** e^x - t x (logInput), or x - t log(x + eps); with `full` plus t log t - t + log(2 pi t) / 2 where t > 1. */
export function poissonNllLoss(input: Tensor, target: Tensor, options: PoissonNllOptions = {}): Tensor {
  const op = 'poissonNllLoss';
  checkFloat(op, 'input', input);
  checkReduction(op, options.reduction);
  const eps = options.eps ?? 1e-8;
  let loss =
    options.logInput === false ? input.sub(target.mul(input.add(eps).log())) : input.exp().sub(target.mul(input));
  if (options.full === true) {
    const big = gt(target, 1);
    const t = where(big, target, 1);
    const stirling = t
      .mul(t.log())
      .sub(t)
      .add(
        t
          .mul(2 * Math.PI)
          .log()
          .mul(0.5),
      );
    loss = loss.add(where(big, stirling, 0));
  }
  return reduceLoss(op, loss, options.reduction);
}

export interface GaussianNllOptions extends ReductionOptions {
  /** Add the constant log(2 pi) / 2. */
  full?: boolean;
  /** The variance is clamped below at eps, for stability (the clamp passes the gradient through). */
  eps?: number;
}

/**
 * (log max(var, eps) + (input - target)^2 / max(var, eps)) / 2 (+ log(2 pi) / 2 with `full`).
 * `variance` has the input's shape, or lacks its last dim, or has 1 there (one variance shared
 * by the last dim).
 */
export function gaussianNllLoss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  options: GaussianNllOptions = {},
): Tensor {
  const op = 'gaussianNllLoss';
  checkFloat(op, 'input', input);
  checkFloat(op, 'var', variance);
  checkReduction(op, options.reduction);
  let v = variance;
  if (!shapesEqual(v.shape, input.shape)) {
    const lead = input.shape.slice(0, -1);
    if (shapesEqual(v.shape, lead)) v = unsqueeze(v, -1);
    else if (!(shapesEqual(v.shape.slice(0, -1), lead) && v.shape[v.ndim - 1] === 1 && v.ndim === input.ndim)) {
      throw new ShapeError(
        `${op}: var is of incorrect size: expected ${formatShape(input.shape)}, ${formatShape(lead)} or ${formatShape([...lead, 1])} for input ${formatShape(input.shape)}, got ${formatShape(variance.shape)}`,
      );
    }
  }
  const eps = options.eps ?? 1e-6;
  // PyTorch clamps a copy of var under no_grad: the value is clamped, the gradient is var's.
  const held = v.detach();
  // A negative variance is PyTorch's error, not something the clamp may hide. The index-range
  // check serves as the device-side assertion (now on the CPU, at the next read on WebGPU): the
  // flags of negative entries must all lie in [0, 1).
  checkIndexRange(op, gt(0, held).to('int32'), 1, null, () => `${op}: var has negative entry/entries`, ValueError);
  v = v.add(held.clampMin(eps).sub(held));
  const d = input.sub(target);
  let loss = v.log().add(d.mul(d).div(v)).mul(0.5);
  if (options.full === true) loss = loss.add(0.5 * Math.log(2 * Math.PI));
  return reduceLoss(op, loss, options.reduction);
}
