import type { DType, TypedArray, View } from '@ag/core';
import { contiguousStrides, dtypeOfTypedArray, numel } from '@ag/core';

/** Test helpers: hand-built views and naive reference readers. */

export function view(
  storage: TypedArray,
  shape: readonly number[],
  strides?: readonly number[],
  offset = 0,
  dtype?: DType,
): View<TypedArray> {
  return {
    storage,
    // A bare Uint8Array is a mask in these kernel tests (tensor() reads one as uint8).
    dtype: dtype ?? (storage instanceof Uint8Array ? 'bool' : dtypeOfTypedArray(storage)!),
    shape,
    strides: strides ?? contiguousStrides(shape),
    offset,
  };
}

/** A contiguous float64 view over `values`. */
export function f64(values: number[], shape: readonly number[] = [values.length]): View<TypedArray> {
  return view(Float64Array.from(values), shape);
}

/** Element `idx` of `v`, read through its strides. */
export function at(v: View<TypedArray>, idx: readonly number[]): number {
  let i = v.offset;
  for (let d = 0; d < idx.length; d++) i += idx[d]! * v.strides[d]!;
  return v.storage[i]!;
}

/** Every index of `shape` in row-major order. */
export function indices(shape: readonly number[]): number[][] {
  const out: number[][] = [];
  const total = numel(shape);
  for (let flat = 0; flat < total; flat++) {
    const idx = new Array<number>(shape.length);
    let r = flat;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = r % shape[d]!;
      r = Math.floor(r / shape[d]!);
    }
    out.push(idx);
  }
  return out;
}

/** A seeded generator (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` random values in [-1, 1). */
export function randoms(rand: () => number, count: number): Float64Array<ArrayBuffer> {
  return Float64Array.from({ length: count }, () => rand() * 2 - 1);
}

/**
 * A strided, offset view of random values with `shape`: the storage holds the values in a
 * permuted dim order behind a padding of 3, then the view permutes back (a transposed view).
 */
export function scrambled(rand: () => number, shape: readonly number[]): View<TypedArray> {
  const nd = shape.length;
  const order = Array.from({ length: nd }, (_, d) => nd - 1 - d); // reversed: fully transposed
  const physical = order.map((d) => shape[d]!);
  const physStrides = contiguousStrides(physical);
  const strides = new Array<number>(nd);
  order.forEach((d, p) => (strides[d] = physStrides[p]!));
  const data = randoms(rand, numel(shape) + 3);
  return view(data, shape, strides, 3);
}

export function toArray(a: TypedArray): number[] {
  return Array.from(a);
}
