import type { Tensor } from '../tensor.js';
import * as ops from '../ops/index.js';
import { inplace } from '../autograd/inplace.js';
import { installInPlaceOps, installMethods, type InPlaceMethods } from './table.js';

/** In-place variants (`x.add_(y)`): the op of the same name without `_`, written into `x`. */
const inPlace = {
  add_: ops.add,
  sub_: ops.sub,
  mul_: ops.mul,
  div_: ops.div,
  pow_: ops.pow,
  neg_: ops.neg,
  exp_: ops.exp,
  log_: ops.log,
  sqrt_: ops.sqrt,
  abs_: ops.abs,
  relu_: ops.relu,
  sigmoid_: ops.sigmoid,
  tanh_: ops.tanh,
  clamp_: ops.clamp,
  clip_: ops.clip,
  maskedFill_: ops.maskedFill,
};

/**
 * In-place ops that are no op's variant: fills and copies (random fills: random.ts). Those that overwrite
 * keep the history as PyTorch does (FillBackward0, ZeroBackward0, ...: a zero gradient to the
 * old values), so that what the tensor came from gets zeros rather than no gradient.
 */
const methods = {
  /** Fills with `value`. */
  fill_<S extends Tensor>(this: S, value: number | boolean): S {
    return inplace(this, 'fill_', (s) => ops.withZeroGradient('FillBackward0', [s], () => ops.fullLike(s, value))) as S;
  },
  zero_<S extends Tensor>(this: S): S {
    return inplace(this, 'zero_', (s) => ops.withZeroGradient('ZeroBackward0', [s], () => ops.zerosLike(s))) as S;
  },
  /** Copies `src` (broadcast to this shape, converted to this dtype) into this tensor. */
  copy_<S extends Tensor>(this: S, src: Tensor): S {
    return inplace(this, 'copy_', (s) => ops.copyFrom(src, s)) as S;
  },
};

export type InPlaceOpMethods = InPlaceMethods<typeof inPlace> & typeof methods;

export function installInPlace(proto: Tensor): void {
  installInPlaceOps(proto, inPlace);
  installMethods(proto, methods);
}
