import { arange } from '../ops/creation.js';
import { to } from '../ops/convert.js';
import { add, div, eq, mul, ne, neg, where } from '../ops/elementwise.js';
import { defineOp } from '../ops/op-node.js';
import { sum } from '../ops/reduce.js';
import { reshape, unsqueeze } from '../ops/view.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { logSoftmax } from '../ops/activations.js';
import {
  checkFloat,
  checkIndices,
  checkReduction,
  dimsExcept,
  reduceLoss,
  type Reduction,
  type ReductionOptions,
} from './common.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * Class losses (torch.nn.functional): the negative log likelihood, one node (NllLossBackward0)
 * with its gradient written with public ops, and cross entropy, log-softmax then that node (or,
 * for class probabilities, composed as PyTorch composes it). Both check their shapes and dtypes
 * as PyTorch does and name themselves in errors.
 */

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
