import type { DType, ReduceOp, View } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { checkDType, convert, wgslType } from '../wgsl/convert.js';
import { MAIN, PRELUDE, stridedMeta } from '../wgsl/prelude.js';

type V = View<GpuStorage>;

/** Combining two partial results; max and min propagate NaN, int32 sums and products wrap. */
const combineF32: { [K in ReduceOp]: (a: string, b: string) => string } = {
  sum: (a, b) => `${a} + ${b}`,
  prod: (a, b) => `${a} * ${b}`,
  max: (a, b) => `select(max(${a}, ${b}), ${a} + ${b}, isNan(${a}) || isNan(${b}))`,
  min: (a, b) => `select(min(${a}, ${b}), ${a} + ${b}, isNan(${a}) || isNan(${b}))`,
};
const combineI32: { [K in ReduceOp]: (a: string, b: string) => string } = {
  sum: (a, b) => `${a} + ${b}`,
  prod: (a, b) => `${a} * ${b}`,
  max: (a, b) => `max(${a}, ${b})`,
  min: (a, b) => `min(${a}, ${b})`,
};
const identityF32: { [K in ReduceOp]: string } = { sum: '0.0', prod: '1.0', max: '-infF()', min: 'infF()' };
const identityI32: { [K in ReduceOp]: string } = { sum: '0i', prod: '1i', max: '(-2147483647i - 1i)', min: '2147483647i' };

/** Below this many elements per output, one invocation per output beats a workgroup tree. */
const SERIAL_MAX = 32;

/**
 * Reduction over `axes`. The view is permuted so kept axes come first and reduced axes last:
 * output o then reduces the contiguous index range [o * R, (o + 1) * R) of the permuted shape,
 * which `at` maps back to storage. Long reductions take one 64-wide workgroup per output (each
 * invocation folds a strided share, then a tree in workgroup memory); short ones one invocation.
 * bool results are computed on 0/1 in float32 and normalized, as on the CPU.
 */
export function reduce(rt: Runtime, op: ReduceOp, x: V, axes: readonly number[], out: DType): GpuStorage {
  checkDType(out, op);
  const c: DType = out === 'bool' ? 'float32' : out;
  const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const order = [...kept, ...axes];
  const shape = order.map((d) => x.shape[d]!);
  const strides = order.map((d) => x.strides[d]!);
  const outN = kept.reduce((n, d) => n * x.shape[d]!, 1);
  const r = axes.reduce((n, d) => n * x.shape[d]!, 1);
  const res = rt.alloc(outN);
  if (outN === 0) return res;
  const meta = [...stridedMeta(shape, [{ offset: x.offset, strides }]), outN, r];
  const extra = 2 + 2 * shape.length + 1;
  const t = wgslType(c);
  const f = c === 'float32';
  const combine = (f ? combineF32 : combineI32)[op];
  const ident = (f ? identityF32 : identityI32)[op];
  const load = (i: string) => convert(convert(`x[at(0u, ${i})]`, x.dtype, out === 'bool' ? 'bool' : c), out === 'bool' ? 'bool' : c, c);
  const head = [
    PRELUDE,
    `@group(0) @binding(1) var<storage, read> x: array<${wgslType(x.dtype)}>;`,
    `@group(0) @binding(2) var<storage, read_write> out: array<${wgslType(out)}>;`,
  ];
  const store = (v: string) => `out[o] = ${convert(v, c, out)};`;
  if (r <= SERIAL_MAX) {
    const source = [
      ...head,
      MAIN,
      `  let o = i; let R = u32(md[${extra + 1}]);`,
      `  var acc: ${t} = ${ident};`,
      `  for (var k = 0u; k < R; k++) { acc = ${combine('acc', load('o * R + k'))}; }`,
      `  ${store('acc')}`,
      '}',
    ].join('\n');
    rt.run(`reduce_${op}`, source, [x.storage.buffer, res.buffer], [outN, ...meta.slice(1)], outN);
    return res;
  }
  const source = [
    ...head,
    `var<workgroup> part: array<${t}, 64>;`,
    '@compute @workgroup_size(64)',
    'fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {',
    `  let o = wid.y * nwg.x + wid.x; let R = u32(md[${extra + 1}]);`,
    `  let valid = o < u32(md[${extra}]);`,
    `  var acc: ${t} = ${ident};`,
    `  if (valid) { for (var k = lid; k < R; k += 64u) { acc = ${combine('acc', load('o * R + k'))}; } }`,
    '  part[lid] = acc;',
    '  workgroupBarrier();',
    '  for (var s = 32u; s > 0u; s >>= 1u) {',
    `    if (lid < s) { part[lid] = ${combine('part[lid]', 'part[lid + s]')}; }`,
    '    workgroupBarrier();',
    '  }',
    `  if (valid && lid == 0u) { ${store('part[0]')} }`,
    '}',
  ].join('\n');
  const x0 = Math.min(outN, 65535);
  rt.runGroups(`reduce_${op}`, source, [x.storage.buffer, res.buffer], meta, [x0, Math.ceil(outN / x0), 1]);
  return res;
}
