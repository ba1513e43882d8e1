import { arange } from '../ops/creation.js';
import { to } from '../ops/convert.js';
import {
  abs,
  add,
  div,
  eq,
  exp,
  gt,
  log,
  maximum,
  mul,
  ne,
  neg,
  relu,
  sigmoid,
  sign,
  sub,
  where,
} from '../ops/elementwise.js';
import { defineOp } from '../ops/op-node.js';
import { sum, sumTo } from '../ops/reduce.js';
import { reshape, unsqueeze } from '../ops/view.js';
import { broadcastShapes, formatShape, numel, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { logSoftmax } from '../ops/activations.js';
import { checkFloat, checkIndices, checkReduction, dimsExcept, reduceLoss, type Reduction } from './common.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * Losses (torch.nn.functional). Each loss PyTorch has a kernel for is one node with its grad_fn
 * name (MseLossBackward0, NllLossBackward0, ...), its gradient written with public ops (so
 * gradients of gradients work); those PyTorch composes (l1Loss, soft targets) are composed here
 * too. Each checks its shapes and dtypes as PyTorch does and names itself in errors.
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
    throw new ShapeError(
      `${op}: expected target of the same shape as input ${formatShape(input.shape)}, got ${formatShape(target.shape)}`,
    );
  }
}

/** The class dim: 0 for unbatched [C] input, else 1 ([N, C, d1, ...]). */
function classDim(op: string, input: Tensor): number {
  if (input.ndim === 0) throw new ShapeError(`${op}: expected input of shape [C] or [N, C, ...], got a 0-D tensor`);
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
    throw new ShapeError(
      `${op}: expected weight of shape [${classes}] (one per class), got ${formatShape(weight.shape)}`,
    );
  }
  return weight;
}

interface TargetMask {
  /** Which class each sample picks, [N, C, ...]. */
  readonly onehot: Tensor;
  /** 0 where the target is ignored, else 1, [N, ...]. */
  readonly valid: Tensor;
}

/**
 * Class-index targets: the one-hot selection of each target's class, and which samples count
 * (0 where ignored). The selection compares the target with the class
 * numbers, so it runs as elementwise ops on every backend.
 */
function targetMask(op: string, input: Tensor, target: Tensor, ignoreIndex: number): TargetMask {
  const cd = classDim(op, input);
  const C = input.shape[cd]!;
  const expected = input.shape.filter((_, i) => i !== cd);
  if (target.dtype !== 'int32' || !shapesEqual(target.shape, expected)) {
    throw new (target.dtype !== 'int32' ? DTypeError : ShapeError)(
      `${op}: expected class-index target of dtype int32 and shape ${formatShape(expected)} for input ${formatShape(input.shape)}, ` +
        `got ${target.dtype} of shape ${formatShape(target.shape)}`,
    );
  }
  checkIndices(op, 'target class', target, C, ignoreIndex);
  const classes = alongClasses(arange(C, undefined, 1, { dtype: 'int32', device: input.device }), cd, input.ndim);
  const onehot = eq(unsqueeze(target, cd), classes);
  const valid = to(ne(target, ignoreIndex), input.dtype);
  return { onehot, valid };
}

/** Negative log likelihood of log-probabilities `input` [N, C, ...] at class indices `target` [N, ...]. */
export function nllLoss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  const op = 'nllLoss';
  checkFloat(op, 'input', input);
  const cd = classDim(op, input);
  const weight = checkWeight(op, options.weight, input.shape[cd]!);
  return nll(op, input, weight, targetMask(op, input, target, options.ignoreIndex ?? -100), options.reduction);
}

