import type { Backend } from '../backend/backend.js';
import type { BinaryOp, CompareOp, UnaryOp } from '../backend/primitives.js';
import type { DType } from '../dtype.js';
import { isFloating, resultType } from '../dtype.js';
import { broadcastShapes, shapesEqual } from '../shape.js';
import type { TensorLike } from '../tensor.js';
import { Tensor } from '../tensor.js';
import { binaryRules, type BinaryRule, type Saved } from '../autograd/rules/binary.js';
import { unaryRules } from '../autograd/rules/unary.js';
import {
  cachedScalarView,
  checkDtypeOnDevice,
  commonBackend,
  pairBackend,
  scalarTensor,
  viewOf,
  wrap,
} from './dispatch.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { sumTo } from './reduce.js';
import { divRounded, type DivOptions } from './binary-math.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { columnsOf, coordinatesOf, valuesForShape } from './nonzero.js';
import { ArgumentError, DTypeError } from '../errors.js';

/** A tensor operand as a tensor: scalars become 0-d tensors of the op's dtype on its device. */
function asTensor(x: TensorLike, dtype: DType, backend: Backend): Tensor {
  return x instanceof Tensor ? x : scalarTensor(x, dtype, backend);
}

function operand(x: TensorLike): { dtype: DType; ndim: number } | number | boolean {
  return x instanceof Tensor ? x : x;
}

/** A stride-0 view of `x` as `shape` (x's shape broadcasts to it): what kernels read. */
export function broadcastView(x: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  if (x.ndim === 0) {
    const cached = cachedScalarView(x, shape);
    if (cached !== null) return cached;
  }
  const lead = shape.length - x.ndim;
  const strides = shape.map((d, i) => (i < lead || x.shape[i - lead] !== d ? 0 : x.strides[i - lead]!));
  return viewOf(x, shape, strides, x.offset);
}

// ---- unary --------------------------------------------------------------------------------------

function unaryDtype(op: UnaryOp, dtype: DType): DType {
  const rule = unaryRules[op];
  if (rule.refuses?.dtypes.includes(dtype) === true)
    throw new DTypeError(`${op}: ${rule.refuses.why} (got dtype ${dtype})`);
  switch (rule.result) {
    case 'same':
      return dtype;
    case 'float':
      return isFloating(dtype) ? dtype : 'float32';
    case 'bool':
      return 'bool';
  }
}

/** Runs a unary primitive and records its gradient rule. */
export function unary(op: UnaryOp, x: Tensor): Tensor {
  const out = unaryDtype(op, x.dtype);
  const backend = x.backend;
  checkDtypeOnDevice(op, backend, out);
  const y = wrap(backend, backend.kernels.unary(op, x, out), x.shape, out);
  const rule = unaryRules[op];
  if (rule.grad === null) return y;
  const saved = rule.saves === 'input' ? [x] : rule.saves === 'output' ? [y] : NOTHING_SAVED;
  return defineOp(rule.name, [x], y, saved, unaryBackward, { op, dtype: x.dtype });
}

/** A unary op's gradient: its rule applied to the saved value (the gradient itself when none is saved). */
function unaryBackward(
  g: Tensor,
  saved: readonly Tensor[],
  attrs: { readonly op: UnaryOp; readonly dtype: DType },
): Tensor[] {
  return [castGrad(unaryRules[attrs.op].grad!(g, saved[0] ?? g), attrs.dtype)];
}

export const neg = (x: Tensor): Tensor => unary('neg', x);
export const exp = (x: Tensor): Tensor => unary('exp', x);
export const log = (x: Tensor): Tensor => unary('log', x);
export const abs = (x: Tensor): Tensor => unary('abs', x);
export const sign = (x: Tensor): Tensor => unary('sign', x);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
export const sin = (x: Tensor): Tensor => unary('sin', x);
export const cos = (x: Tensor): Tensor => unary('cos', x);
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
export const relu = (x: Tensor): Tensor => unary('relu', x);
export const floor = (x: Tensor): Tensor => unary('floor', x);
export const ceil = (x: Tensor): Tensor => unary('ceil', x);
export const logicalNot = (x: Tensor): Tensor => unary('logicalNot', x);

// ---- binary -------------------------------------------------------------------------------------

/**
 * The promoted dtype of two operands. The common cases skip the general promotion: two tensors
 * of one dtype, and a floating tensor with a number (which never widens it, as in PyTorch).
 */
