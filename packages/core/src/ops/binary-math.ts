import { isFloating, resultType } from '../dtype.js';
import type { TensorLike } from '../tensor.js';
import { Tensor } from '../tensor.js';
import { add, binary, compare, div, floor, mul, neg, sub } from './elementwise.js';
import { trunc } from './unary-math.js';
import { checkFloat, multiNode, when } from './multi-node.js';
import { DTypeError, ValueError } from '../errors.js';

/** Binary ops beyond the arithmetic of elementwise.ts: rounding division, modulo, atan2, blends. */

export type RoundingMode = 'trunc' | 'floor';
export interface DivOptions {
  /** Round the quotient toward zero or down; int inputs then give an int result (torch.div). */
  readonly roundingMode?: RoundingMode | null;
}

const dtypeOf = (x: TensorLike) => (x instanceof Tensor ? x : x);

/** `a / b` rounded by `mode`; the gradient is zero (the quotient is piecewise constant). */
export function divRounded(a: TensorLike, b: TensorLike, mode: RoundingMode): Tensor {
  if (mode !== 'trunc' && mode !== 'floor') {
    throw new ValueError(`div: expected roundingMode to be one of null, 'trunc' or 'floor', got '${String(mode)}'`);
  }
  const dtype = resultType(dtypeOf(a), dtypeOf(b));
  if (dtype === 'bool') throw new DTypeError(`div: roundingMode '${mode}' is not supported for bool tensors`);
  if (isFloating(dtype)) {
    const q = binary('div', a, b);
    return mode === 'trunc' ? trunc(q) : floor(q);
  }
  // int32: the kernel's int division truncates; floor division divides a - (a mod b) exactly.
  if (mode === 'trunc') return binary('div', a, b, 1, true);
  return binary('div', binary('sub', a, binary('remainder', a, b)), b, 1, true);
}

/** atan2(a, b): the angle of the point (b, a), in (-pi, pi]; ints give float32. */
export const atan2 = (a: TensorLike, b: TensorLike): Tensor => binary('atan2', a, b);
/** Python's modulo: `a - floor(a / b) * b`, with the divisor's sign. */
export const remainder = (a: TensorLike, b: TensorLike): Tensor => binary('remainder', a, b);
/** C's fmod: `a - trunc(a / b) * b`, with the dividend's sign. */
export const fmod = (a: TensorLike, b: TensorLike): Tensor => binary('fmod', a, b);

/** Exclusive or of the truth values (nonzero is true); bool result. */
export function logicalXor(a: TensorLike, b: TensorLike): Tensor {
  return compare('ne', compare('ne', a, 0), compare('ne', b, 0));
}

/** `start + weight * (end - start)`; floating dtypes only, as torch.lerp (LerpBackward0, or 1 with a tensor weight). */
export function lerp(start: Tensor, end: TensorLike, weight: TensorLike): Tensor {
  checkFloat('lerp', start, end, weight);
  const name = weight instanceof Tensor ? 'LerpBackward1' : 'LerpBackward0';
  return multiNode(
    name,
    [start, end, weight],
    () => add(start, mul(weight, sub(end, start))),
    (g, n) => [
      when(n[0], () => mul(g, sub(1, weight))),
      when(n[1], () => mul(g, weight)),
      when(n[2], () => mul(g, sub(end, start))),
    ],
  );
}

export interface AddcOptions {
  /** Scales the product or quotient (default 1). */
  readonly value?: number;
}

/** `input + value * t1 * t2` (AddcmulBackward0). */
export function addcmul(input: Tensor, t1: Tensor, t2: Tensor, options: AddcOptions = {}): Tensor {
  const value = options.value ?? 1;
  return multiNode(
    'AddcmulBackward0',
    [input, t1, t2],
    () => add(input, mul(mul(t1, t2), value)),
    (g, n) => [when(n[0], () => g), when(n[1], () => mul(g, mul(t2, value))), when(n[2], () => mul(g, mul(t1, value)))],
  );
}

/** `input + value * t1 / t2` (AddcdivBackward0); two int tensors are refused (PyTorch no longer divides them here). */
export function addcdiv(input: Tensor, t1: Tensor, t2: Tensor, options: AddcOptions = {}): Tensor {
  if (!isFloating(t1.dtype) && !isFloating(t2.dtype)) {
    throw new DTypeError(
      'addcdiv: integer division with addcdiv is no longer supported; convert tensor1 or tensor2 to a floating point dtype first ' +
        `(got ${t1.dtype} and ${t2.dtype})`,
    );
  }
  const value = options.value ?? 1;
  return multiNode(
    'AddcdivBackward0',
    [input, t1, t2],
    () => add(input, mul(binary('div', t1, t2), value)),
    (g, n) => [
      when(n[0], () => g),
      when(n[1], () => div(mul(g, value), t2)),
      when(n[2], () => neg(div(mul(mul(g, value), t1), mul(t2, t2)))),
    ],
  );
}
