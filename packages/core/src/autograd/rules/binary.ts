import type { BinaryOp } from '../../backend/primitives.js';
import type { Tensor } from '../../tensor.js';
import { add, div, eq, floor, log, logicalAnd, ge, gt, mul, neg, pow, sub, where } from '../../ops/elementwise.js';
import { trunc } from '../../ops/unary-math.js';

export interface BinaryRule {
  /** The grad_fn name PyTorch gives the op. */
  readonly name: string;
  /** The name PyTorch gives it when `b` is a JavaScript number (remainder.Scalar: RemainderBackward0). */
  readonly scalarName?: string;
  /**
   * Which values the gradients need: nothing, the inputs, or the inputs and the output, always
   * in this order, so that the backward finds each by its position among the saved tensors.
   */
  readonly saves: readonly [] | readonly ['a', 'b'] | readonly ['a', 'b', 'out'];
  /**
   * With `saves` ['a', 'b']: the input whose value only the other side's gradient reads (mul's
   * `a` is read only for `b`'s gradient): when that other side needs none, the input is not
   * saved, as PyTorch saves it only then. A chain of `y.mul(c)` then keeps no `y` alive for
   * backward (nor reports an in-place write to it, as PyTorch does not).
   */
  readonly onlyForOther?: 'a' | 'both';
  /**
   * The gradients of `a` and `b` in the broadcast shape (core then sums them down to each
   * input's shape), from the output's gradient and the saved values; a side not needed is null.
   * Always a new pair: core writes the summed-down gradients back into it. Null: the op is not
   * differentiable (it takes integers only).
   */
  readonly grad: ((g: Tensor, saved: Saved, needs: readonly boolean[]) => [Tensor | null, Tensor | null]) | null;
}

export interface Saved {
  a: Tensor;
  b: Tensor;
  out: Tensor;
}

/** Where a and b tie, max/min split the gradient evenly between them, as PyTorch does. */
function selectGrad(g: Tensor, mine: Tensor, ties: Tensor): Tensor {
  return where(ties, div(g, 2), where(mine, g, 0));
}

// Each rule computes a side's gradient only when `n` (needs) says that input takes one: written
// `n[0] === true ? ... : null` rather than through a helper taking a closure, since this runs
// once per node of every backward and closures would be allocated each time.

/** One gradient rule per binary primitive, written with public ops. */
export const binaryRules: { readonly [K in BinaryOp]: BinaryRule } = {
  // A side that takes no gradient gets none: for a scalar operand (`y.add(1)` on a [16]), `g`
  // would otherwise be summed down to its shape, a reduction per node for nothing.
  add: { name: 'AddBackward0', saves: [], grad: (g, _s, n) => [n[0] === true ? g : null, n[1] === true ? g : null] },
  sub: {
    name: 'SubBackward0',
    saves: [],
    grad: (g, _s, n) => [n[0] === true ? g : null, n[1] === true ? neg(g) : null],
  },
  mul: {
    name: 'MulBackward0',
    saves: ['a', 'b'],
    onlyForOther: 'both',
    grad: (g, { a, b }, n) => [n[0] === true ? mul(g, b) : null, n[1] === true ? mul(g, a) : null],
  },
  div: {
    name: 'DivBackward0',
    saves: ['a', 'b'],
    onlyForOther: 'a',
    grad: (g, { a, b }, n) => [n[0] === true ? div(g, b) : null, n[1] === true ? neg(div(mul(g, a), mul(b, b))) : null],
  },
  pow: {
    name: 'PowBackward1',
    saves: ['a', 'b', 'out'],
    grad: (g, { a, b, out }, n) => [
      // b * a^(b-1), taken as 0 where b = 0 (the derivative of a constant 1), as PyTorch does.
      n[0] === true ? where(eq(b, 0), 0, mul(g, mul(b, pow(a, sub(b, 1))))) : null,
      // d(a^b)/db = a^b log(a), taken as 0 where a = 0 and b >= 0 (the limit), as PyTorch does.
      n[1] === true ? where(logicalAnd(eq(a, 0), ge(b, 0)), 0, mul(g, mul(out, log(a)))) : null,
    ],
  },
  maximum: {
    name: 'MaximumBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [
      n[0] === true ? selectGrad(g, gt(a, b), eq(a, b)) : null,
      n[1] === true ? selectGrad(g, gt(b, a), eq(a, b)) : null,
    ],
  },
  minimum: {
    name: 'MinimumBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [
      n[0] === true ? selectGrad(g, gt(b, a), eq(a, b)) : null,
      n[1] === true ? selectGrad(g, gt(a, b), eq(a, b)) : null,
    ],
  },
  atan2: {
    name: 'Atan2Backward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => {
      const r2 = add(mul(a, a), mul(b, b));
      return [n[0] === true ? div(mul(g, b), r2) : null, n[1] === true ? neg(div(mul(g, a), r2)) : null];
    },
  },
  // a - floor(a / b) * b and a - trunc(a / b) * b: the quotient is locally constant.
  remainder: {
    name: 'RemainderBackward1',
    scalarName: 'RemainderBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [n[0] === true ? g : null, n[1] === true ? neg(mul(g, floor(div(a, b)))) : null],
  },
  fmod: {
    name: 'FmodBackward1',
    scalarName: 'FmodBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [n[0] === true ? g : null, n[1] === true ? neg(mul(g, trunc(div(a, b)))) : null],
  },
  // Integer ops: no gradient (ints never require one).
  bitwiseAnd: { name: 'BitwiseAndBackward0', saves: [], grad: null },
  bitwiseOr: { name: 'BitwiseOrBackward0', saves: [], grad: null },
  bitwiseXor: { name: 'BitwiseXorBackward0', saves: [], grad: null },
  bitwiseLeftShift: { name: 'BitwiseLeftShiftBackward0', saves: [], grad: null },
  bitwiseRightShift: { name: 'BitwiseRightShiftBackward0', saves: [], grad: null },
};
