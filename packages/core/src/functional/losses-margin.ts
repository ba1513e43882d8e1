import { arange } from '../ops/creation.js';
import { eq, logicalAnd, logicalNot, gt, mul, sub, where } from '../ops/elementwise.js';
import { defineOp } from '../ops/op-node.js';
import { sum } from '../ops/reduce.js';
import { reshape } from '../ops/view.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import {
  checkFloat,
  checkIndices,
  checkReduction,
  reduceLoss,
  type Reduction,
  type ReductionOptions,
} from './common.js';
import { pairwiseDistance } from './distance.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * Margin and embedding losses (torch.nn.functional). All but multiMarginLoss are composites in
 * PyTorch too (their grad_fn is the last op's: MeanBackward0, ClampMinBackward1, ...), and are
 * composed the same way here; multiMarginLoss is one node, MultiMarginLossBackward0.
 */

export interface MarginOptions extends ReductionOptions {
  margin?: number;
}

/**
 * 1 - cos(x1, x2) where y = 1, max(0, cos(x1, x2) - margin) where y = -1, with the cosine taken
 * along the last dim as PyTorch computes it: sum(x1 x2) / sqrt((|x1|^2 + 1e-12)(|x2|^2 + 1e-12)).
 */
export function cosineEmbeddingLoss(x1: Tensor, x2: Tensor, target: Tensor, options: MarginOptions = {}): Tensor {
  const op = 'cosineEmbeddingLoss';
  checkFloat(op, 'input1', x1);
  checkFloat(op, 'input2', x2);
  checkReduction(op, options.reduction);
  if (x1.ndim < 1 || x1.ndim > 2 || !shapesEqual(x1.shape, x2.shape)) {
    throw new ShapeError(
      `${op}: expected input1 and input2 of one shape, [N, D] or [D], got ${formatShape(x1.shape)} and ${formatShape(x2.shape)}`,
    );
  }
  if (!shapesEqual(target.shape, x1.shape.slice(0, -1))) {
    throw new ShapeError(
      `${op}: expected target of shape ${formatShape(x1.shape.slice(0, -1))} for inputs ${formatShape(x1.shape)}, got ${formatShape(target.shape)}`,
    );
  }
  const d = x1.ndim - 1;
  const EPS = 1e-12;
  const cos = x1
    .mul(x2)
    .sum(d)
    .div(x1.mul(x1).sum(d).add(EPS).mul(x2.mul(x2).sum(d).add(EPS)).sqrt());
  const margin = options.margin ?? 0;
  const loss = where(eq(target, 1), cos.neg().add(1), 0).add(where(eq(target, -1), cos.sub(margin).clampMin(0), 0));
  return reduceLoss(op, loss, options.reduction);
}

/** max(0, -y (x1 - x2) + margin): y = 1 asks x1 to rank above x2 by the margin. */
export function marginRankingLoss(x1: Tensor, x2: Tensor, target: Tensor, options: MarginOptions = {}): Tensor {
  const op = 'marginRankingLoss';
  checkFloat(op, 'input1', x1);
  checkReduction(op, options.reduction);
  if (x1.ndim !== x2.ndim || x1.ndim !== target.ndim) {
    throw new ShapeError(
      `${op}: expected input1, input2 and target of the same number of dims, got ${formatShape(x1.shape)}, ${formatShape(x2.shape)} and ${formatShape(target.shape)}`,
    );
  }
  const loss = target
    .neg()
    .mul(x1.sub(x2))
    .add(options.margin ?? 0)
    .clampMin(0);
  return reduceLoss(op, loss, options.reduction);
}

/** x where y = 1, max(0, margin - x) where y = -1 (margin 1 by default). */
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, options: MarginOptions = {}): Tensor {
  const op = 'hingeEmbeddingLoss';
  checkFloat(op, 'input', input);
  checkReduction(op, options.reduction);
  const clamped = input
    .neg()
    .add(options.margin ?? 1)
    .clampMin(0);
  const loss = where(target.ne(1), clamped, 0).add(where(target.ne(-1), input, 0));
  return reduceLoss(op, loss, options.reduction);
}

export interface TripletMarginOptions extends MarginOptions {
  /** The norm of the distance (2 by default). */
  p?: number;
  eps?: number;
  /** Use min(d(a, n), d(p, n)) as the negative distance (the distance swap). */
  swap?: boolean;
}

/** max(d(a, p) - d(a, n) + margin, 0), d the pairwise p-norm distance along the last dim. */
export function tripletMarginLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  options: TripletMarginOptions = {},
): Tensor {
  const op = 'tripletMarginLoss';
  checkFloat(op, 'anchor', anchor);
  checkReduction(op, options.reduction);
  const n = anchor.ndim;
  if (n < 1 || n > 2 || positive.ndim !== n || negative.ndim !== n) {
    throw new ShapeError(
      `${op}: expected anchor, positive and negative of 1 or 2 dims alike, got ${formatShape(anchor.shape)}, ${formatShape(positive.shape)} and ${formatShape(negative.shape)}`,
    );
  }
  const { p = 2, eps = 1e-6, margin = 1 } = options;
  const dPos = pairwiseDistance(anchor, positive, p, eps);
  let dNeg = pairwiseDistance(anchor, negative, p, eps);
  if (options.swap === true) dNeg = dNeg.minimum(pairwiseDistance(positive, negative, p, eps));
  return reduceLoss(op, dPos.sub(dNeg).add(margin).clampMin(0), options.reduction);
}

