import { bmm, dot, einsum, linear, mm, mv, ones, outer } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { A, B, BIAS, W, X3, XL, Y3, matmul2, transpose2 } from './product-inputs.js';

/**
 * Matrix products: the fixed-rank ones and linear. Expected values by hand or from the
 * plain loops below (independent of ag); gradients by hand (the grad of sum(A @ B) is ones @ B^T
 * and A^T @ ones) or from finite differences.
 */

export const linalgCases = [
  {
    id: 'matmul/2d',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => a.matmul(b),
    expected: [
      [10, 6],
      [22, 12],
    ],
    grads: [
      [
        [0, 2, 4],
        [0, 2, 4],
      ],
      [
        [5, 5],
        [7, 7],
        [9, 9],
      ],
    ],
    gradFn: 'MmBackward0',
  },
  {
    id: 'matmul/dot',
    inputs: [
      { values: [1, 2, 3], requiresGrad: true },
      { values: [4, 5, 6], requiresGrad: true },
    ],
    run: (a, b) => a.matmul(b),
    expected: 32,
    grads: [
      [4, 5, 6],
      [1, 2, 3],
    ],
    gradFn: 'DotBackward0',
  },
  {
    id: 'matmul/matrix-vector',
    inputs: [
      { values: A, requiresGrad: true },
      { values: [1, 0, -1], requiresGrad: true },
    ],
    run: (a, b) => a.matmul(b),
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
    id: 'matmul/vector-matrix',
    inputs: [
      { values: [1, 1], requiresGrad: true },
      { values: A, requiresGrad: true },
    ],
    run: (a, b) => a.matmul(b),
    expected: [5, 7, 9],
    grads: [
      [6, 15],
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ],
  },
  {
    id: 'matmul/batched-broadcast',
    inputs: [
      {
        values: [
          [
            [1, 0],
            [0, 1],
          ],
          [
            [2, 0],
            [0, 2],
          ],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, b) => a.matmul(b),
    expected: [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [2, 4],
        [6, 8],
      ],
    ],
    grads: [
      [
        [
          [3, 7],
          [3, 7],
        ],
        [
          [3, 7],
          [3, 7],
        ],
      ],
      [
        [3, 3],
        [3, 3],
      ],
    ],
  },
  {
    id: 'matmul/transposed-operands',
    inputs: [
      { values: B, requiresGrad: true },
      { values: A, requiresGrad: true },
    ],
    run: (b, a) => b.t().matmul(a.t()),
    expected: [
      [10, 22],
      [6, 12],
    ],
  },
  {
    id: 'matmul/int32',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        dtype: 'int32',
      },
      { values: [[5], [6]], dtype: 'int32' },
    ],
    run: (a, b) => a.matmul(b),
    expected: [[17], [39]],
    dtype: 'int32',
  },
  {
    id: 'matmul/odd-sizes',
    inputs: [
      { values: Array.from({ length: 5 }, (_, i) => Array.from({ length: 7 }, (_, j) => ((i * 7 + j) % 5) - 2)) },
      { values: Array.from({ length: 7 }, (_, i) => Array.from({ length: 3 }, (_, j) => ((i + 2 * j) % 4) - 1.5)) },
    ],
    run: (a, b) => a.matmul(b),
    expected: matmul2(
      Array.from({ length: 5 }, (_, i) => Array.from({ length: 7 }, (_, j) => ((i * 7 + j) % 5) - 2)),
      Array.from({ length: 7 }, (_, i) => Array.from({ length: 3 }, (_, j) => ((i + 2 * j) % 4) - 1.5)),
    ),
  },
  {
    id: 'mm/basic',
    inputs: [
      { values: A, requiresGrad: true },
      { values: B, requiresGrad: true },
    ],
    run: (a, b) => mm(a, b),
    expected: [
      [10, 6],
      [22, 12],
    ],
    grads: [
      [
        [0, 2, 4],
        [0, 2, 4],
      ],
      [
        [5, 5],
        [7, 7],
        [9, 9],
      ],
    ],
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

/** Bad input to the products: each names the function, the shapes and what was expected. */
export const linalgErrors = [
  {
    id: 'error/matmul-inner-sizes',
    inputs: () => [ones([2, 3]), ones([4, 5])],
    run: (a, b) => a.matmul(b),
    throws: /matmul: .*\(2x3 and 4x5\).*inner sizes must match/,
    kind: 'shape',
  },
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
    throws: /dot: inconsistent tensor size, expected tensor \[3\] and src \[4\] to have the same number of elements/,
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
  {
    id: 'error/einsum-operand-count',
    inputs: () => [ones([2, 3])],
    run: (a) => einsum('ij,jk->ik', a),
    throws: /einsum: the equation 'ij,jk->ik' names 2 operand\(s\) but 1 tensor\(s\) were given/,
    kind: 'value',
  },
  {
    id: 'error/einsum-subscripts-vs-dims',
    inputs: () => [ones([2, 3, 4])],
    run: (a) => einsum('ij->i', a),
    throws: /einsum: the subscripts 'ij' of operand 0 name 2 dims but the operand has shape \[2, 3, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/einsum-size-mismatch',
    inputs: () => [ones([2, 3]), ones([4, 5])],
    run: (a, b) => einsum('ij,jk->ik', a, b),
    throws: /einsum: subscript 'j' has size 4 in operand 1 \(shape \[4, 5\]\) but 3 elsewhere/,
    kind: 'shape',
  },
  {
    id: 'error/einsum-malformed-ellipsis',
    inputs: () => [ones([2, 3])],
    run: (a) => einsum('i..j', a),
    throws: /einsum: operand 0 has a malformed ellipsis 'i\.\.j' in 'i\.\.j'/,
    kind: 'value',
  },
  {
    id: 'error/einsum-ellipsis-too-few-dims',
    inputs: () => [ones([2])],
    run: (a) => einsum('...ij', a),
    throws: /einsum: an ellipsis operand has fewer dims than its subscripts in '\.\.\.ij'/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