function operandsDtype(a: TensorLike, b: TensorLike): DType {
  if (a instanceof Tensor && (b instanceof Tensor ? b.dtype === a.dtype : typeof b === 'number' && isFloating(a.dtype)))
    return a.dtype;
  return resultType(operand(a), operand(b));
}

function binaryDtype(op: BinaryOp | CompareOp, a: TensorLike, b: TensorLike, intDiv = false): DType {
  const dtype = operandsDtype(a, b);
  if (op === 'div' && intDiv && dtype === 'int32') return dtype; // div with a rounding mode on ints
  if ((op === 'div' || op === 'atan2') && !isFloating(dtype)) return 'float32'; // true division, as torch.div
  if ((op === 'remainder' || op === 'fmod') && dtype === 'bool')
    throw new DTypeError(`${op}: not supported for bool tensors (PyTorch: "${op}_cpu" not implemented for 'Bool')`);
  if (op.startsWith('bitwise') && (isFloating(dtype) || (dtype === 'bool' && op.endsWith('Shift')))) {
    throw new DTypeError(
      `${op}: expected integer${op.endsWith('Shift') ? '' : ' or bool'} tensors, got dtype ${dtype}`,
    );
  }
  if (op === 'sub' && dtype === 'bool') {
    throw new DTypeError(
      'sub: subtraction, the `-` operator, with two bool tensors is not supported; use logicalXor() instead',
    );
  }
  return dtype;
}

/**
 * What a binary op's backward needs of its operands: their shapes and dtypes, not the tensors
 * themselves, which the graph would keep alive (and their device memory with them).
 */
interface BinaryAttrs {
  readonly op: BinaryOp;
  readonly aShape: readonly number[];
  readonly aDtype: DType;
  readonly bShape: readonly number[];
  readonly bDtype: DType;
  readonly alpha: number;
  /** The input left unsaved because only the other side's gradient reads it, which needs none (BinaryRule.onlyForOther). */
  readonly unsaved: 'a' | 'b' | null;
}

/** The saved values of a rule that saves none (add, sub). */
const NONE_SAVED = { a: undefined, b: undefined, out: undefined } as unknown as Saved;

/** Gradients of a binary op, summed down from the broadcast shape to each input's. */
function binaryBackward(
  g: Tensor,
  saved: readonly Tensor[],
  attrs: BinaryAttrs,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const rule = binaryRules[attrs.op];
  // Saved in the order a, b, out (see BinaryRule.saves); a value the rule did not save is
  // undefined here, and the rule never reads it (nor the shared object of a rule saving none).
  const s = saved.length === 0 ? NONE_SAVED : savedOperands(saved, attrs.unsaved);
  // The rule's fresh pair is reused for the result rather than copied into another array.
  const grads = rule.grad!(g, s, needs);
  const [ga, gb] = grads;
  grads[0] = ga === null ? null : castGrad(sumTo(ga, attrs.aShape), attrs.aDtype);
  grads[1] =
    gb === null ? null : castGrad(sumTo(attrs.alpha === 1 ? gb : mul(gb, attrs.alpha), attrs.bShape), attrs.bDtype);
  return grads;
}

/** The saved list of a binary op as the rule reads it, a value left unsaved being undefined. */
function savedOperands(saved: readonly Tensor[], unsaved: BinaryAttrs['unsaved']): Saved {
  if (unsaved === 'a') return { a: undefined, b: saved[0], out: undefined } as unknown as Saved;
  if (unsaved === 'b') return { a: saved[0], b: undefined, out: undefined } as unknown as Saved;
  return { a: saved[0], b: saved[1], out: saved[2] } as Saved;
}

/**
 * What a binary op saves for its backward (see BinaryRule.saves), and which input it leaves out
 * because only the other side's gradient would read it and that side needs none.
 */
function binarySaves(rule: BinaryRule, ta: Tensor, tb: Tensor, out: Tensor): [readonly Tensor[], 'a' | 'b' | null] {
  const nSaved = rule.saves.length;
  if (nSaved === 0) return [NOTHING_SAVED, null];
  if (nSaved === 3) return [[ta, tb, out], null];
  const other = rule.onlyForOther;
  if (other !== undefined && !tb.requiresGrad) return [[tb], 'a'];
  if (other === 'both' && !ta.requiresGrad) return [[ta], 'b'];
  return [[ta, tb], null];
}

/**
 * Runs a binary primitive on broadcast operands and records its gradient rule. `intDiv`: int32
 * `div` stays int32 (the kernel truncates), for div's rounding modes.
 */
