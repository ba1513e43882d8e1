/**
 * float16, bfloat16, uint8 and int8 on WebGPU: one 32-bit word per element (float16/bfloat16 as
 * their bits, 8-bit integers as their values), so that every kernel indexes them as it indexes
 * int32 and an in-place write of one element never races with its neighbours (packing two or four
 * into a word would need atomics for strided writes). Core's storage-dtype wrapper only asks for
 * casts to and from float32/int32 and same-dtype writes. The conversions round to nearest even
 * with integer arithmetic: WGSL leaves the rounding of an f32-to-f16 conversion to the
 * implementation, and `shader-f16` is not on every adapter, so neither is used.
 */
export const STORAGE_DTYPES_WGSL = /* wgsl */ `
fn shrRne(v: u32, sh: u32) -> u32 {
  let kept = v >> sh;
  let rest = v & ((1u << sh) - 1u);
  let half = 1u << (sh - 1u);
  return select(kept, kept + 1u, rest > half || (rest == half && (kept & 1u) == 1u));
}
fn f32ToF16(x: f32) -> i32 {
  let b = bitcast<u32>(x);
  let s = (b >> 16u) & 0x8000u;
  let ex = (b >> 23u) & 0xffu;
  let m = b & 0x7fffffu;
  if (ex == 0xffu) { return i32(s | select(0x7c00u, 0x7e00u, m != 0u)); }
  let e = i32(ex) - 112;
  if (e >= 31) { return i32(s | 0x7c00u); }
  if (e <= 0) {
    if (e < -10) { return i32(s); }
    return i32(s | shrRne(m | 0x800000u, u32(14 - e)));
  }
  return i32(s | shrRne((u32(e) << 23u) | m, 13u));
}
fn f16ToF32(w: i32) -> f32 {
  let b = u32(w);
  let s = (b & 0x8000u) << 16u;
  let e = (b >> 10u) & 0x1fu;
  let m = b & 0x3ffu;
  if (e == 0u) {
    let v = f32(m) * 5.9604644775390625e-8;
    return select(v, -v, s != 0u);
  }
  if (e == 31u) { return bitcast<f32>(s | 0x7f800000u | (m << 13u)); }
  return bitcast<f32>(s | ((e + 112u) << 23u) | (m << 13u));
}
fn f32ToBf16(x: f32) -> i32 {
  let b = bitcast<u32>(x);
  if ((b & 0x7fffffffu) > 0x7f800000u) { return 0x7fc0i; }
  return i32((b + 0x7fffu + ((b >> 16u) & 1u)) >> 16u);
}
fn bf16ToF32(w: i32) -> f32 { return bitcast<f32>(u32(w) << 16u); }
`;
