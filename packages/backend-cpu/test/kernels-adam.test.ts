import { describe, expect, it } from 'vitest';
import type { AdamStep } from '@ag/core';
import { kernels } from '../src/kernels/index.js';
import { f64, view } from './views.js';

// The fused step against torch.optim.Adam's documented algorithm, written out per element in
// float64 here, over three steps (the bias corrections change with the step).

interface Moments {
  p: number[];
  m: number[];
  v: number[];
}

function torchStep(s: Moments, grad: readonly number[], h: AdamStep): Moments {
  const out: Moments = { p: [], m: [], v: [] };
  grad.forEach((g0, i) => {
    let g = h.maximize ? -g0 : g0;
    let p = s.p[i]!;
    if (h.decoupled) p *= 1 - h.lr * h.weightDecay;
    else g += h.weightDecay * p;
    const m = h.beta1 * s.m[i]! + (1 - h.beta1) * g;
    const v = h.beta2 * s.v[i]! + (1 - h.beta2) * g * g;
    const mHat = m / (1 - h.beta1 ** h.step);
    const vHat = v / (1 - h.beta2 ** h.step);
    out.p.push(p - (h.lr * mHat) / (Math.sqrt(vHat) + h.eps));
    out.m.push(m);
    out.v.push(v);
  });
  return out;
}

const P0 = [0.5, -1.25, 2, 0, 3.5, -0.75];
const GRADS = [
  [0.1, -0.2, 0.3, -0.4, 0.05, 1],
  [-0.3, 0.1, 0.2, 0.6, -0.05, 0.5],
  [0.2, 0.2, -0.1, 0.1, 0.3, -1],
];

describe('adam kernel', () => {
  it.each([
    ['Adam', false, 0, false],
    ['Adam with weight decay, maximizing', false, 0.1, true],
    ['AdamW', true, 0.01, false],
  ])('takes torch.optim steps: %s', (_, decoupled, weightDecay, maximize) => {
    let expected: Moments = { p: P0, m: P0.map(() => 0), v: P0.map(() => 0) };
    let p = f64(P0);
    let m: ReturnType<typeof f64> | null = null;
    let v: ReturnType<typeof f64> | null = null;
    GRADS.forEach((grad, i) => {
      const h: AdamStep = {
        lr: 0.01,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay,
        decoupled,
        maximize,
        step: i + 1,
      };
      expected = torchStep(expected, grad, h);
      const [pn, mn, vn] = kernels.adam(p, f64(grad), m, v, h);
      [p, m, v] = [view(pn, [P0.length]), view(mn, [P0.length]), view(vn, [P0.length])];
      for (const [got, want] of [
        [pn, expected.p],
        [mn, expected.m],
        [vn, expected.v],
      ] as const)
        want.forEach((w, j) => {
          expect(got[j]).toBeCloseTo(w, 12);
        });
    });
  });

  it('reads a strided gradient and keeps float32', () => {
    const h: AdamStep = {
      lr: 0.1,
      beta1: 0.9,
      beta2: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      decoupled: false,
      maximize: false,
      step: 1,
    };
    // The gradient [0.1, -0.2, 0.3] stored every other element.
    const grad = view(Float32Array.of(0.1, 9, -0.2, 9, 0.3, 9), [3], [2]);
    const [pn] = kernels.adam(view(Float32Array.of(1, 2, 3), [3]), grad, null, null, h);
    expect(pn).toBeInstanceOf(Float32Array);
    const want = torchStep({ p: [1, 2, 3], m: [0, 0, 0], v: [0, 0, 0] }, [0.1, -0.2, 0.3], h).p;
    want.forEach((w, j) => {
      expect(pn[j]).toBeCloseTo(w, 6);
    });
  });
});
