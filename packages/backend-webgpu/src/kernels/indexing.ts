import type { DType, ScatterMode, View } from '@ag/core';
import { contiguousStrides } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { checkDType, convert, wgslType } from '../wgsl/convert.js';
import { MAIN, PRELUDE, stridedMeta } from '../wgsl/prelude.js';
import { copy } from './elementwise.js';

type V = View<GpuStorage>;

const withoutAxis = (strides: readonly number[], axis: number) => strides.map((s, d) => (d === axis ? 0 : s));

/** torch.gather: over index's shape, x is read at the same position with its axis coordinate from index. */
export function gather(rt: Runtime, x: V, axis: number, index: V, out: DType): GpuStorage {
  checkDType(out, 'gather');
  const n = index.shape.reduce((p, q) => p * q, 1);
  const res = rt.alloc(n, 'gather');
  const meta = [
    ...stridedMeta(index.shape, [index, { offset: x.offset, strides: withoutAxis(x.strides, axis) }]),
    x.strides[axis] ?? 0,
  ];
  const source = [
    PRELUDE,
    '@group(1) @binding(1) var<storage, read> idx: array<i32>;',
    `@group(1) @binding(2) var<storage, read> x: array<${wgslType(x.dtype)}>;`,
    `@group(1) @binding(3) var<storage, read_write> out: array<${wgslType(out)}>;`,
    MAIN,
    `  let p = i32(at(1u, i)) + idx[at(0u, i)] * md[${meta.length - 1}];`,
    `  out[i] = ${convert('x[u32(p)]', x.dtype, out)};`,
    '}',
  ].join('\n');
  rt.run('gather', source, [index.storage.buffer, x.storage.buffer, res.buffer], meta, n);
  return res;
}

/**
 * torch.scatter / scatter_add out of place. assign: a copy of x, then one invocation per index
 * position writes its value (which of repeated indices wins is unspecified, as in PyTorch). add
 * is written as a gather, since WGSL has no float atomics: each output element walks the index
 * positions that can reach it (same coordinates off the axis) and sums the matching sources in
 * order, which is also deterministic. bool scatters in int32 and normalizes, as the CPU does.
 */
export function scatter(rt: Runtime, x: V, axis: number, index: V, src: V, mode: ScatterMode, out: DType): GpuStorage {
  checkDType(out, 'scatter');
  const c: DType = out === 'bool' ? 'int32' : out;
  const base = copy(rt, x, c);
  const rank = index.shape.length;
  const srcView = { offset: src.offset, strides: src.strides.slice(0, rank) };
  const res =
    mode === 'assign'
      ? scatterAssign(rt, base, x, axis, index, src, srcView, c)
      : scatterAdd(rt, base, x, axis, index, src, srcView, c);
  if (out !== 'bool') return res;
  const normalized = copy(rt, { storage: res, dtype: 'int32', shape: [res.size], strides: [1], offset: 0 }, 'bool');
  rt.free(res);
  return normalized;
}

type Layout = { offset: number; strides: readonly number[] };

function scatterAssign(
  rt: Runtime,
  base: GpuStorage,
  x: V,
  axis: number,
  index: V,
  src: V,
  srcView: Layout,
  c: DType,
): GpuStorage {
  const resStrides = contiguousStrides(x.shape);
  const meta = [
    ...stridedMeta(index.shape, [index, srcView, { offset: 0, strides: withoutAxis(resStrides, axis) }]),
    resStrides[axis] ?? 0,
  ];
  const source = [
    PRELUDE,
    '@group(1) @binding(1) var<storage, read> idx: array<i32>;',
    `@group(1) @binding(2) var<storage, read> src: array<${wgslType(src.dtype)}>;`,
    `@group(1) @binding(3) var<storage, read_write> out: array<${wgslType(c)}>;`,
    MAIN,
    `  let p = i32(at(2u, i)) + idx[at(0u, i)] * md[${meta.length - 1}];`,
    `  out[u32(p)] = ${convert('src[at(1u, i)]', src.dtype, c)};`,
    '}',
  ].join('\n');
  const n = index.shape.reduce((p, q) => p * q, 1);
  rt.run('scatter', source, [index.storage.buffer, src.storage.buffer, base.buffer], meta, n);
  return base;
}

function scatterAdd(
  rt: Runtime,
  base: GpuStorage,
  x: V,
  axis: number,
  index: V,
  src: V,
  srcView: Layout,
  c: DType,
): GpuStorage {
  const rank = index.shape.length;
  const res = rt.alloc(base.size, 'scatterAdd');
  // [n, rank, x shape..., (index offset, strides...), (src offset, strides...), index shape..., axis]
  const meta = [...stridedMeta(x.shape, [index, srcView]), ...index.shape, axis];
  const ishape = 2 + rank + 2 * (rank + 1);
  const source = [
    PRELUDE,
    '@group(1) @binding(1) var<storage, read> idx: array<i32>;',
    `@group(1) @binding(2) var<storage, read> src: array<${wgslType(src.dtype)}>;`,
    `@group(1) @binding(3) var<storage, read> base: array<${wgslType(c)}>;`,
    `@group(1) @binding(4) var<storage, read_write> out: array<${wgslType(c)}>;`,
    MAIN,
    `  let axis = u32(md[${ishape + rank}]);`,
    '  var acc = base[i];',
    '  var coords: array<u32, 16>;',
    '  var rem = i;',
    '  var inside = true;',
    `  for (var d = ${rank}u; d > 0u; d--) {`,
    '    let size = u32(md[1u + d]);',
    '    coords[d - 1u] = rem % size;',
    '    rem /= size;',
    `    if (d - 1u != axis && coords[d - 1u] >= u32(md[${ishape}u + d - 1u])) { inside = false; }`,
    '  }',
    `  let len = select(0u, u32(md[${ishape}u + axis]), inside);`,
    '  for (var k = 0u; k < len; k++) {',
    `    var pi = md[${2 + rank}]; var ps = md[${3 + 2 * rank}];`,
    `    for (var d = 0u; d < ${rank}u; d++) {`,
    '      let cd = i32(select(coords[d], k, d == axis));',
    `      pi += cd * md[${3 + rank}u + d]; ps += cd * md[${4 + 2 * rank}u + d];`,
    '    }',
    `    if (u32(idx[u32(pi)]) == coords[axis]) { acc += ${convert('src[u32(ps)]', src.dtype, c)}; }`,
    '  }',
    '  out[i] = acc;',
    '}',
  ].join('\n');
  rt.run('scatter_add', source, [index.storage.buffer, src.storage.buffer, base.buffer, res.buffer], meta, base.size);
  rt.free(base);
  return res;
}
