import { abs, div, gt, mul, neg, sign, sub, where } from '../ops/elementwise.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, reduceLoss, type ReductionOptions } from './common.js';
import { pointwiseLoss } from './pointwise-loss.js';
import { ValueError } from '../errors.js';

/**
 * Regression losses (torch.nn.functional) of the difference of input and target: those PyTorch
 * has a kernel for are one node each with its grad_fn name (MseLossBackward0, ...) through
 * `pointwiseLoss`; l1Loss, a composite in PyTorch, is composed here too.
 */

/**
 * A loss of the difference d = input - target, one node named `name` (through pointwiseLoss):
 * `loss(d)` elementwise, and `slope(d)` its derivative, the input's slope (the target's is its
 * negative).
 */
function differenceLoss(
  op: string,
  name: string,
  input: Tensor,
  target: Tensor,
  reduction: ReductionOptions['reduction'],
  loss: (d: Tensor) => Tensor,
  slope: (d: Tensor) => Tensor,
): Tensor {
  const d = ([x, y]: readonly Tensor[]) => sub(x!, y!);
  return pointwiseLoss(op, name, reduction, [input, target], (t) => loss(d(t)), [
    (t) => slope(d(t)),
    (t) => neg(slope(d(t))),
  ]);
}

/** (input - target)^2. */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkFloat('mseLoss', 'input', input);
  return differenceLoss(
    'mseLoss',
    'MseLossBackward0',
    input,
    target,
    options.reduction,
    (d) => mul(d, d),
    (d) => mul(d, 2),
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
  return differenceLoss(
    'smoothL1Loss',
    'SmoothL1LossBackward0',
    input,
    target,
    options.reduction,
    (d) => {
      const a = abs(d);
      return where(gt(beta, a), div(mul(mul(a, a), 0.5), beta), sub(a, 0.5 * beta));
    },
    (d) => where(gt(beta, abs(d)), div(d, beta), sign(d)),
  );
}

/** 0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta). */
export function huberLoss(input: Tensor, target: Tensor, options: ReductionOptions & { delta?: number } = {}): Tensor {
  checkFloat('huberLoss', 'input', input);
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new ValueError(`huberLoss: delta must be positive, got ${delta}`);
  return differenceLoss(
    'huberLoss',
    'HuberLossBackward0',
    input,
    target,
    options.reduction,
    (d) => {
      const a = abs(d);
      return where(gt(delta, a), mul(mul(a, a), 0.5), mul(sub(a, 0.5 * delta), delta));
    },
    (d) => where(gt(delta, abs(d)), d, mul(sign(d), delta)),
  );
}
