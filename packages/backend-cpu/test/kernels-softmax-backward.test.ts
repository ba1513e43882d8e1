import { describe, it } from 'vitest';
import type { TypedArray, View } from '@ag/core';
import * as ag from '@ag/core';
import { softmaxBackward } from '../src/kernels/softmax-backward.js';
import { cpu } from '../src/index.js';
import { at, indices, rng, scrambled } from './views.js';
import { close } from './kernel-helpers.js';

/**
 * The definitions in float64, read through the strides: softmax's y * (g - sum(g * y)) and
 * logSoftmax's g - exp(y) * sum(g), the sums along `axis`.
 */
function reference(g: View<TypedArray>, y: View<TypedArray>, axis: number, log: boolean): number[] {
  return indices(g.shape).map((idx) => {
    let s = 0;
    for (let j = 0; j < g.shape[axis]!; j++) {
      const line = idx.map((v, d) => (d === axis ? j : v));
      s += log ? at(g, line) : at(g, line) * at(y, line);
    }
    return log ? at(g, idx) - Math.exp(at(y, idx)) * s : at(y, idx) * (at(g, idx) - s);
  });
}

describe('the fused softmax backward kernel', () => {
  it('matches the definitions on every axis of contiguous and transposed views, float64 and float32', () => {
    const rand = rng(5);
    for (const shape of [[7], [3, 5], [2, 3, 4], [4, 1, 3]]) {
      for (let axis = 0; axis < shape.length; axis++) {
        for (const log of [false, true]) {
          const g = scrambled(rand, shape);
          const y = scrambled(rand, shape);
          close(softmaxBackward(g, y, axis, log, 'float64'), reference(g, y, axis, log));
          const g32 = { ...g, storage: Float32Array.from(g.storage), dtype: 'float32' as const };
          const y32 = { ...y, storage: Float32Array.from(y.storage), dtype: 'float32' as const };
          close(softmaxBackward(g32, y32, axis, log, 'float32'), reference(g32, y32, axis, log), 1e-6);
        }
      }
    }
  });
});

/** Central differences of `f` at `xs`, one coordinate at a time. */
function numericGrad(f: (v: number[]) => number, xs: readonly number[], h = 1e-6): number[] {
  return xs.map((_, i) => {
    const up = xs.map((v, j) => (j === i ? v + h : v));
    const down = xs.map((v, j) => (j === i ? v - h : v));
    return (f(up) - f(down)) / (2 * h);
  });
}

describe('softmax gradients through the fused kernel', () => {
  ag.registerBackend(cpu());

  it('equal finite differences of the loss sum(c * softmax(x)) and sum(c * logSoftmax(x))', () => {
    const rand = rng(9);
    const shape = [3, 4];
    const xs = Array.from({ length: 12 }, () => rand() * 4 - 2);
    const cs = Array.from({ length: 12 }, () => rand() * 2 - 1);
    for (const log of [false, true]) {
      const f = (v: number[]): number => {
        const x = ag.tensor(v, { dtype: 'float64' }).reshape(shape);
        const y = log ? ag.logSoftmax(x, 0) : ag.softmax(x, 0);
        return y
          .mul(ag.tensor(cs, { dtype: 'float64' }).reshape(shape))
          .sum()
          .itemSync();
      };
      const x = ag.tensor(xs, { dtype: 'float64' }).reshape(shape).requiresGrad_();
      const y = log ? ag.logSoftmax(x, 0) : ag.softmax(x, 0);
      y.mul(ag.tensor(cs, { dtype: 'float64' }).reshape(shape))
        .sum()
        .backward();
      close(x.grad!.toTypedArraySync(), numericGrad(f, xs), 1e-7);
    }
  });

  it('keeps a double backward through the composition', () => {
    // d/dx of sum((dL/dx)^2) for L = sum(c * softmax(x)), against finite differences of it.
    const c = ag.tensor([0.5, -1, 2], { dtype: 'float64' });
    const gradNormSq = (v: number[]): number => {
      const x = ag.tensor(v, { dtype: 'float64' }).requiresGrad_();
      const [gx] = ag.autograd.grad([ag.softmax(x, 0).mul(c).sum()], [x], { createGraph: true });
      return gx!.mul(gx!).sum().itemSync();
    };
    const xs = [0.3, -0.7, 1.1];
    const x = ag.tensor(xs, { dtype: 'float64' }).requiresGrad_();
    const [gx] = ag.autograd.grad([ag.softmax(x, 0).mul(c).sum()], [x], { createGraph: true });
    gx!.mul(gx!).sum().backward();
    close(x.grad!.toTypedArraySync(), numericGrad(gradNormSq, xs), 1e-6);
  });
});
