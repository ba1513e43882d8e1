import type { DType, TypedArray, View } from '@ag/core';
import { contiguousStrides, isContiguous, numel } from '@ag/core';
import { pool } from '../pool.js';
import { forEachLine } from './along-axis.js';
import { readAs, releaseCast } from './copy.js';
import { softmaxLinesWasm, softmaxRowsWasm, softmaxWasmAvailable } from './wasm/softmax-runner.js';

/**
 * Fused softmax and logSoftmax along one axis: per line, the max, the sum of exp(x - max), then
 * the results, with no intermediate tensors. float32 runs in WebAssembly SIMD with a vectorised
 * exp (Math.exp is most of a JavaScript softmax's time); float64, and float32 on hosts without
 * WebAssembly SIMD, run the same passes in JavaScript with Math.exp.
 */
export function softmax(input: View<TypedArray>, axis: number, log: boolean, out: DType): TypedArray {
  // A 0-d input is one line of one element (built field by field: a Tensor's fields are getters).
  const x = readAs(
    input.shape.length > 0
      ? input
      : { storage: input.storage, dtype: input.dtype, shape: [1], strides: [1], offset: input.offset },
    out,
  );
  const res = pool.take(out, numel(x.shape));
  const n = x.shape[axis]!;
  if (res.length === 0) return res;
  const outStrides = contiguousStrides(x.shape);
  const strides = { x: x.strides[axis]!, out: outStrides[axis]! };
  const lines = (visit: (xBase: number, outBase: number) => void): void => {
    forEachLine(x, axis, outStrides, visit);
  };
  if (out === 'float32' && softmaxWasmAvailable()) {
    const src = x.storage as Float32Array;
    const dst = res as Float32Array;
    // Dense rows one after another (axis last, or only size-1 dims after it): block copies.
    if (strides.out === 1 && isContiguous(x.shape, x.strides))
      softmaxRowsWasm(src, x.offset, dst, res.length / n, n, log);
    else softmaxLinesWasm(src, dst, n, strides, lines, log);
  } else {
    const src = x.storage;
    lines((xb, ob) => {
      softmaxLine(src, xb, strides.x, res, ob, strides.out, n, log);
    });
  }
  releaseCast(x, input);
  return res;
}

/** One line in JavaScript: the composition's steps (max, x - max, exp, sum, divide or log). */
function softmaxLine(
  src: TypedArray,
  xb: number,
  sx: number,
  dst: TypedArray,
  ob: number,
  so: number,
  n: number,
  log: boolean,
): void {
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const v = src[xb + k * sx]!;
    if (v > max || v !== v) max = v; // a NaN, once met, stays
    if (max !== max) break;
  }
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const e = Math.exp(src[xb + k * sx]! - max);
    if (!log) dst[ob + k * so] = e;
    sum += e;
  }
  if (log) {
    const logSum = Math.log(sum);
    for (let k = 0; k < n; k++) dst[ob + k * so] = src[xb + k * sx]! - max - logSum;
  } else {
    for (let k = 0; k < n; k++) dst[ob + k * so] = dst[ob + k * so]! / sum;
  }
}
