import type { BinaryOp } from '../../backend/primitives.js';
import type { Tensor } from '../../tensor.js';
import { add, div, eq, floor, log, logicalAnd, ge, gt, mul, neg, pow, sub, trunc, where } from '../../ops/index.js';

export interface BinaryRule {
  /** The grad_fn name PyTorch gives the op. */
  readonly name: string;
  /** The name PyTorch gives it when `b` is a JavaScript number (remainder.Scalar: RemainderBackward0). */
  readonly scalarName?: string;
  /** Which values the gradients need. */
  readonly saves: readonly ('a' | 'b' | 'out')[];
  /**
   * The gradients of `a` and `b` in the broadcast shape (core then sums them down to each
   * input's shape), from the output's gradient and the saved values; a side not needed is null.
   */
  readonly grad: (g: Tensor, saved: Saved, needs: readonly boolean[]) => [Tensor | null, Tensor | null];
}

export interface Saved {
  a: Tensor;
  b: Tensor;
  out: Tensor;
}

const when = (need: boolean | undefined, f: () => Tensor): Tensor | null => (need === true ? f() : null);

/** Where a and b tie, max/min split the gradient evenly between them, as PyTorch does. */
function selectGrad(g: Tensor, mine: Tensor, ties: Tensor): Tensor {
  return where(ties, div(g, 2), where(mine, g, 0));
}

/** One gradient rule per binary primitive, written with public ops. */
export const binaryRules: { readonly [K in BinaryOp]: BinaryRule } = {
  add: { name: 'AddBackward0', saves: [], grad: (g) => [g, g] },
  sub: { name: 'SubBackward0', saves: [], grad: (g, _s, n) => [g, when(n[1], () => neg(g))] },
  mul: {
    name: 'MulBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [when(n[0], () => mul(g, b)), when(n[1], () => mul(g, a))],
  },
  div: {
    name: 'DivBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [when(n[0], () => div(g, b)), when(n[1], () => neg(div(mul(g, a), mul(b, b))))],
  },
  pow: {
    name: 'PowBackward1',
    saves: ['a', 'b', 'out'],
    grad: (g, { a, b, out }, n) => [
      // b * a^(b-1), taken as 0 where b = 0 (the derivative of a constant 1), as PyTorch does.
      when(n[0], () => where(eq(b, 0), 0, mul(g, mul(b, pow(a, sub(b, 1)))))),
      // d(a^b)/db = a^b log(a), taken as 0 where a = 0 and b >= 0 (the limit), as PyTorch does.
      when(n[1], () => where(logicalAnd(eq(a, 0), ge(b, 0)), 0, mul(g, mul(out, log(a))))),
    ],
  },
  maximum: {
    name: 'MaximumBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [when(n[0], () => selectGrad(g, gt(a, b), eq(a, b))), when(n[1], () => selectGrad(g, gt(b, a), eq(a, b)))],
  },
  minimum: {
    name: 'MinimumBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [when(n[0], () => selectGrad(g, gt(b, a), eq(a, b))), when(n[1], () => selectGrad(g, gt(a, b), eq(a, b)))],
  },
  atan2: {
    name: 'Atan2Backward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => {
      const r2 = add(mul(a, a), mul(b, b));
      return [when(n[0], () => div(mul(g, b), r2)), when(n[1], () => neg(div(mul(g, a), r2)))];
    },
  },
  // a - floor(a / b) * b and a - trunc(a / b) * b: the quotient is locally constant.
  remainder: {
    name: 'RemainderBackward1',
    scalarName: 'RemainderBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [when(n[0], () => g), when(n[1], () => neg(mul(g, floor(div(a, b)))))],
  },
  fmod: {
    name: 'FmodBackward1',
    scalarName: 'FmodBackward0',
    saves: ['a', 'b'],
    grad: (g, { a, b }, n) => [when(n[0], () => g), when(n[1], () => neg(mul(g, trunc(div(a, b)))))],
  },
};
