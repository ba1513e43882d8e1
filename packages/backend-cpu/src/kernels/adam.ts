import type { AdamStep, TypedArray, View } from '@ag/core';
import { numel } from '@ag/core';
import { pool } from '../pool.js';
import { dense, release } from './dense.js';

/**
 * One Adam/AdamW step of a parameter in one pass, where the composed update makes about a dozen
 * elementwise passes (and ops) per parameter: each element's new value and moments in float64,
 * with torch.optim.Adam's arithmetic (bias corrections 1 - beta^step).
 */
export function adam(
  p: View<TypedArray>,
  grad: View<TypedArray>,
  m: View<TypedArray> | null,
  v: View<TypedArray> | null,
  h: AdamStep,
): [TypedArray, TypedArray, TypedArray] {
  const n = numel(p.shape);
  const [pOut, mOut, vOut] = [pool.take(p.dtype, n), pool.take(p.dtype, n), pool.take(p.dtype, n)];
  const pd = dense(p);
  const gd = dense(grad);
  const md = m === null ? null : dense(m);
  const vd = v === null ? null : dense(v);
  const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd } = h;
  const decay = h.decoupled ? 1 - lr * wd : 1;
  const coupled = h.decoupled ? 0 : wd;
  const sign = h.maximize ? -1 : 1;
  const rootBc2 = Math.sqrt(1 - b2 ** h.step);
  const stepSize = lr / (1 - b1 ** h.step);
  for (let i = 0; i < n; i++) {
    const pi = pd.a[pd.o + i]!;
    const g = sign * gd.a[gd.o + i]! + coupled * pi;
    const mi = (md === null ? 0 : b1 * md.a[md.o + i]!) + (1 - b1) * g;
    const vi = (vd === null ? 0 : b2 * vd.a[vd.o + i]!) + (1 - b2) * g * g;
    mOut[i] = mi;
    vOut[i] = vi;
    pOut[i] = pi * decay - (mi / (Math.sqrt(vi) / rootBc2 + eps)) * stepSize;
  }
  release(pd, gd, md, vd);
  return [pOut, mOut, vOut];
}
