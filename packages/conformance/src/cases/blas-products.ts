import { addbmm, addmm, addmv, addr, baddbmm, cdist, chainMatmul, cross, kron, tensor, tensordot } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { A } from './linalg-products.js';

/**
 * PyTorch's BLAS-style ops with a scaled accumulator, the Kronecker product, tensordot, cdist and
 * the top-level cross and chainMatmul, worked by hand on linalg-products' A = [[1, -2], [3, 4]].
 */

export const blasProductCases = [
  {
    id: 'cross/first-dim-of-size-3',
    inputs: [
      { values: [[1, 2, 3]], requiresGrad: true },
      {
        values: [
          [4, 5, 6],
          [0, 0, 1],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, b) => cross(a, b),
    expected: [
      [-3, 6, -3],
      [2, -1, 0],
    ],
  },
  {
    id: 'kron/2x2',
    inputs: [
      { values: A, requiresGrad: true },
      {
        values: [
          [0, 1],
          [1, 0],
        ],
        requiresGrad: true,
      },
    ],
    run: (a, b) => kron(a, b),
    expected: [
      [0, 1, 0, -2],
      [1, 0, -2, 0],
      [0, 3, 0, 4],
      [3, 0, 4, 0],
    ],
    // Each a_ij meets every b_kl once: sum(b) and sum(a).
    grads: [
      [
        [2, 2],
        [2, 2],
      ],
      [
        [6, 6],
        [6, 6],
      ],
    ],
  },
  {
    id: 'tensordot/dim-lists',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [1, 0],
          [2, 1],
        ],
        requiresGrad: true,
      },
    ],
    // a^T b.
    run: (a, b) => tensordot(a, b, [[0], [0]]),
    expected: [
      [7, 3],
      [10, 4],
    ],
    grads: [
      [
        [1, 1],
        [3, 3],
      ],
      [
        [3, 3],
        [7, 7],
      ],
    ],
  },
  {
    id: 'tensordot/full-contraction',
    inputs: [{ values: A }, { values: A }],
    run: (a, b) => tensordot(a, b),
    expected: 30,
  },
  {
    id: 'cdist/euclidean',
    inputs: [
      {
        values: [
          [0, 0],
          [1, 1],
        ],
        requiresGrad: true,
      },
      { values: [[3, 4]], requiresGrad: true },
    ],
    run: (x, y) => cdist(x, y),
    expected: [[5], [Math.sqrt(13)]],
    // (x_i - y) / |x_i - y|, and minus their sum for y.
    grads: [
      [
        [-0.6, -0.8],
        [-2 / Math.sqrt(13), -3 / Math.sqrt(13)],
      ],
      [[0.6 + 2 / Math.sqrt(13), 0.8 + 3 / Math.sqrt(13)]],
    ],
    gradFn: 'CdistBackward0',
  },
  {
    id: 'cdist/p1',
    inputs: [
      {
        values: [
          [0, 0],
          [1, 1],
        ],
      },
      { values: [[3, 4]] },
    ],
    run: (x, y) => cdist(x, y, 1),
    expected: [[7], [5]],
  },
  {
    id: 'addmm/beta-alpha',
    inputs: [
      { values: [1, 1], requiresGrad: true },
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [1, 0],
          [0, 1],
        ],
        requiresGrad: true,
      },
    ],
    run: (i, a, b) => addmm(i, a, b, { beta: 2, alpha: 3 }),
    expected: [
      [5, 8],
      [11, 14],
    ],
    grads: [
      [4, 4],
      [
        [3, 3],
        [3, 3],
      ],
      [
        [12, 12],
        [18, 18],
      ],
    ],
    gradFn: 'AddmmBackward0',
  },
  {
    id: 'addmv/beta-alpha',
    inputs: [
      { values: [1, -1], requiresGrad: true },
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
      { values: [1, 1], requiresGrad: true },
    ],
    run: (i, m, v) => addmv(i, m, v, { beta: 0.5, alpha: 2 }),
    expected: [6.5, 13.5],
    grads: [
      [0.5, 0.5],
      [
        [2, 2],
        [2, 2],
      ],
      [8, 12],
    ],
    gradFn: 'AddmvBackward0',
  },
  {
    id: 'addr/beta-zero-ignores-nan',
    inputs: [
      {
        values: [
          [NaN, 1],
          [1, 1],
        ],
      },
      { values: [1, 2], requiresGrad: true },
      { values: [3, 4], requiresGrad: true },
    ],
    run: (i, a, b) => addr(i, a, b, { beta: 0 }),
    expected: [
      [3, 4],
      [6, 8],
    ],
    grads: [null, [7, 7], [3, 3]],
    gradFn: 'AddrBackward0',
  },
  {
    id: 'baddbmm/beta-alpha',
    inputs: [
      {
        values: [
          [
            [1, 1],
            [1, 1],
          ],
        ],
        requiresGrad: true,
      },
      { values: [A], requiresGrad: true },
      {
        values: [
          [
            [2, 0],
            [0, 2],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (i, a, b) => baddbmm(i, a, b, { beta: 2, alpha: 0.5 }),
    expected: [
      [
        [3, 0],
        [5, 6],
      ],
    ],
    grads: [
      [
        [
          [2, 2],
          [2, 2],
        ],
      ],
      [
        [
          [1, 1],
          [1, 1],
        ],
      ],
      [
        [
          [2, 2],
          [1, 1],
        ],
      ],
    ],
    gradFn: 'BaddbmmBackward0',
  },
  {
    id: 'addbmm/sum-over-batch',
    inputs: [
      {
        values: [
          [0, 0],
          [0, 0],
        ],
        requiresGrad: true,
      },
      {
        values: [
          [
            [1, 0],
            [0, 1],
          ],
          A,
        ],
        requiresGrad: true,
      },
      {
        values: [
          [
            [1, 1],
            [1, 1],
          ],
          [
            [1, 0],
            [0, 1],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (i, a, b) => addbmm(i, a, b),
    expected: [
      [2, -1],
      [4, 5],
    ],
    grads: [
      [
        [1, 1],
        [1, 1],
      ],
      [
        [
          [2, 2],
          [2, 2],
        ],
        [
          [1, 1],
          [1, 1],
        ],
      ],
      [
        [
          [1, 1],
          [1, 1],
        ],
        [
          [4, 4],
          [2, 2],
        ],
      ],
    ],
    gradFn: 'AddbmmBackward0',
  },
  {
    id: 'chainMatmul/three',
    inputs: [{ values: A }, { values: [[1], [1]] }, { values: [[2, 3]] }],
    run: (a, b, c) => chainMatmul(a, b, c),
    expected: [
      [-2, -3],
      [14, 21],
    ],
  },
] as const satisfies readonly OpCase[];

export const blasProductErrors = [
  {
    id: 'error/cdist-columns',
    inputs: () => [tensor([[1, 2]]), tensor([[1, 2, 3]])],
    run: (a, b) => cdist(a, b),
    throws: /^cdist: X1 and X2 must have the same number of columns\. X1: 2 X2: 3$/,
    kind: 'shape',
  },
  {
    id: 'error/addmm-shapes',
    inputs: () => [tensor([1]), tensor([[1, 2]]), tensor([[1, 2]])],
    run: (i, a, b) => addmm(i, a, b),
    throws: /^addmm: the shapes \[1, 2\] and \[1, 2\] cannot be multiplied$/,
    kind: 'shape',
  },
  {
    id: 'error/tensordot-sizes',
    inputs: () => [tensor(A), tensor([[1, 2, 3]])],
    run: (a, b) => tensordot(a, b, [[1], [1]]),
    throws:
      /^tensordot: contracted dimensions need to match, but first has size 2 in dim 1 and second has size 3 in dim 1$/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