export function binary(op: BinaryOp, a: TensorLike, b: TensorLike, alpha = 1, intDiv = false): Tensor {
  const backend = pairBackend(op, a, b);
  const dtype = binaryDtype(op, a, b, intDiv);
  checkDtypeOnDevice(op, backend, dtype);
  const ta = asTensor(a, dtype, backend);
  const tb = asTensor(b, dtype, backend);
  const shape = broadcastShapes(op, ta.shape, tb.shape);
  // add/sub's alpha scales b before the op; the gradient rule scales b's gradient to match.
  const scaled =
    alpha === 1
      ? tb
      : wrap(
          backend,
          backend.kernels.binary('mul', tb, broadcastView(scalarTensor(alpha, dtype, backend), tb.shape), dtype),
          tb.shape,
          dtype,
        );
  const handle = backend.kernels.binary(op, broadcastView(ta, shape), broadcastView(scaled, shape), dtype);
  const out = wrap(backend, handle, shape, dtype);
  // No graph to record (inference, or a backward's own ops): return before building the node's parts.
  if (!isGradEnabled() || !(ta.requiresGrad || tb.requiresGrad)) return out;
  const rule = binaryRules[op];
  if (rule.grad === null) return out;
  const [saved, unsaved] = binarySaves(rule, ta, tb, out);
  const name = rule.scalarName !== undefined && !(b instanceof Tensor) ? rule.scalarName : rule.name;
  return defineOp(name, [ta, tb], out, saved, binaryBackward, binaryAttrs(op, ta, tb, alpha, unsaved));
}

/**
 * The attributes of a binary op's node. Consecutive ops of one kind on the same shapes (a
 * chain of `y = y.mul(w)`, whose results share one shape list) would record equal objects:
 * the last one per op is reused, since nodes only read them, which spares an allocation that
 * would live as long as the graph.
 */
function binaryAttrs(op: BinaryOp, a: Tensor, b: Tensor, alpha: number, unsaved: BinaryAttrs['unsaved']): BinaryAttrs {
  const last = lastBinaryAttrs.get(op);
  if (
    last?.aShape === a.shape &&
    last.bShape === b.shape &&
    last.aDtype === a.dtype &&
    last.bDtype === b.dtype &&
    last.alpha === alpha &&
    last.unsaved === unsaved
  ) {
    return last;
  }
  const attrs: BinaryAttrs = { op, aShape: a.shape, aDtype: a.dtype, bShape: b.shape, bDtype: b.dtype, alpha, unsaved };
  lastBinaryAttrs.set(op, attrs);
  return attrs;
}

const lastBinaryAttrs = new Map<BinaryOp, BinaryAttrs>();

export const add = (a: TensorLike, b: TensorLike, options?: { alpha?: number }): Tensor =>
  binary('add', a, b, options?.alpha ?? 1);
export const sub = (a: TensorLike, b: TensorLike, options?: { alpha?: number }): Tensor =>
  binary('sub', a, b, options?.alpha ?? 1);
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary('mul', a, b);
/**
 * True division; with `roundingMode` 'trunc' or 'floor', the quotient rounded (ints then stay
 * int, as torch.div). See ops/binary-math.ts.
 */
export const div = (a: TensorLike, b: TensorLike, options?: DivOptions): Tensor =>
  options?.roundingMode === undefined || options.roundingMode === null
    ? binary('div', a, b)
    : divRounded(a, b, options.roundingMode);
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binary('maximum', a, b);
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binary('minimum', a, b);

/**
 * `x ** exponent`. A scalar exponent is an attribute, not an input (PyTorch's PowBackward0, one
 * edge); a tensor exponent is differentiable too (PowBackward1).
 */
export function pow(x: TensorLike, exponent: TensorLike): Tensor {
  if (!(x instanceof Tensor) || exponent instanceof Tensor) return binary('pow', x, exponent);
  const e = Number(exponent);
  const backend = x.backend;
  const dtype = binaryDtype('pow', x, exponent);
  checkDtypeOnDevice('pow', backend, dtype);
  const handle = backend.kernels.binary('pow', x, broadcastView(scalarTensor(e, dtype, backend), x.shape), dtype);
  const out = wrap(backend, handle, x.shape, dtype);
  return defineOp('PowBackward0', [x], out, [x], powScalarBackward, { e, dtype: x.dtype });
}

