import { arange, full, tensor } from '../ops/creation.js';
import { gt, where } from '../ops/elementwise.js';
import { cat, gather, stack } from '../ops/index.js';
import { narrow } from '../ops/slicing.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, checkIndices, reduceLoss, type ReductionOptions } from './common.js';
import { DTypeError, IndexError, ShapeError, ValueError } from '../errors.js';

export interface CtcLossOptions extends ReductionOptions {
  /** The blank label's class (0 by default). */
  blank?: number;
  /** Impossible alignments (an infinite loss) give 0 instead, and no gradient. */
  zeroInfinity?: boolean;
}

/** Lengths: numbers, or an int32 tensor of them (one per sample). */
export type Lengths = Tensor | readonly number[] | number;

/**
 * A log probability below any reachable path's, standing for log 0: finite, so log-sum-exps of
 * unreachable states stay finite and their (zero) gradients do not turn into 0 * inf = NaN.
 */
const LOG_ZERO = -1e30;

/**
 * The connectionist temporal classification loss (torch's ctc_loss): -log of the total
 * probability of every alignment of each target to its input, computed by the alpha (forward)
 * recursion in log space over the targets with blanks between and around them. `logProbs` is
 * [T, N, C] (or [T, C]) log-softmax output; `targets` are padded int32 [N, S] (or [S]), or for a
 * batch all targets end to end (1-D) with `targetLengths` as numbers. The gradient is autograd's
 * through the recursion. 'mean' divides each loss by its target length before the batch mean.
 */
export function ctcLoss(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: Lengths,
  targetLengths: Lengths,
  options: CtcLossOptions = {},
): Tensor {
  const op = 'ctcLoss';
  checkFloat(op, 'logProbs', logProbs);
  const batched = logProbs.ndim === 3;
  if (logProbs.ndim !== 2 && !batched)
    throw new ShapeError(`${op}: expected logProbs of shape [T, N, C] or [T, C], got ${formatShape(logProbs.shape)}`);
  const lp = batched ? logProbs : logProbs.unsqueeze(1);
  const [T, N, C] = lp.shape as [number, number, number];
  const blank = options.blank ?? 0;
  if (!Number.isInteger(blank) || blank < 0 || blank >= C)
    throw new IndexError(`${op}: blank must be a class in [0, ${C}), got ${blank}`);
  if (targets.dtype !== 'int32') throw new DTypeError(`${op}: expected int32 targets, got ${targets.dtype}`);
  const inLens = lengths(op, 'inputLengths', inputLengths, N, lp, T);
  const given = paddedTargets(op, targets, targetLengths, N, batched);
  const S = given.shape[1]!;
  const outLens = lengths(op, 'targetLengths', targetLengths, N, lp, S);
  // Padding past each length may hold anything (it is never read): blank it before the range check.
  const padded = where(arange(S, undefined, 1, { device: lp.device }).lt(outLens.unsqueeze(1)), given, blank);
  checkIndices(op, 'target class', padded, C);
  const L = 2 * S + 1;
  // The extended targets: blank, l1, blank, l2, ..., blank ([N, L]).
  const blanks = full([N, S], blank, { dtype: 'int32', device: lp.device });
  const ext = cat(
    [stack([blanks, padded], 2).reshape(N, 2 * S), full([N, 1], blank, { dtype: 'int32', device: lp.device })],
    1,
  );
  const emit = gather(lp, 2, ext.unsqueeze(0).expand(T, N, L)); // [T, N, L]
  // A label may follow the label two back (skipping the blank between) unless they are equal.
  const skip =
    S === 0
      ? null
      : cat(
          [
            full([N, 2], false, { device: lp.device }),
            narrow(ext, 1, 2, L - 2)
              .ne(blank)
              .logicalAnd(narrow(ext, 1, 2, L - 2).ne(narrow(ext, 1, 0, L - 2))),
          ],
          1,
        );
  const start = arange(L, undefined, 1, { device: lp.device }).lt(2);
  let alpha = where(start, emit.select(0, 0), LOG_ZERO);
  const pad1 = full([N, 1], LOG_ZERO, { dtype: lp.dtype, device: lp.device });
  for (let t = 1; t < T; t++) {
    const paths = [alpha, cat([pad1, narrow(alpha, 1, 0, L - 1)], 1)];
    if (skip !== null) paths.push(where(skip, cat([pad1, pad1, narrow(alpha, 1, 0, L - 2)], 1), LOG_ZERO));
    const next = stack(paths, 0).logsumexp(0).add(emit.select(0, t));
    alpha = where(gt(inLens, t).unsqueeze(1), next, alpha);
  }
  // The paths end on the last label or the blank after it.
  const last = outLens.mul(2).unsqueeze(1);
  const endBlank = gather(alpha, 1, last);
  const endLabel = where(gt(last, 0), gather(alpha, 1, last.sub(1).clampMin(0)), LOG_ZERO);
  let loss = stack([endBlank, endLabel], 0).logsumexp(0).squeeze(1).neg();
  loss = where(gt(loss, -LOG_ZERO / 10), options.zeroInfinity === true ? 0 : Infinity, loss);
  if (!batched) loss = loss.squeeze(0);
  if ((options.reduction ?? 'mean') === 'mean') {
    const divisor = outLens.to(lp.dtype).clampMin(1);
    return loss.div(batched ? divisor : divisor.squeeze(0)).mean();
  }
  return reduceLoss(op, loss, options.reduction);
}

