import type { BinaryOp, CompareOp, DType, UnaryOp, View } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { checkDType } from '../wgsl/convert.js';
import { binaryF32, binaryI32, compareF32, compareOps, unaryF32, unaryI32 } from '../wgsl/ops.js';
import { mapKernel } from './map.js';

type V = View<GpuStorage>;

/**
 * The dtype arithmetic runs in: the output's, except bool results, which are computed on the
 * operands' 0/1 in float32 and normalized (True + True is True), as the CPU backend does.
 */
function computeIn(out: DType): DType {
  return out === 'bool' ? 'float32' : out;
}

/** Operands read as `out` first (PyTorch converts before computing), bool through 0/1. */
function operand(view: V, out: DType): { view: V; as: DType } {
  return { view, as: out === 'bool' ? 'bool' : out };
}

export function copy(rt: Runtime, x: V, out: DType): GpuStorage {
  checkDType(out, 'copy');
  return mapKernel(rt, 'copy', [{ view: x, as: out }], 'v0', out, out);
}

export function unary(rt: Runtime, op: UnaryOp, x: V, out: DType): GpuStorage {
  checkDType(out, op);
  if (op === 'logicalNot') {
    const table = x.dtype === 'float32' ? unaryF32 : unaryI32;
    return mapKernel(
      rt,
      op,
      [{ view: x, as: x.dtype === 'float32' ? 'float32' : 'int32' }],
      `i32(${table.logicalNot('v0')})`,
      'bool',
      out,
    );
  }
  const c = computeIn(out);
  const inp = operand(x, out);
  const v = inp.as === c ? 'v0' : 'f32(v0)';
  const expr = c === 'float32' ? unaryF32[op](v) : unaryI32[op](v);
  return mapKernel(rt, op, [inp], expr, c, out);
}

export function binary(rt: Runtime, op: BinaryOp, a: V, b: V, out: DType): GpuStorage {
  checkDType(out, op);
  const c = computeIn(out);
  const [x, y] = [operand(a, out), operand(b, out)];
  const conv = (name: string, as: DType) => (as === c ? name : `f32(${name})`);
  const expr = c === 'float32' ? binaryF32[op](conv('v0', x.as), conv('v1', y.as)) : binaryI32[op]('v0', 'v1');
  return mapKernel(rt, op, [x, y], expr, c, out);
}

export function compare(rt: Runtime, op: CompareOp, a: V, b: V, cmp: DType): GpuStorage {
  checkDType(cmp, op);
  const as = cmp === 'bool' ? 'int32' : cmp;
  const inputs = [
    { view: a, as: cmp === 'bool' ? 'bool' : as },
    { view: b, as: cmp === 'bool' ? 'bool' : as },
  ] as const;
  const test = cmp === 'float32' ? compareF32(op, 'v0', 'v1') : `v0 ${compareOps[op]} v1`;
  return mapKernel(rt, op, inputs, `select(0i, 1i, ${test})`, 'bool', 'bool');
}

export function where(rt: Runtime, cond: V, a: V, b: V, out: DType): GpuStorage {
  checkDType(out, 'where');
  const inputs = [
    { view: cond, as: 'bool' as DType },
    { view: a, as: out },
    { view: b, as: out },
  ];
  return mapKernel(rt, 'where', inputs, 'select(v2, v1, v0 != 0i)', out, out);
}
