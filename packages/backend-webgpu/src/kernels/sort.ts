import type { View } from '@ag/core';
import type { GpuStorage, Runtime } from '../runtime.js';
import { MAX_GROUPS } from '../grid.js';
import { wgslType } from '../wgsl/convert.js';
import { MAIN, PRELUDE } from '../wgsl/prelude.js';
import { lines } from './along-axis.js';

type V = View<GpuStorage>;

/**
 * Elements one workgroup sorts in its memory: a key and a position of 4 bytes each, 2048 of
 * them fill the 16 KiB of workgroup storage every WebGPU device has (maxComputeWorkgroupStorageSize).
 */
const LOCAL = 2048;
/** Invocations per workgroup: the guaranteed maxComputeInvocationsPerWorkgroup. */
const THREADS = 256;

/**
 * Stable sort of every line along `axis`: a bitonic sorting network over (key, position) pairs.
 * A network is not stable by itself, so the comparison is a total order: the key (NaN largest,
 * reversed when descending), then the position. Each line is padded to a power of two P with
 * entries whose position is at least the line's length, which compare after every real one.
 *
 * A line of up to 2048 elements is sorted by one workgroup in workgroup memory, read through
 * the input's strides and written straight to the outputs. A longer line goes through scratch
 * buffers of P entries per line: each 2048-entry chunk is sorted in workgroup memory, in the
 * direction the network gives it; then for each merge size k past 2048, one dispatch per
 * distance j >= 2048 compares across chunks in global memory, and one dispatch finishes the
 * distances below 2048 in workgroup memory.
 */
export function sort(rt: Runtime, x: V, axis: number, descending: boolean): [GpuStorage, GpuStorage] {
  const { n, count, meta } = lines(x, axis);
  const values = rt.alloc(count * n, 'sort');
  const indices = rt.alloc(count * n, 'sort');
  if (count === 0) return [values, indices];
  const t = wgslType(x.dtype);
  // The padded length: a power of two, at least 2 (one pair to compare).
  let p = 2;
  while (p < n) p *= 2;
  const out = [values.buffer, indices.buffer];
  if (p <= LOCAL) {
    const source = chunkSource(t, descending, p, 'row', meta.length - 1);
    rt.runGroups('sort', source, [x.storage.buffer, ...out], [...meta, p, 0], groups(count));
    return [values, indices];
  }
  const keys = rt.alloc(count * p, 'sort');
  const pos = rt.alloc(count * p, 'sort');
  const scratch = [keys.buffer, pos.buffer];
  const chunks = groups((count * p) / LOCAL);
  rt.runGroups(
    'sort-chunks',
    chunkSource(t, descending, LOCAL, 'first', meta.length - 1),
    [x.storage.buffer, ...scratch],
    [...meta, p, 0],
    chunks,
  );
  const step = stepSource(t, descending);
  const merge = chunkSource(t, descending, LOCAL, 'merge', meta.length - 1);
  for (let k = 2 * LOCAL; k <= p; k *= 2) {
    for (let j = k / 2; j >= LOCAL; j /= 2)
      rt.run('sort-step', step, scratch, [(count * p) / 2, k, j, p, n], (count * p) / 2);
    rt.runGroups('sort-merge', merge, [x.storage.buffer, ...scratch], [...meta, p, k], chunks);
  }
  const write = [
    PRELUDE,
    `@group(1) @binding(1) var<storage, read> keys: array<${t}>;`,
    '@group(1) @binding(2) var<storage, read> pos: array<i32>;',
    `@group(1) @binding(3) var<storage, read_write> vals: array<${t}>;`,
    '@group(1) @binding(4) var<storage, read_write> idx: array<i32>;',
    MAIN,
    `  let n = u32(md[${meta.length - 1}]);`,
    `  let src = (i / n) * u32(md[${meta.length}]) + i % n;`,
    '  vals[at(1u, i)] = keys[src];',
    '  idx[at(1u, i)] = pos[src];',
    '}',
  ].join('\n');
  rt.run('sort-write', write, [...scratch, ...out], [count * n, ...meta.slice(1), p], count * n);
  rt.free(keys);
  rt.free(pos);
  return [values, indices];
}

/** One workgroup per line or chunk, folded into two dimensions past 65,535. */
function groups(count: number): [number, number, number] {
  const x = Math.min(count, MAX_GROUPS);
  return [x, Math.ceil(count / x), 1];
}

/** `before(a, b)`: whether entry a comes before entry b in the sorted line (positions >= n are padding). */
function beforeFn(t: 'f32' | 'i32', descending: boolean): string {
  const nan = t === 'f32' ? (v: string) => `isNan(${v})` : () => 'false';
  const [lo, hi] = descending ? ['>', 'na'] : ['<', 'nb'];
  return `
fn before(ka: ${t}, ia: u32, kb: ${t}, ib: u32, n: u32) -> bool {
  if (ia >= n || ib >= n) { return ia < ib; }
  let na = ${nan('ka')};
  let nb = ${nan('kb')};
  if (na != nb) { return ${hi}; }
  if (!na && ka != kb) { return ka ${lo} kb; }
  return ia < ib;
}`;
}

