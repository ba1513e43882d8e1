import { bmm, dot, linear, mm, mv, ones, outer } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { A, AB, AB_SUM_GRADS, B, BIAS, W, X3, XL, Y3, matmul2, transpose2 } from './product-inputs.js';

/**
 * The products of fixed rank (mm, bmm, mv, dot, outer) and linear: expected values by hand or
 * from the plain loops of product-inputs.ts (independent of ag); gradients by hand or from finite
 * differences.
 */
export const fixedRankProductCases = [
  {
    id: 'mm/basic',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => mm(a, b),
    expected: AB,
    grads: AB_SUM_GRADS,
    gradFn: 'MmBackward0',
  },
  {
    id: 'mm/method-transposed',
    inputs: [
      { values: B, requiresGrad: true },
      { values: A, requiresGrad: true },
    ],
    run: (b, a) => b.t().mm(a.t()),
    expected: [
      [10, 22],
      [6, 12],
    ],
    gradFn: 'MmBackward0',
  },
  {
    id: 'bmm/basic',
    inputs: [
      { values: X3, requiresGrad: true },
      { values: Y3, requiresGrad: true },
    ],
    run: (a, b) => a.bmm(b),
    expected: X3.map((x, i) => matmul2(x, Y3[i]!)),
    gradFn: 'BmmBackward0',
  },
  {
    id: 'mv/basic',
    inputs: [
      { values: A, requiresGrad: true },
      { values: [1, 0, -1], requiresGrad: true },
    ],
    run: (a, v) => mv(a, v),
    expected: [-2, -2],
    grads: [
      [
        [1, 0, -1],
        [1, 0, -1],
      ],
      [5, 7, 9],
    ],
    gradFn: 'MvBackward0',
  },
  {
    id: 'dot/basic',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [4, -5, 6], requiresGrad: true },
    ],
    run: (a, b) => a.dot(b),
    expected: 12,
    grads: [
      [4, -5, 6],
      [1, 2, 3],
    ],
    gradFn: 'DotBackward0',
  },
  {
    id: 'dot/int32',
    inputs: [
      { values: [1, 2, 3], dtype: 'int32' },
      { values: [4, 5, 6], dtype: 'int32' },
    ],
    run: (a, b) => dot(a, b),
    expected: 32,
    dtype: 'int32',
  },
  {
    id: 'outer/basic',
    inputs: [
      { values: [1, 2], requiresGrad: true },
      { values: [3, -1, 0.5], requiresGrad: true },
    ],
    run: (a, b) => a.outer(b),
    expected: [
      [3, -1, 0.5],
      [6, -2, 1],
    ],
    grads: [
      [2.5, 2.5],
      [3, 3, 3],
    ],
    gradFn: 'MulBackward0',
  },
  {
    id: 'outer/function',
    inputs: [
      { values: [0, -1], requiresGrad: true },
      { values: [2], requiresGrad: true },
    ],
    run: (a, b) => outer(a, b),
    expected: [[0], [-2]],
  },
  {
    id: 'linear/with-bias',
    inputs: [
      { values: XL, requiresGrad: true },
      { values: W, requiresGrad: true },
      { values: BIAS, requiresGrad: true },
    ],
    run: (x, w, b) => linear(x, w, b),
    expected: matmul2(XL, transpose2(W)).map((row) => row.map((v, j) => v + BIAS[j]!)),
  },
  {
    id: 'linear/no-bias-batched',
    inputs: [
      { values: [XL, XL.map((r) => r.map((v) => -v))], requiresGrad: true },
      { values: W, requiresGrad: true },
    ],
    run: (x, w) => linear(x, w),
    expected: [matmul2(XL, transpose2(W)), matmul2(XL, transpose2(W)).map((r) => r.map((v) => -v))],
  },
] as const satisfies readonly OpCase[];

/** Bad input to the fixed-rank products: each names the function, the shapes and what was expected. */
export const fixedRankProductErrors = [
  {
    id: 'error/mm-not-matrices',
    inputs: () => [ones([2, 3, 1]), ones([3, 2])],
    run: (a, b) => mm(a, b),
    throws: /mm: expected two 2-D matrices, got a 3-D tensor of shape \[2, 3, 1\] and a 2-D tensor of shape \[3, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/mm-inner-sizes',
    inputs: () => [ones([2, 3]), ones([4, 5])],
    run: (a, b) => mm(a, b),
    throws: /mm: mat1 and mat2 shapes cannot be multiplied \(2x3 and 4x5\)/,
    kind: 'shape',
  },
  {
    id: 'error/bmm-batch-sizes',
    inputs: () => [ones([2, 3, 4]), ones([3, 4, 5])],
    run: (a, b) => bmm(a, b),
    throws: /bmm: expected size for first two dimensions of batch2 tensor to be \[2, 4\] but got \[3, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/bmm-rank',
    inputs: () => [ones([3, 4]), ones([4, 5])],
    run: (a, b) => bmm(a, b),
    throws: /bmm: expected two 3-D tensors .*got a 2-D tensor of shape \[3, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/mv-size',
    inputs: () => [ones([2, 3]), ones([4])],
    run: (a, v) => mv(a, v),
    throws: /mv: size mismatch, got matrix \(2x3\) and vector \(4\)/,
    kind: 'shape',
  },
  {
    id: 'error/dot-sizes',
    inputs: () => [ones([3]), ones([4])],
    run: (a, b) => dot(a, b),
    throws:
      /dot: inconsistent tensor size, expected tensor \[3\] and src \[4\] to have the same number of elements, but got 3 and 4 elements respectively/,
    kind: 'shape',
  },
  {
    id: 'error/dot-rank',
    inputs: () => [ones([3, 1]), ones([3])],
    run: (a, b) => dot(a, b),
    throws: /dot: 1D tensors expected, but got 2D and 1D tensors/,
    kind: 'shape',
  },
  {
    id: 'error/outer-rank',
    inputs: () => [ones([2, 2]), ones([3])],
    run: (a, b) => outer(a, b),
    throws: /outer: expected two 1-D vectors, got a 2-D tensor of shape \[2, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/linear-in-features',
    inputs: () => [ones([4, 3]), ones([5, 2])],
    run: (x, w) => linear(x, w),
    throws: /linear: expected input with last dimension 2 .* weight \[5, 2\], got \[4, 3\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
