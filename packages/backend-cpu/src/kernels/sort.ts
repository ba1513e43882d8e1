import type { TypedArray, View } from '@ag/core';
import { contiguousStrides, numel } from '@ag/core';
import { pool } from '../pool.js';
import { atLeast1d, forEachLine } from './along-axis.js';

/**
 * Stable sort of every line along `axis`: values and int32 positions. Each line is copied out
 * (a Float64Array holds every dtype the kernels see exactly) and its positions are sorted with a
 * comparator that breaks ties by position, so the order is the same whatever the engine's sort
 * does with equal keys. NaN compares as the largest value, as in PyTorch.
 */
export function sort(input: View<TypedArray>, axis: number, descending: boolean): [TypedArray, TypedArray] {
  const x = atLeast1d(input);
  const size = numel(x.shape);
  const values = pool.take(x.dtype, size);
  const indices = pool.take('int32', size);
  const n = x.shape[axis]!;
  const sx = x.strides[axis]!;
  const outStrides = contiguousStrides(x.shape);
  const so = outStrides[axis]!;
  const src = x.storage;
  const line = new Float64Array(n);
  const order = new Int32Array(n);
  const sign = descending ? -1 : 1;
  const compare = (i: number, j: number): number => {
    const a = line[i]!;
    const b = line[j]!;
    if (a < b) return -sign;
    if (a > b) return sign;
    const an = a !== a;
    if (an !== (b !== b)) return an ? sign : -sign;
    return i - j;
  };
  forEachLine(x, axis, outStrides, (xb, ob) => {
    for (let k = 0; k < n; k++) {
      line[k] = src[xb + k * sx]!;
      order[k] = k;
    }
    order.sort(compare);
    for (let k = 0; k < n; k++) {
      const at = order[k]!;
      values[ob + k * so] = line[at]!;
      indices[ob + k * so] = at;
    }
  });
  return [values, indices];
}
