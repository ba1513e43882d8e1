import { isFloating, resultType } from '../dtype.js';
import type { TensorLike } from '../tensor.js';
import { Tensor } from '../tensor.js';
import { binary, logicalAnd, logicalNot, logicalOr, neg, sub } from './elementwise.js';
import { logicalXor } from './binary-math.js';
import { DTypeError } from '../errors.js';

/**
 * Bitwise ops on integers (int32, uint8, int8: computed in int32, wrapped back to 8 bits) and on
 * bools, where and/or/xor/not are the logical ops. Floats are refused, as PyTorch does. Shifts by
 * a negative amount or by the width or more give 0 (left) or the sign (right), as PyTorch.
 */

const operand = (x: TensorLike) => (x instanceof Tensor ? x : x);
const isBool = (a: TensorLike, b: TensorLike) => resultType(operand(a), operand(b)) === 'bool';

export const bitwiseAnd = (a: TensorLike, b: TensorLike): Tensor =>
  isBool(a, b) ? logicalAnd(a, b) : binary('bitwiseAnd', a, b);
export const bitwiseOr = (a: TensorLike, b: TensorLike): Tensor =>
  isBool(a, b) ? logicalOr(a, b) : binary('bitwiseOr', a, b);
export const bitwiseXor = (a: TensorLike, b: TensorLike): Tensor =>
  isBool(a, b) ? logicalXor(a, b) : binary('bitwiseXor', a, b);
/** a << b (a * 2^b, wrapping), as torch.bitwise_left_shift. */
export const bitwiseLeftShift = (a: TensorLike, b: TensorLike): Tensor => binary('bitwiseLeftShift', a, b);
/** a >> b, arithmetic (the sign fills in), as torch.bitwise_right_shift. */
export const bitwiseRightShift = (a: TensorLike, b: TensorLike): Tensor => binary('bitwiseRightShift', a, b);

/** ~x: -x - 1 on integers (two's complement, wrapping in 8 bits), logical not on bools. */
export function bitwiseNot(x: Tensor): Tensor {
  if (isFloating(x.dtype)) throw new DTypeError(`bitwiseNot: expected an integer or bool tensor, got dtype ${x.dtype}`);
  return x.dtype === 'bool' ? logicalNot(x) : sub(neg(x), 1);
}
