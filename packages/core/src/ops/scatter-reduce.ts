import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { isFloating } from '../dtype.js';
import { commonBackend } from './dispatch.js';
import { arange, ones, zeros } from './creation.js';
import { binary, compare, logicalAnd, where } from './elementwise.js';
import { checkIndexShape, checkIndexValues, gatherOp, growTo, scatter, scatterAddOp } from './indexing.js';
import { cat } from './join.js';
import { pad } from './pad.js';
import { amax, amin, prod } from './reduce-extra.js';
import { sum } from './reduce.js';
import { narrow } from './slicing.js';
import { expand, permute, unsqueeze, view } from './view.js';
import { defineOp } from './op-node.js';
import { to } from './convert.js';
import { divRounded } from './binary-math.js';
import { DTypeError, ValueError } from '../errors.js';

export type ScatterReduction = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';

export interface ScatterReduceOptions {
  /** Whether the values of `x` at the scattered positions take part in the reduction (default true). */
  readonly includeSelf?: boolean;
}

const REDUCTIONS: readonly ScatterReduction[] = ['sum', 'prod', 'mean', 'amax', 'amin'];

/**
 * torch.scatter_reduce (out of place): each src value is reduced (`sum`, `prod`, `mean`, `amax`,
 * `amin`) into `x` at its index along `dim`; with `includeSelf` false the values of `x` at the
 * positions written to are left out. Positions no index names keep `x`'s value.
 *
 * No backend has a reducing scatter kernel, so the forward is composed of ops every backend has:
 * each src value is compared with every position along `dim` (a one-hot mask of index's shape
 * times `x.shape[dim]`), and the masked values reduced. That costs index.numel * x.shape[dim]
 * elements, which is what makes it correct on every device without atomics. The gradient is
 * PyTorch's ScatterReduceBackward0 (ties of amax/amin share the gradient evenly).
 */
export function scatterReduce(
  x: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor,
  reduce: ScatterReduction,
  options: ScatterReduceOptions = {},
): Tensor {
  const op = 'scatterReduce';
  commonBackend(op, x, index, src);
  if (!REDUCTIONS.includes(reduce)) {
    throw new ValueError(
      `${op}: reduce argument must be one of ${REDUCTIONS.join(', ')}, got ${JSON.stringify(reduce)}`,
    );
  }
  if (x.dtype === 'bool') throw new DTypeError(`${op}: bool tensors are not supported (got dtype bool)`);
  if (src.dtype !== x.dtype) {
    throw new DTypeError(`${op}: expected self.dtype to be equal to src.dtype, got ${x.dtype} and ${src.dtype}`);
  }
  const d = normalizeDim(op, dim, x.ndim);
  checkIndexShape(op, x, d, index, src);
  checkIndexValues(op, index, x.shape[d] ?? 1, d);
  const includeSelf = options.includeSelf ?? true;
  const s = narrowTo(src, index.shape);
  const attrs: ReduceAttrs = { dim: d, index, reduce, includeSelf, src: src.shape };
  return defineOp(
    'ScatterReduceBackward0',
    [x, src],
    () => reduced(x, d, index, s, reduce, includeSelf),
    (out) => [x, s, out],
    scatterReduceBackward,
    attrs,
  );
}

interface ReduceAttrs {
  readonly dim: number;
  readonly index: Tensor;
  readonly reduce: ScatterReduction;
  readonly includeSelf: boolean;
  readonly src: readonly number[];
}

/** `src` cut to index's extent (src may be larger off `dim`; the rest is never read). */
function narrowTo(src: Tensor, shape: readonly number[]): Tensor {
  let s = src;
  for (let j = 0; j < shape.length; j++) if (s.shape[j]! > shape[j]!) s = narrow(s, j, 0, shape[j]!);
  return s;
}