/** Lengths as an int32 tensor [N], checked against the batch (and the longest allowed, `max`). */
function lengths(op: string, what: string, v: Lengths, n: number, like: Tensor, max?: number): Tensor {
  if (typeof v === 'number' || Array.isArray(v)) {
    const list = typeof v === 'number' ? [v] : (v as readonly number[]);
    if (list.length !== n || list.some((x) => !Number.isInteger(x) || x < 0 || (max !== undefined && x > max))) {
      throw new (list.length !== n ? ShapeError : ValueError)(
        `${op}: expected ${what} to be ${n} non-negative integers${max === undefined ? '' : ` of at most ${max}`}, got [${list.join(', ')}]`,
      );
    }
    return tensor(Int32Array.from(list), { device: like.device });
  }
  const t = v as Tensor;
  if (t.dtype !== 'int32' || t.numel() !== n)
    throw new (t.dtype !== 'int32' ? DTypeError : ShapeError)(
      `${op}: expected ${what} as ${n} int32 values, got ${t.dtype} of shape ${formatShape(t.shape)}`,
    );
  return t.reshape(n);
}

/** The targets as padded [N, S]: concatenated 1-D batch targets are cut at their lengths' offsets. */
function paddedTargets(op: string, targets: Tensor, targetLengths: Lengths, n: number, batched: boolean): Tensor {
  if (!batched) {
    if (targets.ndim !== 1)
      throw new ShapeError(`${op}: expected targets [S] for logProbs [T, C], got ${formatShape(targets.shape)}`);
    return targets.unsqueeze(0);
  }
  if (targets.ndim === 2) {
    if (targets.shape[0] !== n)
      throw new ShapeError(`${op}: expected targets [${n}, S] for a batch of ${n}, got ${formatShape(targets.shape)}`);
    return targets;
  }
  if (targets.ndim !== 1 || !Array.isArray(targetLengths))
    throw new ShapeError(
      `${op}: expected targets [N, S], or 1-D targets end to end with targetLengths as numbers, got ${formatShape(targets.shape)}`,
    );
  const lens = targetLengths as readonly number[];
  const total = lens.reduce((s, x) => s + x, 0);
  if (total !== targets.shape[0])
    throw new ShapeError(`${op}: targetLengths sum to ${total}, but the 1-D targets hold ${targets.shape[0]}`);
  const S = Math.max(0, ...lens);
  let offset = 0;
  const rows = lens.map((len) => {
    const row = narrow(targets, 0, offset, len);
    offset += len;
    return len === S ? row : cat([row, full([S - len], 0, { dtype: 'int32', device: targets.device })]);
  });
  return stack(rows, 0);
}
