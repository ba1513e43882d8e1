import type { Emit, Mapper } from './op-map.js';
import { ELEM_TYPE, elemTypeOf } from './model-proto.js';

/** Elementwise ops, products, reductions and softmax: ONNX has a node for each. */

const UNARY: Readonly<Record<string, string>> = {
  ReluBackward0: 'Relu',
  TanhBackward0: 'Tanh',
  SigmoidBackward0: 'Sigmoid',
  ExpBackward0: 'Exp',
  LogBackward0: 'Log',
  SqrtBackward0: 'Sqrt',
  ErfBackward0: 'Erf',
  NegBackward0: 'Neg',
  AbsBackward0: 'Abs',
  ReciprocalBackward0: 'Reciprocal',
  FloorBackward0: 'Floor',
  CeilBackward0: 'Ceil',
  SinBackward0: 'Sin',
  CosBackward0: 'Cos',
  SignBackward0: 'Sign',
  CloneBackward0: 'Identity',
};

const BINARY: Readonly<Record<string, string>> = {
  AddBackward0: 'Add',
  SubBackward0: 'Sub',
  MulBackward0: 'Mul',
  DivBackward0: 'Div',
  PowBackward1: 'Pow',
  MaximumBackward0: 'Max',
  MinimumBackward0: 'Min',
};

/** Input `i`, cast to the result's dtype where ag promoted it (an int tensor added to a float one). */
function operand(e: Emit, i: number): string {
  const t = e.op.inputs[i]!;
  const to = e.op.output.dtype;
  return t.dtype === to ? e.x(i) : e.node('Cast', [e.x(i)], { to: { int: ELEM_TYPE[elemTypeOf(to)] } });
}

function binary(opType: string): Mapper {
  return (e) => {
    let b = operand(e, 1);
    const alpha = (e.op.attrs as { alpha?: number } | null)?.alpha ?? 1;
    if (alpha !== 1) b = e.node('Mul', [b, e.scalar(alpha, e.op.output)]);
    return e.node(opType, [operand(e, 0), b]);
  };
}

/** The reduced axes of a sum or mean, from its keepdim shape; size-1 dims are reduced only as far as the result's rank needs. */
function reducedAxes(e: Emit): { axes: number[]; keepdims: boolean } {
  const { kept, input } = e.op.attrs as { kept: readonly number[]; input: readonly number[] };
  const keepdims = e.op.output.ndim === input.length;
  const axes = input.flatMap((s, i) => (kept[i] === 1 && s !== 1 ? [i] : []));
  if (!keepdims) {
    for (let i = 0; i < input.length && axes.length < input.length - e.op.output.ndim; i++)
      if (input[i] === 1 && !axes.includes(i)) axes.push(i);
    axes.sort((a, b) => a - b);
  }
  return { axes, keepdims };
}

function reduce(opType: 'ReduceSum' | 'ReduceMean'): Mapper {
  return (e) => {
    const { axes, keepdims } = reducedAxes(e);
    const x = e.op.inputs[0]!;
    const s = e.sym(x);
    const sym = keepdims ? s.map((d, i) => (axes.includes(i) ? 1 : d)) : s.filter((_, i) => !axes.includes(i));
    if (axes.length === 0) return { value: e.node('Identity', [e.x(0)]), sym };
    const k = { keepdims: { int: keepdims ? 1 : 0 } };
    // Opset 13 moved ReduceSum's axes to an input; ReduceMean's stays an attribute until opset 18.
    const value =
      opType === 'ReduceSum'
        ? e.node(opType, [e.x(0), e.ints(axes)], k)
        : e.node(opType, [e.x(0)], { ...k, axes: { ints: axes } });
    return { value, sym };
  };
}

const matmul: Mapper = (e) => e.node('MatMul', [e.x(0), e.x(1)]);

export const MATH_MAPPERS: Readonly<Record<string, Mapper>> = {
  ...Object.fromEntries(Object.entries(UNARY).map(([k, op]) => [k, (e: Emit) => e.node(op, [e.x(0)])])),
  ...Object.fromEntries(Object.entries(BINARY).map(([k, op]) => [k, binary(op)])),
  RsqrtBackward0: (e) => e.node('Reciprocal', [e.node('Sqrt', [e.x(0)])]),
  PowBackward0: (e) => e.node('Pow', [e.x(0), e.scalar((e.op.attrs as { e: number }).e, e.op.output)]),
  WhereBackward0: (e) => e.node('Where', [e.x(0), operand(e, 1), operand(e, 2)]),
  MmBackward0: matmul,
  BmmBackward0: matmul,
  MvBackward0: matmul,
  DotBackward0: matmul,
  // addmm(bias, a, b) = a @ b + bias: Gemm's C broadcasts to [M, N] as the bias does.
  AddmmBackward0: (e) => e.node('Gemm', [e.x(1), e.x(2), e.x(0)]),
  SumBackward0: reduce('ReduceSum'),
  SumBackward1: reduce('ReduceSum'),
  MeanBackward0: reduce('ReduceMean'),
  MeanBackward1: reduce('ReduceMean'),
  SoftmaxBackward0: (e) => e.node('Softmax', [e.x(0)], { axis: { int: (e.op.attrs as { dim: number }).dim } }),
  LogSoftmaxBackward0: (e) => e.node('LogSoftmax', [e.x(0)], { axis: { int: (e.op.attrs as { dim: number }).dim } }),
  ToCopyBackward0: (e) => e.node('Cast', [e.x(0)], { to: { int: ELEM_TYPE[elemTypeOf(e.op.output.dtype)] } }),
};