/**
 * -(y log sigmoid(x) + (1 - y) log sigmoid(-x)), times the class weight, averaged over the
 * classes (the last dim), then reduced over the samples.
 */
export function multilabelSoftMarginLoss(
  input: Tensor,
  target: Tensor,
  options: ReductionOptions & { weight?: Tensor | null } = {},
): Tensor {
  const op = 'multilabelSoftMarginLoss';
  checkFloat(op, 'input', input);
  checkReduction(op, options.reduction);
  if (!shapesEqual(input.shape, target.shape) || input.ndim < 1) {
    throw new ShapeError(
      `${op}: expected target of the input's shape (a [N, C] or [C] input), got input ${formatShape(input.shape)} and target ${formatShape(target.shape)}`,
    );
  }
  let loss = target.mul(input.logSigmoid()).add(target.neg().add(1).mul(input.neg().logSigmoid())).neg();
  if (options.weight !== undefined && options.weight !== null) loss = loss.mul(options.weight);
  const cd = input.ndim - 1;
  return reduceLoss(op, loss.sum(cd).div(input.shape[cd]!), options.reduction);
}

export interface MultiMarginOptions extends MarginOptions {
  /** 1 (the hinge) or 2 (its square). */
  p?: 1 | 2;
  /** A weight per class, applied by each sample's target class. */
  weight?: Tensor | null;
}

interface MultiMarginAttrs {
  readonly onehot: Tensor;
  readonly wy: Tensor | number;
  readonly p: number;
  readonly margin: number;
  readonly scale: number;
  readonly reduction: Reduction;
  readonly shape: readonly number[];
}

/**
 * The multi-class hinge: sum over i != y of max(0, margin - x[y] + x[i])^p / C, times w[y], per
 * sample of a [N, C] (or [C]) input with int32 class targets. One node, as PyTorch's kernel.
 */
export function multiMarginLoss(input: Tensor, target: Tensor, options: MultiMarginOptions = {}): Tensor {
  const op = 'multiMarginLoss';
  checkFloat(op, 'input', input);
  const reduction = options.reduction ?? 'mean';
  checkReduction(op, reduction);
  const p = options.p ?? 1;
  if (p !== 1 && p !== 2) throw new ValueError(`${op}: only p == 1 and p == 2 are supported, got ${String(p)}`);
  if (
    input.ndim < 1 ||
    input.ndim > 2 ||
    !shapesEqual(target.shape, input.shape.slice(0, -1)) ||
    target.dtype !== 'int32'
  ) {
    throw new (target.dtype !== 'int32' ? DTypeError : ShapeError)(
      `${op}: expected input [N, C] or [C] and int32 target [N] or [], got input ${formatShape(input.shape)} and ${target.dtype} target ${formatShape(target.shape)}`,
    );
  }
  const C = input.shape[input.ndim - 1]!;
  checkIndices(op, 'target class', target, C);
  const x = reshape(input, [-1, C]);
  const onehot = eq(reshape(target, [-1, 1]), arange(C, undefined, 1, { dtype: 'int32', device: input.device }));
  const w = options.weight ?? null;
  if (w !== null && (w.ndim !== 1 || w.shape[0] !== C)) {
    throw new ShapeError(`${op}: expected weight of shape [${C}] (one per class), got ${formatShape(w.shape)}`);
  }
  const attrs: MultiMarginAttrs = {
    onehot,
    wy: w === null ? 1 : sum(where(onehot, w, 0), 1, true),
    p,
    margin: options.margin ?? 1,
    scale: 1 / C,
    reduction,
    shape: input.shape.slice(0, -1),
  };
  return defineOp(
    'MultiMarginLossBackward0',
    [input],
    () => {
      const { z, active } = hinge(x, attrs);
      const term = where(active, p === 1 ? z : mul(z, z), 0);
      const loss = reshape(mul(term, attrs.wy).sum(1).mul(attrs.scale), attrs.shape);
      return reduceLoss(op, loss, reduction);
    },
    [x],
    (g, [xs], a) => {
      const { z, active } = hinge(xs, a);
      const n = xs.shape[0]!;
      const gs = a.reduction === 'none' ? reshape(g, [n, 1]) : a.reduction === 'mean' ? g.div(n) : g;
      const dz = where(active, p === 1 ? 1 : mul(z, 2), 0).mul(mul(gs, a.wy).mul(a.scale));
      return [reshape(sub(dz, where(a.onehot, dz.sum(1, true), 0)), input.shape)];
    },
    attrs,
  );
}

/** margin - x[y] + x[i] for every class i, and where it counts: i != y and positive. */
function hinge(x: Tensor, a: MultiMarginAttrs): { z: Tensor; active: Tensor } {
  const z = x.sub(sum(where(a.onehot, x, 0), 1, true)).add(a.margin);
  return { z, active: logicalAnd(logicalNot(a.onehot), gt(z, 0)) };
}
