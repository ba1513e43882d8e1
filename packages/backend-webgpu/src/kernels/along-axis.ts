import type { ArgReduceOp, DType, ScanOp, View } from '@ag/core';
import { contiguousStrides } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { checkDType, convert, wgslType } from '../wgsl/convert.js';
import { MATH } from '../wgsl/math.js';
import { MAIN, PRELUDE, stridedMeta } from '../wgsl/prelude.js';

type V = View<GpuStorage>;

/**
 * argReduce, scan and sort walk lines along one axis. The axis is permuted last, so line o covers the
 * index range [o * n, (o + 1) * n) of the permuted shape; `at(0, ...)` finds the input and
 * `at(1, ...)` the output (contiguous over the original shape). One invocation per line: lines
 * are short in practice and a serial walk keeps the first-occurrence and NaN rules exact.
 */
export function lines(x: V, axis: number) {
  const shape = x.shape.length > 0 ? x.shape : [1];
  const strides = x.shape.length > 0 ? x.strides : [1];
  const order = [...shape.keys()].filter((d) => d !== axis).concat(axis);
  const outStrides = contiguousStrides(shape);
  const n = shape[axis]!;
  const count = shape.reduce((p, q) => p * q, 1) / (n === 0 ? 1 : n);
  const meta = stridedMeta(
    order.map((d) => shape[d]!),
    [
      { offset: x.offset, strides: order.map((d) => strides[d]!) },
      { offset: 0, strides: order.map((d) => outStrides[d]!) },
    ],
  );
  return { n, count: n === 0 ? 0 : count, meta: [count, ...meta.slice(1), n] };
}

export function argReduce(rt: Runtime, op: ArgReduceOp, x: V, axis: number): GpuStorage {
  const { count, meta } = lines(x, axis);
  const res = rt.alloc(count, op);
  const t = wgslType(x.dtype);
  const better = op === 'argmax' ? '>' : '<';
  const nan = (v: string) => (t === 'f32' ? `isNan(${v})` : 'false');
  const source = [
    PRELUDE,
    `@group(1) @binding(1) var<storage, read> x: array<${t}>;`,
    '@group(1) @binding(2) var<storage, read_write> out: array<i32>;',
    MAIN,
    `  let n = u32(md[${meta.length - 1}]);`,
    '  var best = x[at(0u, i * n)];',
    '  var pos = 0u;',
    `  for (var k = 1u; k < n && !${nan('best')}; k++) {`,
    '    let v = x[at(0u, i * n + k)];',
    `    if (${nan('v')} || v ${better} best) { best = v; pos = k; }`,
    '  }',
    '  out[i] = i32(pos);',
    '}',
  ].join('\n');
  rt.run(op, source, [x.storage.buffer, res.buffer], meta, count);
  return res;
}

/** How each scan folds `v` into `acc` (WGSL's max and min leave NaN unspecified: spelled out). */
function scanStep(op: ScanOp, t: string): string {
  const nan = t === 'f32' ? 'isNan(acc) || isNan(v)' : 'false';
  switch (op) {
    case 'cumsum':
      return 'acc + v';
    case 'cumprod':
      return 'acc * v';
    case 'cummax':
      return `select(max(acc, v), acc + v, ${nan})`;
    case 'cummin':
      return `select(min(acc, v), acc + v, ${nan})`;
    case 'logcumsumexp':
      return t === 'f32' ? 'logAddExpF(acc, v)' : 'max(acc, v)'; // core refuses ints
  }
}

/** Inclusive scans in `out` dtype (bool scans in int32 and normalizes, as the CPU). */
export function scan(rt: Runtime, op: ScanOp, x: V, axis: number, out: DType): GpuStorage {
  checkDType(out, op);
  const c: DType = out === 'bool' ? 'int32' : out;
  const { n, count, meta } = lines(x, axis);
  const res = rt.alloc(count * n, op);
  const t = wgslType(c);
  const source = [
    PRELUDE,
    MATH,
    `@group(1) @binding(1) var<storage, read> x: array<${wgslType(x.dtype)}>;`,
    `@group(1) @binding(2) var<storage, read_write> out: array<${wgslType(out)}>;`,
    MAIN,
    `  let n = u32(md[${meta.length - 1}]);`,
    `  var acc: ${t} = ${convert('x[at(0u, i * n)]', x.dtype, c)};`,
    `  out[at(1u, i * n)] = ${convert('acc', c, out)};`,
    '  for (var k = 1u; k < n; k++) {',
    `    let v = ${convert('x[at(0u, i * n + k)]', x.dtype, c)};`,
    `    acc = ${scanStep(op, t)};`,
    `    out[at(1u, i * n + k)] = ${convert('acc', c, out)};`,
    '  }',
    '}',
  ].join('\n');
  rt.run(op, source, [x.storage.buffer, res.buffer], meta, count);
  return res;
}
