import { formatShape, broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { planIndex, putIndexed, takeIndexed, type IndexPlan } from './advanced-index.js';
import { toTypedArray } from '../read.js';
import { zeros } from './creation.js';
import { clone } from './convert.js';
import { commonBackend } from './dispatch.js';
import { sub, where } from './elementwise.js';
import { checkIndexRange } from './index-range.js';
import { scatterAddOp, selectAlong } from './indexing.js';
import { columnsOf, coordinatesOf, valuesForShape } from './nonzero.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { cumsum } from './cumulative.js';
import { sumTo } from './reduce.js';
import { expand, reshape } from './view.js';
import { DTypeError, ShapeError } from '../errors.js';

/**
 * Ops through a bool mask: masked_select (the masked elements, in order: a shape that depends on
 * the values, read synchronously on the CPU, through `maskedSelectAsync` elsewhere) and
 * masked_scatter (consecutive source elements written where the mask is true: a shape known in
 * advance, so it runs on every device without reading back).
 */

function checkMask(op: string, x: Tensor, mask: Tensor): readonly number[] {
  commonBackend(op, x, mask);
  if (mask.dtype !== 'bool') throw new DTypeError(`${op}: expected mask to be a bool tensor, got dtype ${mask.dtype}`);
  return broadcastShapes(op, x.shape, mask.shape);
}

/** x[mask] over every dim of the broadcast shape, recorded as MaskedSelectBackward0. */
function selectWith(x: Tensor, shape: readonly number[], plan: IndexPlan): Tensor {
  return defineOp(
    'MaskedSelectBackward0',
    [x],
    () => takeIndexed(expand(x, shape), plan),
    NOTHING_SAVED,
    (g, _s, a: { plan: IndexPlan; input: readonly number[] }) => [
      sumTo(putIndexed(zeros(a.plan.input, { dtype: g.dtype, device: g.device }), a.plan, g, true), a.input),
    ],
    { plan, input: x.shape },
  );
}

function planMask(x: Tensor, mask: Tensor, shape: readonly number[], values: ArrayLike<number>): IndexPlan {
  const m = expand(mask, shape);
  const coords = coordinatesOf(m, values);
  return planIndex(
    'maskedSelect',
    m,
    columnsOf(coords).map((index, dim) => ({ dim, index })),
  );
}

/** torch.masked_select: the 1-D tensor of x's elements where `mask` (bool; x and mask broadcast together) is true. */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  const shape = checkMask('maskedSelect', x, mask);
  const m = expand(mask, shape);
  return selectWith(x, shape, planMask(x, mask, shape, valuesForShape('maskedSelect', m, 'x.maskedSelectAsync(mask)')));
}

/** {@link maskedSelect} on any device: the mask's values are read back first. */
export async function maskedSelectAsync(x: Tensor, mask: Tensor): Promise<Tensor> {
  const shape = checkMask('maskedSelect', x, mask);
  const values = await toTypedArray(expand(mask, shape));
  return selectWith(x, shape, planMask(x, mask, shape, values));
}

interface ScatterAttrs {
  readonly mask: Tensor;
  readonly source: readonly number[];
  readonly positions: Tensor;
}

/**
 * torch.masked_scatter (out of place): `x` where `mask` (bool, broadcast to x's shape) is false;
 * where it is true, `source`'s elements in order (row-major). The k-th true element takes
 * source's k-th element: its position is the running count of the mask, so no value needs
 * reading back. `source` must have at least as many elements as the mask has true values.
 */
export function maskedScatter(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  commonBackend('maskedScatter', x, mask, source);
  if (mask.dtype !== 'bool')
    throw new DTypeError(`maskedScatter: expected mask to be a bool tensor, got dtype ${mask.dtype}`);
  if (source.dtype !== x.dtype) {
    throw new DTypeError(
      `maskedScatter: expected self and source to have same dtypes but got ${x.dtype} and ${source.dtype}`,
    );
  }
  const shape = broadcastShapes('maskedScatter', x.shape, mask.shape);
  if (shape.length !== x.ndim || shape.some((s, i) => s !== x.shape[i])) {
    throw new ShapeError(
      `maskedScatter: mask of shape ${formatShape(mask.shape)} cannot be broadcast to the input's shape ${formatShape(x.shape)}`,
    );
  }
  const m = expand(mask, shape);
  const flatMask = reshape(m, [-1]);
  // The k-th true element reads source[k]; a false one reads source[0] (and discards it).
  const positions = where(flatMask, sub(cumsum(flatMask, 0), 1), 0);
  const n = source.numel();
  checkIndexRange(
    'maskedScatter',
    positions,
    Math.max(n, 1),
    null,
    () => `maskedScatter: Number of elements of source < number of ones in mask (source has ${n})`,
    ShapeError,
  );
  if (n === 0) {
    // Only an all-false mask passed the check: nothing is written.
    return defineOp(
      'MaskedScatterBackward0',
      [x, source],
      () => clone(x),
      NOTHING_SAVED,
      (g, _s, _a, needs) => [g, needs[1] === true ? zeros(source.shape, { dtype: g.dtype, device: g.device }) : null],
      null,
    );
  }
  const attrs: ScatterAttrs = { mask: m, source: source.shape, positions };
  return defineOp(
    'MaskedScatterBackward0',
    [x, source],
    () => where(m, reshape(selectAlong(reshape(source, [-1]), 0, positions), x.shape), x),
    NOTHING_SAVED,
    (g, _s, a: ScatterAttrs, needs) => [
      needs[0] === true ? where(a.mask, 0, g) : null,
      needs[1] === true ? sourceGrad(g, a) : null,
    ],
    attrs,
  );
}

/** The gradient to source: each true element's gradient at its source position, zero past the last one used. */
function sourceGrad(g: Tensor, a: ScatterAttrs): Tensor {
  const picked = reshape(where(a.mask, g, 0), [-1]);
  const n = a.source.reduce((p, s) => p * s, 1);
  return reshape(scatterAddOp(zeros([n], { dtype: g.dtype, device: g.device }), 0, a.positions, picked), a.source);
}
