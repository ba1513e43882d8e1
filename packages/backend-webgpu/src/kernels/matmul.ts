import type { DType, View } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { checkDType, convert, wgslType } from '../wgsl/convert.js';
import { PRELUDE } from '../wgsl/prelude.js';

type V = View<GpuStorage>;

const TILE = 32; // outputs per workgroup side
const THREADS = 8; // invocations per side: each computes a 4 x 4 block of outputs
const PER = TILE / THREADS;

/**
 * Batched matmul, tiled: a workgroup computes a 32 x 32 block of C, staging 32 x 32 tiles of A
 * and B in workgroup memory per step along K, and each of its 8 x 8 invocations keeps a 4 x 4
 * block of C in registers, so every value loaded from workgroup memory feeds four
 * multiply-adds. A and B are read through their strides (transposed views and broadcast
 * batches need no copy); the batch is the grid's z and its offsets are computed per workgroup.
 * Metadata: [M, K, N, batch rank, batch shape..., A offset, A batch strides..., A row stride,
 * A col stride, then the same for B].
 */
export function matmul(rt: Runtime, a: V, b: V, out: DType): GpuStorage {
  checkDType(out, 'matmul');
  const c: DType = out === 'bool' ? 'float32' : out;
  const nd = a.shape.length;
  const [m, k, n] = [a.shape[nd - 2]!, a.shape[nd - 1]!, b.shape[nd - 1]!];
  const batchShape = a.shape.slice(0, nd - 2);
  const batch = batchShape.reduce((p, q) => p * q, 1);
  const res = rt.alloc(batch * m * n);
  if (batch * m * n === 0) return res;
  const br = batchShape.length;
  const operand = (v: V) => [v.offset, ...v.strides.slice(0, nd - 2), v.strides[nd - 2]!, v.strides[nd - 1]!];
  const meta = [m, k, n, br, ...batchShape, ...operand(a), ...operand(b)];
  const aBase = 4 + br;
  const bBase = aBase + br + 3;
  const t = wgslType(c);
  const zero = c === 'float32' ? '0.0' : '0i';
  const read = (v: V, name: string, idx: string) => {
    const as = out === 'bool' ? 'bool' : c;
    return convert(convert(`${name}[${idx}]`, v.dtype, as), as, c);
  };
  const source = /* wgsl */ `${PRELUDE}
@group(0) @binding(1) var<storage, read> a: array<${wgslType(a.dtype)}>;
@group(0) @binding(2) var<storage, read> b: array<${wgslType(b.dtype)}>;
@group(0) @binding(3) var<storage, read_write> out: array<${wgslType(out)}>;
var<workgroup> ta: array<array<${t}, ${TILE}>, ${TILE}>;
var<workgroup> tb: array<array<${t}, ${TILE}>, ${TILE}>;

@compute @workgroup_size(${THREADS}, ${THREADS})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let M = u32(md[0]); let K = u32(md[1]); let N = u32(md[2]);
  var rem = wid.z;
  var ao = md[${aBase}]; var bo = md[${bBase}];
  for (var d = ${br}u; d > 0u; d--) {
    let s = u32(md[3u + d]);
    let cd = i32(rem % s);
    rem /= s;
    ao += cd * md[${aBase}u + d]; bo += cd * md[${bBase}u + d];
  }
  let ars = md[${aBase + br + 1}]; let acs = md[${aBase + br + 2}];
  let brs = md[${bBase + br + 1}]; let bcs = md[${bBase + br + 2}];
  let row0 = wid.y * ${TILE}u; let col0 = wid.x * ${TILE}u;
  var acc: array<array<${t}, ${PER}>, ${PER}>;
  for (var i = 0u; i < ${PER}u; i++) { for (var j = 0u; j < ${PER}u; j++) { acc[i][j] = ${zero}; } }
  for (var k0 = 0u; k0 < K; k0 += ${TILE}u) {
    for (var i = 0u; i < ${PER}u; i++) {
      for (var j = 0u; j < ${PER}u; j++) {
        let r = lid.y * ${PER}u + i; let q = lid.x * ${PER}u + j;
        var va = ${zero}; var vb = ${zero};
        if (row0 + r < M && k0 + q < K) { va = ${read(a, 'a', 'u32(ao + i32(row0 + r) * ars + i32(k0 + q) * acs)')}; }
        if (k0 + r < K && col0 + q < N) { vb = ${read(b, 'b', 'u32(bo + i32(k0 + r) * brs + i32(col0 + q) * bcs)')}; }
        ta[r][q] = va; tb[r][q] = vb;
      }
    }
    workgroupBarrier();
    for (var kk = 0u; kk < ${TILE}u; kk++) {
      var bv: array<${t}, ${PER}>;
      for (var j = 0u; j < ${PER}u; j++) { bv[j] = tb[kk][lid.x * ${PER}u + j]; }
      for (var i = 0u; i < ${PER}u; i++) {
        let av = ta[lid.y * ${PER}u + i][kk];
        for (var j = 0u; j < ${PER}u; j++) { acc[i][j] += av * bv[j]; }
      }
    }
    workgroupBarrier();
  }
  let base = wid.z * M * N;
  for (var i = 0u; i < ${PER}u; i++) {
    for (var j = 0u; j < ${PER}u; j++) {
      let r = row0 + lid.y * ${PER}u + i; let q = col0 + lid.x * ${PER}u + j;
      if (r < M && q < N) { out[base + r * N + q] = ${convert('acc[i][j]', c, out)}; }
    }
  }
}
`;
  rt.runGroups('matmul', source, [a.storage.buffer, b.storage.buffer, res.buffer], meta, [Math.ceil(n / TILE), Math.ceil(m / TILE), batch]);
  return res;
}

