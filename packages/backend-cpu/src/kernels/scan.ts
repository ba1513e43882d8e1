import type { ArgReduceOp, DType, ScanOp, TypedArray, View } from '@ag/core';
import { contiguousStrides, numel } from '@ag/core';
import { pool } from '../pool.js';
import { atLeast1d, forEachLine } from './along-axis.js';
import { readAs, releaseCast, toBool } from './copy.js';

type Step = (acc: number, v: number) => number;

/** log(e^a + e^b) without overflow; equal infinities (and two -Infinity) give themselves. */
export function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b); // NaN propagates
  if (m === Infinity || m === -Infinity) return m;
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** How each scan folds the next value in, on floats and on int32 (wrapping). */
const steps: { [K in ScanOp]: readonly [Step, Step] } = {
  cumsum: [(a, v) => a + v, (a, v) => (a + v) | 0],
  cumprod: [(a, v) => a * v, Math.imul],
  cummax: [Math.max, Math.max], // Math.max propagates NaN
  cummin: [Math.min, Math.min],
  logcumsumexp: [logAddExp, logAddExp],
};

/** Inclusive scans along `axis`, in `out` dtype (int32 wraps, as in PyTorch). */
export function scan(op: ScanOp, input: View<TypedArray>, axis: number, out: DType): TypedArray {
  if (out === 'bool') return toBool(scan(op, input, axis, 'int32'));
  const x = readAs(atLeast1d(input), out);
  const res = pool.take(out, numel(x.shape));
  const n = x.shape[axis]!;
  const sx = x.strides[axis]!;
  const outStrides = contiguousStrides(x.shape);
  const so = outStrides[axis]!;
  const src = x.storage;
  const step = steps[op][out === 'int32' ? 1 : 0];
  forEachLine(x, axis, outStrides, (xb, ob) => {
    if (n === 0) return;
    let acc = src[xb]!;
    res[ob] = acc;
    for (let k = 1; k < n; k++) {
      acc = step(acc, src[xb + k * sx]!);
      res[ob + k * so] = acc;
    }
  });
  releaseCast(x, input);
  return res;
}

/**
 * Index of the max (min) along `axis`: the first occurrence wins, and a NaN, once met, wins
 * over everything after it, as in PyTorch.
 */
export function argReduce(op: ArgReduceOp, input: View<TypedArray>, axis: number): TypedArray {
  const x = atLeast1d(input);
  const outShape = x.shape.map((d, i) => (i === axis ? 1 : d));
  const res = pool.take('int32', numel(outShape));
  const n = x.shape[axis]!;
  const sx = x.strides[axis]!;
  const src = x.storage;
  const better = op === 'argmax' ? (v: number, b: number) => v > b : (v: number, b: number) => v < b;
  forEachLine(x, axis, contiguousStrides(outShape), (xb, ob) => {
    let best = src[xb]!;
    let at = 0;
    for (let k = 1; k < n && !Number.isNaN(best); k++) {
      const v = src[xb + k * sx]!;
      if (Number.isNaN(v) || better(v, best)) {
        best = v;
        at = k;
      }
    }
    res[ob] = at;
  });
  return res;
}
