import type { UnaryOp } from '../../backend/primitives.js';
import type { DType } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { cos, mul, neg, sign, sin, sub, where, zerosLike, gt, div } from '../../ops/index.js';

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
    name: 'NegBackward0', result: 'same', saves: 'none', grad: (g) => neg(g),
    refuses: noBool('negation on a bool tensor is not supported; to invert a mask use logicalNot()'),
  },
  exp: { name: 'ExpBackward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, y) },
  log: { name: 'LogBackward0', result: 'float', saves: 'input', grad: (g, x) => div(g, x) },
  abs: { name: 'AbsBackward0', result: 'same', saves: 'input', grad: (g, x) => mul(g, sign(x)), refuses: noBool('abs is not supported for bool tensors') },
  sign: { name: 'SignBackward0', result: 'same', saves: 'none', grad: (g) => zerosLike(g) },
  sqrt: { name: 'SqrtBackward0', result: 'float', saves: 'output', grad: (g, y) => div(g, mul(y, 2)) },
  sin: { name: 'SinBackward0', result: 'float', saves: 'input', grad: (g, x) => mul(g, cos(x)) },
  cos: { name: 'CosBackward0', result: 'float', saves: 'input', grad: (g, x) => mul(g, neg(sin(x))) },
  tanh: { name: 'TanhBackward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, sub(1, mul(y, y))) },
  sigmoid: { name: 'SigmoidBackward0', result: 'float', saves: 'output', grad: (g, y) => mul(g, mul(y, sub(1, y))) },
  relu: { name: 'ReluBackward0', result: 'same', saves: 'output', grad: (g, y) => where(gt(y, 0), g, 0), refuses: noBool('relu is not supported for bool tensors') },
  floor: { name: 'FloorBackward0', result: 'same', saves: 'none', grad: (g) => zerosLike(g) },
  ceil: { name: 'CeilBackward0', result: 'same', saves: 'none', grad: (g) => zerosLike(g) },
  logicalNot: { name: 'LogicalNotBackward0', result: 'bool', saves: 'none', grad: null },
};
