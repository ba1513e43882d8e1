import { ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { sigmoidRef } from './reference-math.js';

/**
 * Softmax and logSoftmax: expected values from the closed form exp(x) / sum(exp(x)) in
 * JavaScript's Math, gradients the derivatives of sum(f(x)).
 */
const softmaxRef = (row: readonly number[]) => {
  const e = row.map(Math.exp);
  const s = e.reduce((p, q) => p + q, 0);
  return e.map((v) => v / s);
};

export const softmaxCases = [
  {
    id: 'softmax/last-dim',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [-1, 0, 5],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.softmax(-1),
    expected: [softmaxRef([1, 2, 3]), softmaxRef([-1, 0, 5])],
    grads: [
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    gradFn: 'SoftmaxBackward0',
  },
  {
    id: 'softmax/weighted-grad',
    inputs: [{ values: [0.5, -1, 2], requiresGrad: true }],
    run: (a) => a.softmax(0).mul(a.softmax(0)),
    expected: softmaxRef([0.5, -1, 2]).map((p) => p * p),
    grads: [
      (() => {
        const p = softmaxRef([0.5, -1, 2]);
        const s2 = p.reduce((q, r) => q + r * r, 0);
        return p.map((pi) => 2 * pi * (pi - s2));
      })(),
    ],
  },
  {
    id: 'softmax/dim0-3d',
    inputs: [{ values: [[[1, 2]], [[3, 0]]], requiresGrad: true }],
    run: (a) => a.softmax(0),
    expected: [[[sigmoidRef(-2), sigmoidRef(2)]], [[sigmoidRef(2), sigmoidRef(-2)]]],
  },
  {
    id: 'softmax/large-values-stable',
    inputs: [{ values: [1000, 1001, 1002] }],
    run: (a) => a.softmax(0),
    expected: softmaxRef([0, 1, 2]),
  },
  {
    id: 'softmax/minus-inf-entry',
    inputs: [{ values: [-Infinity, 0, 0] }],
    run: (a) => a.softmax(0),
    expected: [0, 0.5, 0.5],
  },
  {
    id: 'softmax/zero-dim',
    inputs: [{ values: 3, requiresGrad: true }],
    run: (a) => a.softmax(0),
    expected: 1,
    grads: [0],
  },
  {
    id: 'logSoftmax/dim1',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [-1, 0, 5],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.logSoftmax(1),
    expected: [softmaxRef([1, 2, 3]).map(Math.log), softmaxRef([-1, 0, 5]).map(Math.log)],
    grads: [[softmaxRef([1, 2, 3]).map((p) => 1 - 3 * p), softmaxRef([-1, 0, 5]).map((p) => 1 - 3 * p)]],
    gradFn: 'LogSoftmaxBackward0',
  },
  {
    id: 'logSoftmax/large-values-stable',
    inputs: [{ values: [[-1000], [1000]] }],
    run: (a) => a.logSoftmax(-2),
    expected: [[-2000], [0]],
  },
  {
    id: 'logSoftmax/zero-dim',
    inputs: [{ values: 3 }],
    run: (a) => a.logSoftmax(-1),
    expected: 0,
  },
] as const satisfies readonly OpCase[];

/** Bad input to softmax. */
export const softmaxErrors = [
  {
    id: 'error/softmax-of-int',
    inputs: () => [tensor([1, 2], { dtype: 'int32' })],
    run: (x) => x.softmax(0),
    throws: /softmax: expected a floating point tensor .*got dtype int32/,
    kind: 'dtype',
  },
  {
    id: 'error/softmax-dim-out-of-range',
    inputs: () => [ones([2, 3])],
    run: (x) => x.logSoftmax(2),
    throws: /logSoftmax: dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
    kind: 'index',
  },
] as const satisfies readonly ErrorCase[];