/**
 * A workgroup's bitonic pass over `size` entries in its memory. 'row': a whole line, read from
 * the input and written to the outputs, fully sorted. 'first': chunk c of the scratch layout,
 * read from the input, sorted by every merge size up to `size`. 'merge': a chunk of scratch,
 * through the distances below `size` of merge size k. The metadata is the lines' (along-axis.ts)
 * and then p and k: `last` is where n is.
 */
function chunkSource(
  t: 'f32' | 'i32',
  descending: boolean,
  size: number,
  kind: 'row' | 'first' | 'merge',
  last: number,
): string {
  const threads = Math.min(THREADS, Math.max(1, size / 2));
  const fromInput = kind !== 'merge';
  const binding = (b: number, name: string, type: string, write: boolean) =>
    `@group(1) @binding(${b}) var<storage, ${write ? 'read_write' : 'read'}> ${name}: array<${type}>;`;
  const scratch = kind === 'row' ? [] : [binding(2, 'keys', t, true), binding(3, 'pos', 'i32', true)];
  const outputs = kind === 'row' ? [binding(2, 'vals', t, true), binding(3, 'idx', 'i32', true)] : scratch;
  const kLoop =
    kind === 'merge' ? ['  { let k = u32(md[last + 2u]);'] : [`  for (var k = 2u; k <= ${size}u; k <<= 1u) {`];
  return [
    PRELUDE,
    binding(1, 'x', t, false),
    ...outputs,
    `var<workgroup> key: array<${t}, ${size}>;`,
    `var<workgroup> at_: array<u32, ${size}>;`,
    beforeFn(t, descending),
    `@compute @workgroup_size(${threads})`,
    'fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {',
    `  let last = ${last}u;`,
    '  let n = u32(md[last]);',
    '  let p = u32(md[last + 1u]);',
    '  let chunk = wid.y * nwg.x + wid.x;',
    // The chunk's line, and where the chunk starts in it.
    `  let line = (chunk * ${size}u) / p;`,
    `  let base = (chunk * ${size}u) % p;`,
    '  let live = line < u32(md[0]);',
    `  for (var e = lid; e < ${size}u; e += ${threads}u) {`,
    ...(fromInput
      ? [
          `    var v: ${t};`,
          '    if (live && base + e < n) { v = x[at(0u, line * n + base + e)]; }',
          '    key[e] = v;',
          '    at_[e] = base + e;',
        ]
      : ['    if (live) { key[e] = keys[line * p + base + e]; at_[e] = u32(pos[line * p + base + e]); }']),
    '  }',
    ...kLoop,
    `    for (var j = ${kind === 'merge' ? size / 2 : 'k >> 1'}u; j > 0u; j >>= 1u) {`,
    '      workgroupBarrier();',
    `      for (var s = lid; s < ${size / 2}u; s += ${threads}u) {`,
    '        let a = 2u * s - (s & (j - 1u));',
    '        let b = a + j;',
    '        let up = ((base + a) & k) == 0u;',
    '        let ab = before(key[a], at_[a], key[b], at_[b], n);',
    '        if (ab != up) {',
    '          let kv = key[a]; key[a] = key[b]; key[b] = kv;',
    '          let iv = at_[a]; at_[a] = at_[b]; at_[b] = iv;',
    '        }',
    '      }',
    '    }',
    '  }',
    '  workgroupBarrier();',
    '  if (!live) { return; }',
    ...(kind === 'row'
      ? [
          '  for (var e = lid; e < n; e += ' + `${threads}u) {`,
          '    vals[at(1u, line * n + e)] = key[e];',
          '    idx[at(1u, line * n + e)] = i32(at_[e]);',
          '  }',
        ]
      : [
          `  for (var e = lid; e < ${size}u; e += ${threads}u) {`,
          '    keys[line * p + base + e] = key[e];',
          '    pos[line * p + base + e] = i32(at_[e]);',
          '  }',
        ]),
    '}',
  ].join('\n');
}

/** One compare-exchange at distance md[2] of merge size md[1], across chunks, in scratch. */
function stepSource(t: 'f32' | 'i32', descending: boolean): string {
  return [
    PRELUDE,
    `@group(1) @binding(1) var<storage, read_write> keys: array<${t}>;`,
    '@group(1) @binding(2) var<storage, read_write> pos: array<i32>;',
    beforeFn(t, descending),
    MAIN,
    '  let k = u32(md[1]);',
    '  let j = u32(md[2]);',
    '  let p = u32(md[3]);',
    '  let half = p / 2u;',
    '  let s = i % half;',
    '  let a = 2u * s - (s & (j - 1u));',
    '  let row = (i / half) * p;',
    '  let ka = keys[row + a];',
    '  let kb = keys[row + a + j];',
    '  let ia = u32(pos[row + a]);',
    '  let ib = u32(pos[row + a + j]);',
    '  if (before(ka, ia, kb, ib, u32(md[4])) != ((a & k) == 0u)) {',
    '    keys[row + a] = kb; keys[row + a + j] = ka;',
    '    pos[row + a] = i32(ib); pos[row + a + j] = i32(ia);',
    '  }',
    '}',
  ].join('\n');
}
