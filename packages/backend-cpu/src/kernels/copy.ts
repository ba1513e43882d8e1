import type { DType, TypedArray, View } from '@ag/core';
import { collapseLayout, contiguousStrides, isContiguous, numel } from '@ag/core';
import { pool } from '../pool.js';
import { codedCopy, halfCodec } from './half-copy.js';
import { innerStride, walkRows } from './strided.js';

/**
 * The strided gather behind `contiguous` and casts. Casting stores into the target's typed array,
 * whose conversion is PyTorch's: float to int32 truncates toward zero, float64 to float32 rounds
 * to nearest. Only bool needs a loop of its own, since any nonzero value (NaN included) is true.
 */
export function copy(x: View<TypedArray>, out: DType): TypedArray {
  const code = halfCodec(x.dtype, out);
  if (code !== null) return codedCopy(x, out, code);
  const size = numel(x.shape);
  const res = pool.take(out, size);
  if (size === 0) return res;
  const src = x.storage;
  const toBool = out === 'bool' && x.dtype !== 'bool';
  if (isContiguous(x.shape, x.strides)) {
    if (toBool) boolRow(res, 0, src, x.offset, 1, size);
    else res.set(src.subarray(x.offset, x.offset + size));
    return res;
  }
  const layout = collapseLayout(x.shape, [x.strides]);
  const s = innerStride(layout, 0);
  const row = toBool ? boolRow : s === 1 ? copyContiguousRow : copyRow;
  walkRows(layout, [x.offset], (pos, o, n) => {
    row(res, o, src, pos[0]!, s, n);
  });
  return res;
}

function copyRow(out: TypedArray, o: number, x: TypedArray, i: number, s: number, n: number): void {
  for (let j = 0; j < n; j++, i += s) out[o + j] = x[i]!;
}

/**
 * A row that steps by 1 (im2col's runs of output width, a transpose's inner dim): unrolled by eight
 * with every value loaded before any is stored, as contiguous-binary.ts explains; a long row is
 * one memmove (`set`) instead.
 */
function copyContiguousRow(out: TypedArray, o: number, x: TypedArray, i: number, _s: number, n: number): void {
  if (n >= 256) {
    out.set(x.subarray(i, i + n), o);
    return;
  }
  let j = 0;
  for (; j + 8 <= n; j += 8, o += 8, i += 8) {
    const v0 = x[i]!,
      v1 = x[i + 1]!,
      v2 = x[i + 2]!,
      v3 = x[i + 3]!,
      v4 = x[i + 4]!,
      v5 = x[i + 5]!,
      v6 = x[i + 6]!,
      v7 = x[i + 7]!;
    out[o] = v0;
    out[o + 1] = v1;
    out[o + 2] = v2;
    out[o + 3] = v3;
    out[o + 4] = v4;
    out[o + 5] = v5;
    out[o + 6] = v6;
    out[o + 7] = v7;
  }
  for (; j < n; j++) out[o++] = x[i++]!;
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

/** Returns a cast copy made by {@link readAs} for `x` to the pool, once the kernel is done with it. */
export function releaseCast(read: View<TypedArray>, x: View<TypedArray>): void {
  if (read.storage !== x.storage) pool.give(read.storage);
}

/**
 * Bool storage (0 or 1) from values computed in another dtype: nonzero and NaN are true. The
 * values are a kernel's scratch, so they go back to the pool.
 */
export function toBool(values: TypedArray): Uint8Array<ArrayBuffer> {
  const res = pool.take('bool', values.length);
  boolRow(res, 0, values, 0, 1, values.length);
  pool.give(values);
  return res;
}