/** The NLL of log-probabilities `input` at the targets `mask` selects (checked by the caller). */
function nll(
  op: string,
  input: Tensor,
  weight: Tensor | null,
  mask: TargetMask,
  reduction: Reduction | undefined,
): Tensor {
  const cd = classDim(op, input);
  const { onehot } = mask;
  const attrs: NllAttrs = { cd, ...mask, mean: (reduction ?? 'mean') === 'mean' };
  return defineOp(
    'NllLossBackward0',
    weight === null ? [input] : [input, weight],
    () => {
      const w = sampleWeights(attrs, input.ndim, weight);
      const loss = neg(mul(sum(where(onehot, input, 0), cd), w));
      return attrs.mean ? div(sum(loss), sum(w)) : reduceLoss(op, loss, reduction);
    },
    (y) => (weight === null ? [input, y] : [input, y, weight]),
    nllBackward,
    attrs,
  );
}

interface NllAttrs extends TargetMask {
  readonly cd: number;
  readonly mean: boolean;
}

/** Each sample's weight, w[t] (1 without weights), 0 where ignored: [N, ...]. */
function sampleWeights(a: NllAttrs, ndim: number, weight: Tensor | null | undefined): Tensor {
  if (weight === null || weight === undefined) return a.valid;
  return mul(sum(where(a.onehot, alongClasses(weight, a.cd, ndim), 0), a.cd), a.valid);
}

/**
 * The input's gradient is -w[t] at each target's class (over the sum of the w for the mean),
 * the weights' the picked log-probabilities (less the loss, for the mean) summed per class.
 */
function nllBackward(
  g: Tensor,
  [x, y, weight]: readonly Tensor[],
  a: NllAttrs,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const w = sampleWeights(a, x!.ndim, weight);
  const scale = a.mean ? div(g, sum(w)) : g;
  const gx = needs[0] === true ? where(a.onehot, unsqueeze(neg(mul(w, scale)), a.cd), 0) : null;
  if (needs[1] !== true) return [gx, null];
  const picked = sum(where(a.onehot, x!, 0), a.cd);
  const perSample = mul(mul(a.valid, scale), neg(a.mean ? add(picked, y!) : picked));
  const perClass = where(a.onehot, unsqueeze(perSample, a.cd), 0);
  return [gx, sum(perClass, dimsExcept(perClass.ndim, a.cd))];
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
  if (!(eps >= 0 && eps <= 1)) throw new ValueError(`${op}: labelSmoothing must be between 0.0 and 1.0, got ${eps}`);
  checkReduction(op, options.reduction);
  // Every check before the first op: class probabilities of the input's shape, or class indices.
  const soft = target.dtype === 'float32' || target.dtype === 'float64';
  if (soft && !shapesEqual(target.shape, input.shape)) {
    throw new ShapeError(
      `${op}: expected class-probability target of the input's shape ${formatShape(input.shape)}, got ${formatShape(target.shape)}`,
    );
  }
  const mask = soft ? null : targetMask(op, input, target, options.ignoreIndex ?? -100);
  const logp = logSoftmax(input, cd);
  if (mask === null) {
    const probs = eps > 0 ? add(mul(target, 1 - eps), eps / C) : target;
    const weighted = weight === null ? logp : mul(logp, alongClasses(weight, cd, input.ndim));
    // As PyTorch composes it: -(logp * target).sum() (over the classes for 'none'), / (N...) for the mean.
    const products = mul(weighted, probs);
    const reduction = options.reduction ?? 'mean';
    if (reduction === 'mean') return div(neg(sum(products)), input.numel() / Math.max(C, 1));
    if (reduction === 'sum') return neg(sum(products));
    return neg(reduceLoss(op, sum(products, cd), reduction));
  }
  const nllLoss = nll(op, logp, weight, mask, options.reduction);
  if (eps === 0) return nllLoss;
  const { valid } = mask;
  const w = sampleWeights({ cd, ...mask, mean: true }, logp.ndim, weight);
  // Label smoothing: the uniform part, -sum_c w_c logp_c, over the same targets and divisor.
  const weighted = weight === null ? logp : mul(logp, alongClasses(weight, cd, input.ndim));
  const smooth = neg(mul(sum(weighted, cd), valid));
  const smoothReduced =
    (options.reduction ?? 'mean') === 'mean' ? div(sum(smooth), sum(w)) : reduceLoss(op, smooth, options.reduction);
  return add(mul(nllLoss, 1 - eps), mul(smoothReduced, eps / C));
}