function powScalarBackward(g: Tensor, [x]: readonly Tensor[], { e, dtype }: { e: number; dtype: DType }): Tensor[] {
  if (e === 0) return [castGrad(mul(g, 0), dtype)];
  return [castGrad(mul(g, mul(pow(x!, e - 1), e)), dtype)];
}

/** Gradients take their input's dtype (a float64 scalar operand never widens a float32 grad). */
function castGrad(g: Tensor, dtype: DType): Tensor {
  return g.dtype === dtype ? g : g.to(dtype);
}

// ---- comparisons and selection --------------------------------------------------------------------

export function compare(op: CompareOp, a: TensorLike, b: TensorLike): Tensor {
  const backend = pairBackend(op, a, b);
  const dtype = binaryDtype(op, a, b);
  const ta = asTensor(a, dtype, backend);
  const tb = asTensor(b, dtype, backend);
  const shape = broadcastShapes(op, ta.shape, tb.shape);
  return wrap(
    backend,
    backend.kernels.compare(op, broadcastView(ta, shape), broadcastView(tb, shape), dtype),
    shape,
    'bool',
  );
}

export const eq = (a: TensorLike, b: TensorLike): Tensor => compare('eq', a, b);
export const ne = (a: TensorLike, b: TensorLike): Tensor => compare('ne', a, b);
export const lt = (a: TensorLike, b: TensorLike): Tensor => compare('lt', a, b);
export const le = (a: TensorLike, b: TensorLike): Tensor => compare('le', a, b);
export const gt = (a: TensorLike, b: TensorLike): Tensor => compare('gt', a, b);
export const ge = (a: TensorLike, b: TensorLike): Tensor => compare('ge', a, b);

export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return compare('ne', binary('mul', compare('ne', a, 0), compare('ne', b, 0)), 0);
}

export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  return compare('ne', binary('maximum', compare('ne', a, 0), compare('ne', b, 0)), 0);
}

/**
 * `condition ? a : b` elementwise, broadcasting all three; differentiable in `a` and `b`. With
 * the condition alone, the coordinates of its nonzero elements, one tensor per dim (nonzero's
 * asTuple form).
 *
 * @example
 * ```ts example
 * import { tensor, where } from '@ag/core';
 *
 * const pick = tensor([true, false, true]);
 * console.log(where(pick, tensor([1, 2, 3]), tensor([10, 20, 30])));
 * ```
 *
 * ```text
 * tensor([ 1., 20.,  3.])
 * ```
 */
export function where(condition: Tensor): Tensor[];
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor;
export function where(condition: Tensor, a?: TensorLike, b?: TensorLike): Tensor | Tensor[] {
  if (a === undefined && b === undefined) {
    const values = valuesForShape('where(condition)', condition, 'nonzeroAsync(condition, { asTuple: true })');
    return columnsOf(coordinatesOf(condition, values));
  }
  if (a === undefined || b === undefined) {
    throw new ArgumentError(
      'where: expected both x and y (a condition with two values) or neither (a condition alone)',
    );
  }
  return whereOf(condition, a, b);
}

function whereOf(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (condition.dtype !== 'bool') {
    throw new DTypeError(`where: expected condition to be a bool tensor, got dtype ${condition.dtype}`);
  }
  const backend = commonBackend('where', condition, a, b);
  const dtype = resultType(operand(a), operand(b));
  checkDtypeOnDevice('where', backend, dtype);
  const ta = asTensor(a, dtype, backend);
  const tb = asTensor(b, dtype, backend);
  const shape = broadcastShapes('where', broadcastShapes('where', condition.shape, ta.shape), tb.shape);
  const handle = backend.kernels.where(
    broadcastView(condition, shape),
    broadcastView(ta, shape),
    broadcastView(tb, shape),
    dtype,
  );
  const out = wrap(backend, handle, shape, dtype);
  const attrs: WhereAttrs = { aShape: ta.shape, aDtype: ta.dtype, bShape: tb.shape, bDtype: tb.dtype };
  return defineOp('WhereBackward0', [condition, ta, tb], out, [condition], whereBackward, attrs);
}

type WhereAttrs = Omit<BinaryAttrs, 'op' | 'alpha' | 'unsaved'>;

function whereBackward(g: Tensor, [c]: readonly Tensor[], a: WhereAttrs, needs: readonly boolean[]): (Tensor | null)[] {
  return [
    null,
    needs[1] === true ? castGrad(sumTo(where(c!, g, 0), a.aShape), a.aDtype) : null,
    needs[2] === true ? castGrad(sumTo(where(c!, 0, g), a.bShape), a.bDtype) : null,
  ];
}
