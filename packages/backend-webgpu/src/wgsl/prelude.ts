/**
 * WGSL shared by every kernel. Group 0 is the kernel's metadata (`md`: sizes, shapes, strides,
 * offsets as i32); its tensors are bindings 1, 2, ... of group 1 (layouts.ts says why two groups). Special floats are built at run time from `md` because WGSL rejects a
 * constant expression that evaluates to NaN or infinity. `at(k, i)` maps output index `i` to the
 * storage index of strided operand `k` for kernels whose metadata is laid out by `stridedMeta`,
 * and `off(k)` is that operand's offset (all a contiguous or broadcast operand needs, layout.ts);
 * `rowAt(k, i)` repeats a row as long as the last dim.
 */
import { STORAGE_DTYPES_WGSL } from './storage-dtypes.js';

export const PRELUDE = /* wgsl */ `
@group(0) @binding(0) var<storage, read> md: array<i32>;

fn linearIndex(wid: vec3u, nwg: vec3u, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * 64u + lid;
}
fn bitsF(u: u32) -> f32 { return bitcast<f32>(u | (bitcast<u32>(md[0]) & 0u)); }
fn nanF() -> f32 { return bitsF(0x7fc00000u); }
fn infF() -> f32 { return bitsF(0x7f800000u); }
fn isNan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn isInf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn toBoolF(x: f32) -> i32 { return select(1i, 0i, x == 0.0 && !isNan(x)); }

fn off(k: u32) -> u32 {
  let r = u32(md[1]);
  return u32(md[2u + r + k * (r + 1u)]);
}

fn rowAt(k: u32, i: u32) -> u32 {
  return off(k) + i % u32(md[1u + u32(md[1])]);
}

fn at(k: u32, i: u32) -> u32 {
  let r = u32(md[1]);
  let base = 2u + r + k * (r + 1u);
  var rem = i;
  var p = md[base];
  for (var d = r; d > 1u; d--) {
    let size = u32(md[1u + d]);
    p += i32(rem % size) * md[base + d];
    rem /= size;
  }
  // The outermost coordinate is what remains: no division for it (divisions are the cost here).
  if (r > 0u) { p += i32(rem) * md[base + 1u]; }
  return u32(p);
}
${STORAGE_DTYPES_WGSL}`;

/** Entry point header: `i` is this invocation's index, and invocations past `md[0]` stop. */
export const MAIN = /* wgsl */ `
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let i = linearIndex(wid, nwg, lid);
  if (i >= u32(md[0])) { return; }
`;

/**
 * Entry point header for kernels that take `md[perSlot]` elements per invocation: workgroup g
 * covers the block [g * per * 64, (g + 1) * per * 64), and in step j its 64 invocations handle
 * 64 neighbouring elements, so loads stay coalesced (consecutive lanes, consecutive addresses)
 * while the workgroup count, which costs llvmpipe about a microsecond each, drops by `per`.
 * Close the body with `MAIN_BLOCK_END`.
 */
export function mainBlock(perSlot: number): string {
  return /* wgsl */ `
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let per = u32(md[${perSlot}]);
  let first = (wid.y * nwg.x + wid.x) * per * 64u + lid;
  for (var j = 0u; j < per; j++) {
  let i = first + j * 64u;
  if (i >= u32(md[0])) { return; }
`;
}
export const MAIN_BLOCK_END = '  }\n}';

/**
 * Elements per invocation for a block kernel over `n` elements: up to 16 (on llvmpipe each
 * invocation has a fixed cost, docs/performance.md), but never fewer than 256 workgroups, so a
 * real GPU still has every multiprocessor busy; small work gets 1, where every lane counts.
 */
export function perInvocation(n: number): number {
  return Math.max(1, Math.min(16, Math.floor(n / (64 * 256))));
}

/** Metadata for strided operands over a common shape: [n, rank, shape..., (offset, strides...) per operand]. */
export function stridedMeta(
  shape: readonly number[],
  operands: readonly { offset: number; strides: readonly number[] }[],
): number[] {
  const n = shape.reduce((a, b) => a * b, 1);
  const meta = [n, shape.length, ...shape];
  for (const op of operands) meta.push(op.offset, ...op.strides);
  return meta;
}
