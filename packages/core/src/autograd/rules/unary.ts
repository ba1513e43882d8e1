import type { UnaryOp } from '../../backend/primitives.js';
import type { DType } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { zerosLike } from '../../ops/creation.js';
import { add, cos, div, exp, mul, neg, sign, sin, sqrt, sub } from '../../ops/elementwise.js';
import { cosh, digamma, sinh } from '../../ops/unary-math.js';
import { polygamma } from '../../ops/polygamma.js';
import { reluGrad } from '../../ops/relu-grad.js';

/** The dtype of a unary op's result, from its input's. */
export type UnaryResult = 'same' | 'float' | 'bool';

export interface UnaryRule {
  /** The grad_fn name PyTorch gives the op. */
  readonly name: string;
  readonly result: UnaryResult;
  /** Which value the gradient needs: the op's input, its output, or neither. */
  readonly saves: 'input' | 'output' | 'none';
  /** The input's gradient from the output's and the saved value; null: not differentiable. */
  readonly grad: ((g: Tensor, saved: Tensor) => Tensor) | null;
  /** dtypes the op refuses, with PyTorch's reason. */
  readonly refuses?: { readonly dtypes: readonly DType[]; readonly why: string };
}

const noBool = (what: string) => ({ dtypes: ['bool'] as const, why: what });

/** One gradient rule per unary primitive, written with public ops (so they differentiate too). */
export const unaryRules: { readonly [K in UnaryOp]: UnaryRule } = {
  neg: {
    name: 'NegBackward0',
    result: 'same',
    saves: 'none',
    grad: (g) => neg(g),
    refuses: noBool('negation on a bool tensor is not supported; to invert a mask use logicalNot()'),
  },
  exp: { name: 'ExpBackward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, y) },
  log: { name: 'LogBackward0', result: 'float', saves: 'input', grad: (g, x) => div(g, x) },
  abs: {
    name: 'AbsBackward0',
    result: 'same',
    saves: 'input',
    grad: (g, x) => mul(g, sign(x)),
    refuses: noBool('abs is not supported for bool tensors'),
  },
  sign: { name: 'SignBackward0', result: 'same', saves: 'none', grad: (g) => zerosLike(g) },
  sqrt: { name: 'SqrtBackward0', result: 'float', saves: 'output', grad: (g, y) => div(g, mul(y, 2)) },
  sin: { name: 'SinBackward0', result: 'float', saves: 'input', grad: (g, x) => mul(g, cos(x)) },
  cos: { name: 'CosBackward0', result: 'float', saves: 'input', grad: (g, x) => mul(g, neg(sin(x))) },
  tanh: { name: 'TanhBackward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, sub(1, mul(y, y))) },
  sigmoid: { name: 'SigmoidBackward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, mul(y, sub(1, y))) },
  relu: {
    name: 'ReluBackward0',
    result: 'same',
    saves: 'output',
    grad: reluGrad,
    refuses: noBool('relu is not supported for bool tensors'),
  },
  floor: { name: 'FloorBackward0', result: 'same', saves: 'none', grad: (g) => zerosLike(g) },
  ceil: { name: 'CeilBackward0', result: 'same', saves: 'none', grad: (g) => zerosLike(g) },
  logicalNot: { name: 'LogicalNotBackward0', result: 'bool', saves: 'none', grad: null },
  exp2: { name: 'Exp2Backward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, mul(y, Math.LN2)) },
  expm1: { name: 'Expm1Backward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, add(y, 1)) },
  log2: { name: 'Log2Backward0', result: 'float', saves: 'input', grad: (g, x) => div(g, mul(x, Math.LN2)) },
  log10: { name: 'Log10Backward0', result: 'float', saves: 'input', grad: (g, x) => div(g, mul(x, Math.LN10)) },
  log1p: { name: 'Log1PBackward0', result: 'float', saves: 'input', grad: (g, x) => div(g, add(x, 1)) },
  tan: { name: 'TanBackward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, add(mul(y, y), 1)) },
  asin: { name: 'AsinBackward0', result: 'float', saves: 'input', grad: (g, x) => div(g, sqrt(sub(1, mul(x, x)))) },
  acos: {
    name: 'AcosBackward0',
    result: 'float',
    saves: 'input',
    grad: (g, x) => neg(div(g, sqrt(sub(1, mul(x, x))))),
  },
  atan: { name: 'AtanBackward0', result: 'float', saves: 'input', grad: (g, x) => div(g, add(mul(x, x), 1)) },
  sinh: { name: 'SinhBackward0', result: 'float', saves: 'input', grad: (g, x) => mul(g, cosh(x)) },
  cosh: { name: 'CoshBackward0', result: 'float', saves: 'input', grad: (g, x) => mul(g, sinh(x)) },
  asinh: { name: 'AsinhBackward0', result: 'float', saves: 'input', grad: (g, x) => div(g, sqrt(add(mul(x, x), 1))) },
  acosh: { name: 'AcoshBackward0', result: 'float', saves: 'input', grad: (g, x) => div(g, sqrt(sub(mul(x, x), 1))) },
  atanh: { name: 'AtanhBackward0', result: 'float', saves: 'input', grad: (g, x) => div(g, sub(1, mul(x, x))) },
  // d erf(x)/dx = 2/sqrt(pi) exp(-x²)
  erf: {
    name: 'ErfBackward0',
    result: 'float',
    saves: 'input',
    grad: (g, x) => mul(g, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI))),
  },
  erfc: {
    name: 'ErfcBackward0',
    result: 'float',
    saves: 'input',
    grad: (g, x) => mul(g, mul(exp(neg(mul(x, x))), -2 / Math.sqrt(Math.PI))),
  },
  // d erfinv(y)/dy = sqrt(pi)/2 exp(erfinv(y)²)
  erfinv: {
    name: 'ErfinvBackward0',
    result: 'float',
    saves: 'output',
    grad: (g, y) => mul(g, mul(exp(mul(y, y)), Math.sqrt(Math.PI) / 2)),
  },
  lgamma: { name: 'LgammaBackward0', result: 'float', saves: 'input', grad: (g, x) => mul(g, digamma(x)) },
  // ψ' is the trigamma function, polygamma(1, x) (a composite: ops/polygamma.ts)
  digamma: { name: 'DigammaBackward0', result: 'float', saves: 'input', grad: (g, x) => mul(g, polygamma(1, x)) },
  round: { name: 'RoundBackward0', result: 'same', saves: 'none', grad: (g) => zerosLike(g) },
  trunc: { name: 'TruncBackward0', result: 'same', saves: 'none', grad: (g) => zerosLike(g) },
};
