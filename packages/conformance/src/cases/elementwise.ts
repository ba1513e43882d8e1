import { ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { TWIN_DEVICE } from '../case.js';

/**
 * Elementwise arithmetic and the basic unary functions: expected values are closed forms
 * evaluated with JavaScript's Math (an implementation independent of ag's kernels), gradients are
 * the textbook derivatives of sum(op(x)). Comparisons and min/max are in comparisons.ts, int32 and
 * bool arithmetic in dtype-arithmetic.ts.
 */
const x = [0.5, 1.5, 2.5, 4];
const map = (f: (v: number) => number) => x.map(f);

export const elementwiseCases = [
  {
    id: 'add/broadcast-row',
    inputs: [
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        requiresGrad: true,
      },
      { values: [10, 20, 30], requiresGrad: true },
    ],
    run: (a, b) => a.add(b),
    expected: [
      [11, 22, 33],
      [14, 25, 36],
    ],
    grads: [
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
      [2, 2, 2],
    ],
    gradFn: 'AddBackward0',
  },
  {
    id: 'add/scalar-alpha',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3, 4], requiresGrad: true },
    ],
    run: (a, b) => a.add(b, { alpha: 2 }),
    expected: [7, 10],
    grads: [
      [1, 1],
      [2, 2],
    ],
  },
  {
    id: 'add/broadcast-both',
    inputs: [
      { values: [[1], [2]], requiresGrad: true },
      { values: [[10, 20, 30]], requiresGrad: true },
    ],
    run: (a, b) => a.add(b),
    expected: [
      [11, 21, 31],
      [12, 22, 32],
    ],
    grads: [[[3], [3]], [[2, 2, 2]]],
  },
  {
    id: 'sub/broadcast-3d',
    inputs: [
      { values: [[[1, 2]], [[3, 4]]], requiresGrad: true },
      { values: [[0.5], [1.5], [2.5]], requiresGrad: true },
    ],
    run: (a, b) => a.sub(b),
    expected: [
      [
        [0.5, 1.5],
        [-0.5, 0.5],
        [-1.5, -0.5],
      ],
      [
        [2.5, 3.5],
        [1.5, 2.5],
        [0.5, 1.5],
      ],
    ],
    grads: [
      [[[3, 3]], [[3, 3]]],
      [[-4], [-4], [-4]],
    ],
    gradFn: 'SubBackward0',
  },
  {
    id: 'mul/tensors',
    inputs: [
      { values: [1, -2, 3], requiresGrad: true },
      { values: [4, 5, -6], requiresGrad: true },
    ],
    run: (a, b) => a.mul(b),
    expected: [4, -10, -18],
    grads: [
      [4, 5, -6],
      [1, -2, 3],
    ],
    gradFn: 'MulBackward0',
  },
  {
    id: 'div/tensors',
    inputs: [
      { values: [1, 4, 9], requiresGrad: true },
      { values: [2, 4, 3], requiresGrad: true },
    ],
    run: (a, b) => a.div(b),
    expected: [0.5, 1, 3],
    grads: [
      [0.5, 0.25, 1 / 3],
      [-1 / 4, -4 / 16, -9 / 9],
    ],
    gradFn: 'DivBackward0',
  },
  {
    id: 'div/by-zero-ieee',
    inputs: [{ values: [1, -1, 0] }],
    run: (a) => a.div(0),
    expected: [Infinity, -Infinity, NaN],
    repr: 'tensor([inf, -inf, nan])',
  },
  {
    id: 'pow/scalar-exponent',
    inputs: [{ values: x, requiresGrad: true }],
    run: (a) => a.pow(3),
    expected: map((v) => v ** 3),
    grads: [map((v) => 3 * v ** 2)],
    gradFn: 'PowBackward0',
  },
  {
    id: 'pow/fractional-exponent',
    inputs: [{ values: x, requiresGrad: true }],
    run: (a) => a.pow(0.5),
    expected: map(Math.sqrt),
    grads: [map((v) => 0.5 / Math.sqrt(v))],
  },
  {
    id: 'pow/tensor-exponent',
    inputs: [
      { values: [0.5, 2, 3], requiresGrad: true },
      { values: [2, 0.5, -1], requiresGrad: true },
    ],
    run: (a, b) => a.pow(b),
    expected: [0.25, Math.SQRT2, 1 / 3],
    grads: [
      [2 * 0.5, 0.5 * 2 ** -0.5, -1 * 3 ** -2],
      [0.25 * Math.log(0.5), Math.SQRT2 * Math.log(2), (1 / 3) * Math.log(3)],
    ],
    gradFn: 'PowBackward1',
  },
  {
    id: 'pow/zero-base-exponent-grad-is-zero',
    inputs: [
      { values: [0, 0], requiresGrad: true },
      { values: [2, 0], requiresGrad: true },
    ],
    run: (a, b) => a.pow(b),
    expected: [0, 1],
    grads: [
      [0, 0],
      [0, 0],
    ],
    noGradcheck: true,
  },
  {
    id: 'neg',
    inputs: [{ values: [1, -2, 0], requiresGrad: true }],
    run: (a) => a.neg(),
    expected: [-1, 2, -0],
    grads: [[-1, -1, -1]],
    gradFn: 'NegBackward0',
  },
  {
    id: 'exp',
    inputs: [{ values: [-1, 0, 1, 2], requiresGrad: true }],
    run: (a) => a.exp(),
    expected: [-1, 0, 1, 2].map(Math.exp),
    grads: [[-1, 0, 1, 2].map(Math.exp)],
    gradFn: 'ExpBackward0',
  },
  {
    id: 'log',
    inputs: [{ values: x, requiresGrad: true }],
    run: (a) => a.log(),
    expected: map(Math.log),
    grads: [map((v) => 1 / v)],
    gradFn: 'LogBackward0',
  },
  {
    id: 'log/zero-and-negative',
    inputs: [{ values: [0, -1] }],
    run: (a) => a.log(),
    expected: [-Infinity, NaN],
  },
  {
    id: 'exp/int32-gives-float',
    inputs: [{ values: [0, 1], dtype: 'int32' }],
    run: (a) => a.exp(),
    expected: [1, Math.E],
    dtype: 'float32',
  },
  {
    id: 'sqrt',
    inputs: [{ values: x, requiresGrad: true }],
    run: (a) => a.sqrt(),
    expected: map(Math.sqrt),
    grads: [map((v) => 0.5 / Math.sqrt(v))],
  },
  {
    id: 'sin-cos',
    inputs: [{ values: x, requiresGrad: true }],
    run: (a) => a.sin().mul(a.cos()),
    expected: map((v) => Math.sin(v) * Math.cos(v)),
    grads: [map((v) => Math.cos(2 * v))],
  },
  {
    id: 'tanh',
    inputs: [{ values: [-2, -0.5, 0, 1], requiresGrad: true }],
    run: (a) => a.tanh(),
    expected: [-2, -0.5, 0, 1].map(Math.tanh),
    grads: [[-2, -0.5, 0, 1].map((v) => 1 - Math.tanh(v) ** 2)],
  },
  {
    id: 'sigmoid',
    inputs: [{ values: [-2, -0.5, 0, 1], requiresGrad: true }],
    run: (a) => a.sigmoid(),
    expected: [-2, -0.5, 0, 1].map((v) => 1 / (1 + Math.exp(-v))),
    grads: [[-2, -0.5, 0, 1].map((v) => Math.exp(-v) / (1 + Math.exp(-v)) ** 2)],
  },
  {
    id: 'relu',
    inputs: [{ values: [-2, -0.5, 0.5, 3], requiresGrad: true }],
    run: (a) => a.relu(),
    expected: [0, 0, 0.5, 3],
    grads: [[0, 0, 1, 1]],
  },
  {
    id: 'abs',
    inputs: [{ values: [-2, -0.5, 0.5, 3], requiresGrad: true }],
    run: (a) => a.abs(),
    expected: [2, 0.5, 0.5, 3],
    grads: [[-1, -1, 1, 1]],
  },
  {
    id: 'chain/seed-example-2-generalised',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }],
    run: (a) => a.pow(2).mul(3),
    expected: [3, 12, 27],
    grads: [[6, 12, 18]],
  },
] as const satisfies readonly OpCase[];

/** Bad input to the arithmetic ops: the message names the op, the shapes or devices. */
export const elementwiseErrors = [
  {
    id: 'error/broadcast-mismatch',
    inputs: () => [ones([2, 3], { requiresGrad: true }), ones([4])],
    run: (a, b) => a.add(b),
    throws: /add: shapes \[2, 3\] and \[4\] cannot be broadcast/,
    kind: 'shape',
  },
  {
    id: 'error/mixed-devices',
    inputs: () => [ones([2]), ones([2], { device: TWIN_DEVICE })],
    run: (a, b) => a.mul(b),
    throws: /mul: expected all tensors to be on the same device, but found at least two devices, '.+' and 'twin'/,
    kind: 'device',
  },
] as const satisfies readonly ErrorCase[];
