import type { TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { pool } from '../pool.js';
import { dense, release } from './dense.js';

/**
 * Layer normalisation in one pass per row, where composing it from the primitives reads the
 * input six times and writes five intermediates of its size (and the backward twice that).
 * Statistics and sums are taken in float64 whatever the dtype.
 */

/** The mean and 1 / sqrt(biased variance + eps) of `cols` values of `a` from `at`, two passes. */
function rowStats(a: TypedArray, at: number, cols: number, eps: number): [number, number] {
  let s = 0;
  for (let j = 0; j < cols; j++) s += a[at + j]!;
  const mu = s / cols;
  let q = 0;
  for (let j = 0; j < cols; j++) {
    const d = a[at + j]! - mu;
    q += d * d;
  }
  return [mu, 1 / Math.sqrt(q / cols + eps)];
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
  const wd = weight === null ? null : dense(weight);
  const bd = bias === null ? null : dense(bias);
  const { a: xa, o: xo } = xd;
  for (let at = 0; at < size; at += cols) {
    const [mu, rstd] = rowStats(xa, xo + at, cols, eps);
    for (let j = 0; j < cols; j++) {
      let v = (xa[xo + at + j]! - mu) * rstd;
      if (wd !== null) v *= wd.a[wd.o + j]!;
      if (bd !== null) v += bd.a[bd.o + j]!;
      out[at + j] = v;
    }
  }
  release(xd, wd, bd);
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
    const wd = weight === null ? null : dense(weight);
    const { a: xa, o: xo } = xd;
    const { a: ga, o: go } = gd;
    for (let at = 0; at < size; at += cols) {
      const [mu, rstd] = rowStats(xa, xo + at, cols, eps);
      let meanGh = 0;
      let meanGhXhat = 0;
      for (let j = 0; j < cols; j++) {
        const gj = ga[go + at + j]!;
        const xhat = (xa[xo + at + j]! - mu) * rstd;
        const gh = wd === null ? gj : gj * wd.a[wd.o + j]!;
        meanGh += gh;
        meanGhXhat += gh * xhat;
        dwSum[j] = dwSum[j]! + gj * xhat;
        dbSum[j] = dbSum[j]! + gj;
      }
      meanGh /= cols;
      meanGhXhat /= cols;
      for (let j = 0; j < cols; j++) {
        const xhat = (xa[xo + at + j]! - mu) * rstd;
        const gh = wd === null ? ga[go + at + j]! : ga[go + at + j]! * wd.a[wd.o + j]!;
        dx[at + j] = rstd * (gh - meanGh - xhat * meanGhXhat);
      }
    }
    release(xd, gd, wd);
  }
  const dw = pool.take(x.dtype, cols);
  const db = pool.take(x.dtype, cols);
  dw.set(dwSum);
  db.set(dbSum);
  return [dx, dw, db];
}