/** The forward, from differentiable ops (the gradient's prod case reuses it). */
function reduced(
  x: Tensor,
  d: number,
  index: Tensor,
  s: Tensor,
  reduce: ScatterReduction,
  includeSelf: boolean,
): Tensor {
  const n = x.shape[d]!;
  const device = x.device;
  const dtype = x.dtype;
  if (x.ndim === 0) {
    const one = (t: Tensor): Tensor => unsqueeze(t, 0);
    return view(reduced(one(x), 0, one(index), one(s), reduce, includeSelf), []);
  }
  // mask[..., k]: whether the src value at that position goes to position k along d.
  const positions = arange(0, n, 1, { dtype: 'int32', device });
  let mask = to(compare('eq', unsqueeze(index, -1), positions), dtype);
  let values = expand(unsqueeze(s, -1), mask.shape);
  // Off `dim`, index may be smaller than x: its positions past the end take part in nothing.
  const pads: number[] = [0, 0];
  for (let j = x.ndim - 1; j >= 0; j--) pads.push(0, j === d ? 0 : x.shape[j]! - index.shape[j]!);
  mask = pad(mask, pads);
  values = pad(values, pads);
  // x itself as one more candidate per position: moved to the last dim, one slot along d.
  const order = [...x.shape.keys()].filter((j) => j !== d).concat(d);
  const self = unsqueeze(permute(x, order), d);
  mask = cat([mask, binary('add', zeros(self.shape, { dtype, device }), includeSelf ? 1 : 0)], d);
  values = cat([values, self], d);
  const take = compare('ne', mask, 0);
  const count = sum(mask, d);
  const identity = reduce === 'prod' ? 1 : reduce === 'amax' ? lowest(dtype) : reduce === 'amin' ? -lowest(dtype) : 0;
  const masked = where(take, values, identity);
  let r: Tensor;
  if (reduce === 'prod') r = prod(masked, d);
  else if (reduce === 'amax') r = amax(masked, d);
  else if (reduce === 'amin') r = amin(masked, d);
  else r = sum(masked, d);
  if (reduce === 'mean') {
    // Integer means round down, as PyTorch's.
    const c = binary('maximum', count, 1);
    r = isFloating(dtype) ? binary('div', r, c) : divRounded(r, c, 'floor');
  }
  // Back from (dims but d, then d) to x's order.
  const back = order.map((_, j) => order.indexOf(j));
  const result = permute(r, back);
  return where(compare('gt', permute(count, back), 0), result, x);
}

/** The identity of amax in `dtype` (amin's is its negation). */
function lowest(dtype: string): number {
  return dtype === 'int32' ? -2147483647 : -Infinity;
}

function scatterReduceBackward(
  g: Tensor,
  [x, s, out]: readonly Tensor[],
  a: ReduceAttrs,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const { dim: d, index, reduce, includeSelf } = a;
  let gx: Tensor;
  let gs: Tensor;
  const dtype = g.dtype;
  const device = g.device;
  if (reduce === 'sum') {
    gx = g;
    gs = gatherOp(g, d, index);
  } else if (reduce === 'mean') {
    const start = includeSelf ? ones(x!.shape, { dtype, device }) : zeros(x!.shape, { dtype, device });
    const counts = binary('maximum', scatterAddOp(start, d, index, ones(index.shape, { dtype, device })), 1);
    gx = binary('div', g, counts);
    gs = gatherOp(gx, d, index);
  } else if (reduce === 'prod') {
    // d out / d x: the product of the src values at its position (x replaced by 1).
    gx = binary('mul', g, reduced(ones(x!.shape, { dtype, device }), d, index, s!, 'prod', true));
    // d out / d src: out / src, or where src is its position's only zero, the product of the rest.
    const zero = compare('eq', s!, 0);
    const zeros_ = gatherOp(scatterAddOp(zeros(x!.shape, { dtype, device }), d, index, to(zero, dtype)), d, index);
    const single = logicalAnd(zero, compare('eq', zeros_, 1));
    const rest = reduced(x!, d, index, where(single, 1, s!), 'prod', includeSelf);
    gs = where(
      single,
      gatherOp(binary('mul', g, rest), d, index),
      binary('div', gatherOp(binary('mul', g, out!), d, index), where(zero, 1, s!)),
    );
  } else {
    // amax/amin: the gradient is shared evenly by every value equal to the result (x's too).
    const value = gatherOp(out!, d, index);
    const selfIs = compare('eq', x!, out!);
    const srcIs = compare('eq', s!, value);
    const share = binary('div', g, scatterAddOp(to(selfIs, dtype), d, index, to(srcIs, dtype)));
    gx = where(selfIs, share, 0);
    gs = where(srcIs, gatherOp(share, d, index), 0);
  }
  // Left out of the reduction, x's values where src was written get no gradient.
  if (!includeSelf) gx = scatter(gx, d, index, 0);
  return [needs[0] === true ? gx : null, needs[1] === true ? growTo(gs, a.src) : null];
}
