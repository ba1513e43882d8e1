import type { DType } from '@ag/core';
import { DeviceError } from '@ag/core';

/** The WGSL element type that stores `dtype`: bool is a 32-bit word holding 0 or 1. */
export function wgslType(dtype: DType): 'f32' | 'i32' {
  return dtype === 'float32' ? 'f32' : 'i32';
}

/**
 * `expr` (a value of `from`) as a value of `to`, PyTorch's casts: float to int truncates toward
 * zero, anything nonzero (NaN included) is true.
 */
export function convert(expr: string, from: DType, to: DType): string {
  if (from === to || (from === 'bool' && to === 'int32')) return expr;
  // Storage dtypes (storage-dtypes.ts), only ever cast to and from float32 or int32.
  if (from === 'float16') return `f16ToF32(${expr})`;
  if (from === 'bfloat16') return `bf16ToF32(${expr})`;
  if (from === 'uint8' || from === 'int8') return expr;
  if (to === 'float16') return `f32ToF16(${expr})`;
  if (to === 'bfloat16') return `f32ToBf16(${expr})`;
  if (to === 'uint8') return `((${expr}) & 255i)`;
  if (to === 'int8') return `(((${expr}) << 24u) >> 24u)`;
  if (to === 'bool') return from === 'float32' ? `toBoolF(${expr})` : `select(0i, 1i, (${expr}) != 0i)`;
  if (to === 'float32') return `f32(${expr})`;
  return `i32(${expr})`;
}

/** Refuses dtypes WGSL cannot hold (core already refuses them; this guards direct calls). */
export function checkDType(dtype: DType, kernel: string): void {
  if (dtype === 'float64')
    throw new DeviceError(
      `webgpu: kernel '${kernel}': float64 is not supported on WebGPU (WGSL has no f64); use float32 or the CPU backend`,
    );
}
