import type { TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { pool } from '../pool.js';
import { dense, release } from './dense.js';

/**
 * Layer normalisation in one pass per row, where composing it from the primitives reads the
 * input six times and writes five intermediates of its size (and the backward twice that).
 * Statistics and sums are taken in float64 whatever the dtype.
 */

/** The weight or bias as `cols` values from index 0, `fill` where there is none. */
function affineRow(p: View<TypedArray> | null, cols: number, fill: number): Float64Array {
  const out = new Float64Array(cols);
  if (p === null) return out.fill(fill);
  const d = dense(p);
  for (let j = 0; j < cols; j++) out[j] = d.a[d.o + j]!;
  release(d);
  return out;
}

/** Row statistics go here (no array per row): the mean, then 1 / sqrt(biased variance + eps). */
const stats = new Float64Array(2);

function rowStats(a: TypedArray, at: number, cols: number, eps: number): void {
  let s = 0;
  for (let j = at; j < at + cols; j++) s += a[j]!;
  const mu = s / cols;
  let q = 0;
  for (let j = at; j < at + cols; j++) {
    const d = a[j]! - mu;
    q += d * d;
  }
  stats[0] = mu;
  stats[1] = 1 / Math.sqrt(q / cols + eps);
}

export function layerNorm(
  x: View<TypedArray>,
  weight: View<TypedArray> | null,
  bias: View<TypedArray> | null,
  cols: number,
  eps: number,
): TypedArray {
  const size = numel(x.shape);
  const out = pool.take(x.dtype, size);
  if (size === 0) return out;
  const xd = dense(x);
  const w = affineRow(weight, cols, 1);
  const b = affineRow(bias, cols, 0);
  const { a: xa, o: xo } = xd;
  for (let at = 0; at < size; at += cols) {
    rowStats(xa, xo + at, cols, eps);
    const [mu, rstd] = [stats[0]!, stats[1]!];
    for (let j = 0, i = xo + at; j < cols; j++, i++) out[at + j] = (xa[i]! - mu) * rstd * w[j]! + b[j]!;
  }
  release(xd);
  return out;
}

/**
 * PyTorch's layer_norm backward per row: with xhat = (x - mean) rstd and gh = g * weight,
 * dx = rstd (gh - mean(gh) - xhat mean(gh xhat)); the weight's and bias's gradients summed over rows.
 */
export function layerNormBackward(
  g: View<TypedArray>,
  x: View<TypedArray>,
  weight: View<TypedArray> | null,
  cols: number,
  eps: number,
): [TypedArray, TypedArray, TypedArray] {
  const size = numel(x.shape);
  const dx = pool.take(x.dtype, size);
  const dwSum = new Float64Array(cols);
  const dbSum = new Float64Array(cols);
  if (size > 0) {
    const xd = dense(x);
    const gd = dense(g);
    const w = affineRow(weight, cols, 1);
    const { a: xa, o: xo } = xd;
    const { a: ga, o: go } = gd;
    for (let at = 0; at < size; at += cols) {
      rowStats(xa, xo + at, cols, eps);
      const [mu, rstd] = [stats[0]!, stats[1]!];
      let meanGh = 0;
      let meanGhXhat = 0;
      for (let j = 0; j < cols; j++) {
        const gj = ga[go + at + j]!;
        const xhat = (xa[xo + at + j]! - mu) * rstd;
        const gh = gj * w[j]!;
        meanGh += gh;
        meanGhXhat += gh * xhat;
        dwSum[j] = dwSum[j]! + gj * xhat;
        dbSum[j] = dbSum[j]! + gj;
      }
      meanGh /= cols;
      meanGhXhat /= cols;
      for (let j = 0; j < cols; j++) {
        const xhat = (xa[xo + at + j]! - mu) * rstd;
        dx[at + j] = rstd * (ga[go + at + j]! * w[j]! - meanGh - xhat * meanGhXhat);
      }
    }
    release(xd, gd);
  }
  const dw = pool.take(x.dtype, cols);
  const db = pool.take(x.dtype, cols);
  dw.set(dwSum);
  db.set(dbSum);
  return [dx, dw, db];
}
