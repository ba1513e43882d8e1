import type { DType, TypedArray, View } from '@ag/core';
import { pool } from '../pool.js';
import { THREAD_WORK, matmulAdaptive, matmulPath, matmulThreads } from './matmul-path.js';
import { wasmConv } from './wasm/conv-runner.js';

/**
 * The backend's fused convolution (stride 1, one group): float32 on the WebAssembly kernel
 * (wasm/conv-runner.ts), undefined elsewhere, and core computes it as columns times the weight.
 */
export function conv(
  x: View<TypedArray>,
  w: View<TypedArray>,
  bias: View<TypedArray> | null,
  padding: readonly (readonly [number, number])[],
  dilation: readonly number[],
  out: DType,
): TypedArray | undefined {
  if (out !== 'float32' || matmulPath() === 'js') return undefined;
  if (!(x.storage instanceof Float32Array) || !(w.storage instanceof Float32Array)) return undefined;
  if (bias !== null && !(bias.storage instanceof Float32Array)) return undefined;
  const [N, C] = x.shape as [number, number];
  const O = w.shape[0]!;
  const kernel = w.shape.slice(2);
  const outShape = x.shape
    .slice(2)
    .map((s, i) => s + padding[i]![0] + padding[i]![1] - dilation[i]! * (kernel[i]! - 1));
  const size = N * O * outShape.reduce((p, o) => p * o, 1);
  if (size === 0 || C === 0) return undefined;
  const work = size * C * kernel.reduce((p, k) => p * k, 1);
  const threads = work >= THREAD_WORK ? matmulThreads() : 1;
  const res = pool.take('float32', size);
  const args = {
    x: x as View<Float32Array>,
    w: w as View<Float32Array>,
    bias: bias as View<Float32Array> | null,
    padding,
    dilation,
  };
  if (wasmConv(args, res, threads, matmulAdaptive())) return res;
  pool.give(res);
  return undefined;
}