/**
 * A loss PyTorch computes in one kernel: the elementwise `loss` of `inputs` (input, target, then
 * any weights) reduced, recorded as one node named `name`. Each input's gradient is its
 * elementwise `slopes` (the partial derivatives, written with public ops; null: none) times the
 * output's gradient, spread back over the reduction and summed down to the input's shape.
 */
function pointwiseLoss(
  op: string,
  name: string,
  reduction: Reduction | undefined,
  inputs: readonly Tensor[],
  loss: (t: readonly Tensor[]) => Tensor,
  slopes: readonly (((t: readonly Tensor[]) => Tensor) | null)[],
): Tensor {
  const count = numel(inputs.reduce<readonly number[]>((shape, t) => broadcastShapes(op, shape, t.shape), []));
  const mean = (reduction ?? 'mean') === 'mean';
  return defineOp(
    name,
    inputs,
    () => reduceLoss(op, loss(inputs), reduction),
    inputs,
    (g, saved, _a: null, needs) => {
      const scale = mean ? div(g, count) : g;
      return saved.map((t, i) => {
        const slope = slopes[i];
        return needs[i] === true && slope !== undefined && slope !== null
          ? sumTo(mul(slope(saved), scale), t.shape)
          : null;
      });
    },
    null,
  );
}

/** (input - target)^2. */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkFloat('mseLoss', 'input', input);
  const slope = ([x, y]: readonly Tensor[]) => mul(sub(x!, y!), 2);
  return pointwiseLoss(
    'mseLoss',
    'MseLossBackward0',
    options.reduction,
    [input, target],
    ([x, y]) => {
      const d = sub(x!, y!);
      return mul(d, d);
    },
    [slope, (t) => neg(slope(t))],
  );
}

/** |input - target| (a composite in PyTorch too: MeanBackward0, SumBackward0 or AbsBackward0). */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkFloat('l1Loss', 'input', input);
  return reduceLoss('l1Loss', abs(sub(input, target)), options.reduction);
}

/** 0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta (beta = 0 is the L1 loss, as in PyTorch). */
export function smoothL1Loss(
  input: Tensor,
  target: Tensor,
  options: ReductionOptions & { beta?: number } = {},
): Tensor {
  checkFloat('smoothL1Loss', 'input', input);
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new ValueError(`smoothL1Loss: beta must be non-negative, got ${beta}`);
  if (beta === 0) return l1Loss(input, target, options);
  const slope = ([x, y]: readonly Tensor[]) => {
    const d = sub(x!, y!);
    return where(gt(beta, abs(d)), div(d, beta), sign(d));
  };
  return pointwiseLoss(
    'smoothL1Loss',
    'SmoothL1LossBackward0',
    options.reduction,
    [input, target],
    ([x, y]) => {
      const a = abs(sub(x!, y!));
      return where(gt(beta, a), div(mul(mul(a, a), 0.5), beta), sub(a, 0.5 * beta));
    },
    [slope, (t) => neg(slope(t))],
  );
}

/** 0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta). */
export function huberLoss(input: Tensor, target: Tensor, options: ReductionOptions & { delta?: number } = {}): Tensor {
  checkFloat('huberLoss', 'input', input);
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new ValueError(`huberLoss: delta must be positive, got ${delta}`);
  const slope = ([x, y]: readonly Tensor[]) => {
    const d = sub(x!, y!);
    return where(gt(delta, abs(d)), d, mul(sign(d), delta));
  };
  return pointwiseLoss(
    'huberLoss',
    'HuberLossBackward0',
    options.reduction,
    [input, target],
    ([x, y]) => {
      const a = abs(sub(x!, y!));
      return where(gt(delta, a), mul(mul(a, a), 0.5), mul(sub(a, 0.5 * delta), delta));
    },
    [slope, (t) => neg(slope(t))],
  );
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
