import type { DType, View } from '@ag/core';
import { contiguousStrides } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { checkDType, convert, wgslType } from '../wgsl/convert.js';
import { accessOf, collapse, indexExpr } from '../wgsl/layout.js';
import { MAIN, MAIN_BLOCK_END, PRELUDE, mainBlock, perInvocation, stridedMeta } from '../wgsl/prelude.js';
import { copy } from './elementwise.js';
import { fillKernel, stageOf, vectorized } from './map.js';

type V = View<GpuStorage>;

/**
 * The gradient of a view: zeros, then every source element added at its place in the view's
 * layout. Layouts may visit an element more than once (expanded dims, overlapping windows), so
 * the adds are atomic: atomicAdd on int32, and on float32 a compare-and-swap loop over the bits
 * (WGSL has no float atomics). bool accumulates in int32 and normalizes, as the CPU does.
 */
export function scatterView(
  rt: Runtime,
  src: V,
  size: number,
  strides: readonly number[],
  offset: number,
  out: DType,
): GpuStorage {
  checkDType(out, 'scatterView');
  const c: DType = out === 'bool' ? 'int32' : out;
  const res = fillKernel(rt, size, 0, c);
  const n = src.shape.reduce((p, q) => p * q, 1);
  const f = c === 'float32';
  const add = f
    ? [
        '  var old = atomicLoad(&res[t]);',
        '  loop {',
        '    let r = atomicCompareExchangeWeak(&res[t], old, bitcast<u32>(bitcast<f32>(old) + v));',
        '    if (r.exchanged) { break; }',
        '    old = r.old_value;',
        '  }',
      ]
    : ['  atomicAdd(&res[t], v);'];
  const source = [
    PRELUDE,
    `@group(1) @binding(1) var<storage, read> src: array<${wgslType(src.dtype)}>;`,
    `@group(1) @binding(2) var<storage, read_write> res: array<atomic<${f ? 'u32' : 'i32'}>>;`,
    MAIN,
    '  let t = at(1u, i);',
    `  let v = ${convert('src[at(0u, i)]', src.dtype, c)};`,
    ...add,
    '}',
  ].join('\n');
  rt.run(
    'scatterView',
    source,
    [src.storage.buffer, res.buffer],
    stridedMeta(src.shape, [src, { offset, strides }]),
    n,
  );
  if (out !== 'bool') return res;
  const normalized = copy(rt, { storage: res, dtype: 'int32', shape: [size], strides: [1], offset: 0 }, 'bool');
  rt.free(res);
  return normalized;
}

/** In-place write of `src` (converted to dst's dtype) into dst's storage at its strided layout. */
export function assign(rt: Runtime, dst: V, src: V): void {
  const n = dst.shape.reduce((p, q) => p * q, 1);
  if (n === 0) return;
  // Written on the device: a host copy of its values would go stale.
  dst.storage.written();
  // A buffer cannot be bound for reading and writing in one dispatch: read an aliased source from a copy.
  const alias = src.storage.buffer === dst.storage.buffer;
  const from: V = alias
    ? { ...src, storage: copy(rt, src, src.dtype), strides: contiguousStrides(src.shape), offset: 0 }
    : src;
  // Contiguous and broadcast layouts index directly (layout.ts), over dims merged where both allow.
  const { shape, views } = collapse(dst.shape, [dst, from]);
  const access = views.map((v) => accessOf(shape, v));
  const [to, at] = access.map((a, k) => indexExpr(a, k, 'i')) as [string, string];
  const meta = stridedMeta(shape, views);
  // An in-place index op (indexCopy_, indexFill_, ...) writes back a result computed with index
  // values only the GPU has checked: while a check is unread, the write is skipped if one failed,
  // so the tensor keeps its values and the next read reports the bad index.
  const fault = rt.indexChecks.pending();
  const source = [
    PRELUDE,
    `@group(1) @binding(1) var<storage, read> src: array<${wgslType(from.dtype)}>;`,
    `@group(1) @binding(2) var<storage, read_write> dst: array<${wgslType(dst.dtype)}>;`,
    ...(fault === null ? [] : ['@group(1) @binding(3) var<storage, read> fault: array<i32>;']),
    mainBlock(meta.length),
    ...(fault === null ? [] : ['  if (fault[0] != 0) { return; }']),
    `  dst[${to}] = ${convert(`src[${at}]`, from.dtype, dst.dtype)};`,
    MAIN_BLOCK_END,
  ].join('\n');
  const buffers = [from.storage.buffer, dst.storage.buffer, ...(fault === null ? [] : [fault])];
  if (fault !== null) {
    rt.run('assignChecked', source, buffers, [...meta, perInvocation(n)], Math.ceil(n / perInvocation(n)));
    if (alias) rt.free(from.storage);
    return;
  }
  const per = perInvocation(n);
  // For fusion: the map `v0` from src into a contiguous dst (which, fused, may go four at a time).
  const stage =
    access[0] === 'contiguous'
      ? stageOf(n, [{ view: from, as: dst.dtype }], shape, views.slice(1), access.slice(1), {
          body: 'v0',
          result: dst.dtype,
          out: dst.dtype,
          output: dst.storage.buffer,
          outOffset: views[0]!.offset,
          fresh: false,
          vector: vectorized(n, shape, views, access),
        })
      : undefined;
  rt.run('assign', source, buffers, [...meta, per], Math.ceil(n / per), stage);
  if (alias) rt.free(from.storage);
}
