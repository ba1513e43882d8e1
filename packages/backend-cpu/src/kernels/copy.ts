import type { DType, TypedArray, View } from '@ag/core';
import { allocHost, contiguousStrides, isContiguous, numel } from '@ag/core';
import { coalesce, innerStride, walkRows } from './strided.js';

/**
 * The strided gather behind `contiguous` and casts. Casting stores into the target's typed array,
 * whose conversion is PyTorch's: float to int32 truncates toward zero, float64 to float32 rounds
 * to nearest. Only bool needs a loop of its own, since any nonzero value (NaN included) is true.
 */
export function copy(x: View<TypedArray>, out: DType): TypedArray {
  const size = numel(x.shape);
  const res = allocHost(out, size);
  if (size === 0) return res;
  const src = x.storage;
  const toBool = out === 'bool' && x.dtype !== 'bool';
  if (isContiguous(x.shape, x.strides)) {
    if (toBool) boolRow(res, 0, src, x.offset, 1, size);
    else res.set(src.subarray(x.offset, x.offset + size));
    return res;
  }
  const layout = coalesce(x.shape, [x.strides]);
  const s = innerStride(layout, 0);
  const row = toBool ? boolRow : copyRow;
  walkRows(layout, [x.offset], (pos, o, n) => {
    row(res, o, src, pos[0]!, s, n);
  });
  return res;
}

function copyRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = x[i]!;
}

function boolRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = x[i] !== 0 ? 1 : 0;
}

/** Whether every value of `from` is exactly a value of `to`, so reading needs no conversion. */
function exactIn(from: DType, to: DType): boolean {
  return from === to || from === 'bool' || to === 'float64';
}

/**
 * `x` as seen in dtype `to`: itself when its values are already exact there, else a cast copy.
 * Kernels compute in the output dtype (PyTorch converts operands first), so an int32 read into a
 * float32 op is rounded to float32 before the arithmetic, exactly as there.
 */
export function readAs(x: View<TypedArray>, to: DType): View<TypedArray> {
  if (exactIn(x.dtype, to)) return x;
  return { storage: copy(x, to), dtype: to, shape: x.shape, strides: contiguousStrides(x.shape), offset: 0 };
}

/** Bool storage (0 or 1) from values computed in another dtype: nonzero and NaN are true. */
export function toBool(values: TypedArray): Uint8Array<ArrayBuffer> {
  const res = allocHost('bool', values.length);
  boolRow(res, 0, values, 0, 1, values.length);
  return res;
}
