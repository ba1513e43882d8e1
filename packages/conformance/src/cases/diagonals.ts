import {
  diag,
  diagEmbed,
  diagonal,
  getBackend,
  gradgradcheck,
  ones,
  rot90,
  tensor,
  trace,
  unbind,
  type Tensor,
} from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';

const m3 = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
];
const m23 = [
  [1, 2, 3],
  [4, 5, 6],
];

/**
 * diagonal (a view), diag, diagEmbed and trace. Values by index arithmetic: the diagonal
 * `offset` of a matrix holds m[i][i + offset] (m[i - offset][i] below the main one); the
 * gradient of a sum puts a one at every element a diagonal read.
 */
export const diagonalCases = [
  {
    id: 'diagonal/above-main',
    inputs: [{ values: m3, requiresGrad: true }],
    run: (a) => a.diagonal(1),
    expected: [2, 6],
    grads: [
      [
        [0, 1, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
    ],
    gradFn: 'DiagonalBackward0',
  },
  {
    id: 'diagonal/below-main-weighted',
    inputs: [{ values: m3, requiresGrad: true }],
    // The diagonal -1 is m[1][0], m[2][1] = [4, 8]; squared, its gradient is 2m there.
    run: (a) => diagonal(a, -1).pow(2),
    expected: [16, 64],
    grads: [
      [
        [0, 0, 0],
        [8, 0, 0],
        [0, 16, 0],
      ],
    ],
  },
  {
    // dims 2 and 0 of a [2, 2, 3] tensor: out[j][i] = x[i][j][i + 1] (offset -1 counts along
    // dim1, here dim 2); the remaining dim 1 comes first, the diagonal last.
    id: 'diagonal/other-dims-negative-offset',
    inputs: [
      {
        values: [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [
            [7, 8, 9],
            [10, 11, 12],
          ],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => a.diagonal(-1, 2, 0),
    expected: [
      [2, 9],
      [5, 12],
    ],
    grads: [
      [
        [
          [0, 1, 0],
          [0, 1, 0],
        ],
        [
          [0, 0, 1],
          [0, 0, 1],
        ],
      ],
    ],
  },
  {
    // A view: zeroing the diagonal of a copy zeroes those elements, and their gradient.
    id: 'diagonal/writes-through-view',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => {
      const b = a.mul(1);
      b.diagonal().zero_();
      return b;
    },
    expected: [
      [0, 2],
      [3, 0],
    ],
    grads: [
      [
        [0, 1],
        [1, 0],
      ],
    ],
  },
  {
    // Of a transposed view: m.t() is [[1, 4], [2, 5], [3, 6]], whose diagonal 1 is [4].
    id: 'diagonal/of-transposed-view',
    inputs: [{ values: m23, requiresGrad: true }],
    run: (a) => a.t().diagonal(1).mul(3),
    expected: [12],
    grads: [
      [
        [0, 0, 0],
        [3, 0, 0],
      ],
    ],
  },
  {
    id: 'diagonal/outside-is-empty',
    inputs: [{ values: m23 }],
    run: (a) => a.diagonal(3),
    expected: [],
  },
  {
    id: 'diag/vector-above-main',
    inputs: [{ values: [1, 2], requiresGrad: true }],
    run: (a) => diag(a, 1),
    expected: [
      [0, 1, 0],
      [0, 0, 2],
      [0, 0, 0],
    ],
    grads: [[1, 1]],
    gradFn: 'DiagEmbedBackward0',
  },
  {
    id: 'diag/matrix-below-main-copy',
    inputs: [{ values: m23, requiresGrad: true }],
    run: (a) => a.diag(-1),
    expected: [4],
    grads: [
      [
        [0, 0, 0],
        [1, 0, 0],
      ],
    ],
    // torch.diag of a matrix is diagonal_copy, whose node PyTorch names so.
    gradFn: 'DiagonalBackward0_copy',
  },
  {
    id: 'diag/matrix-main-weighted',
    inputs: [{ values: m3, requiresGrad: true }],
    run: (a) => diag(a).mul(tensor([1, 10, 100])),
    expected: [1, 50, 900],
    grads: [
      [
        [1, 0, 0],
        [0, 10, 0],
        [0, 0, 100],
      ],
    ],
  },
  {
    // dims 0 and 2 hold the diagonal; the input's first dim becomes dim 1:
    // out[i][j][k] = x[j][i] where i = k, else 0.
    id: 'diagEmbed/other-dims',
    inputs: [
      {
        values: [
          [1, 2],
          [3, 4],
        ],
        requiresGrad: true,
      },
    ],
    run: (a) => diagEmbed(a, 0, 0, 2),
    expected: [
      [
        [1, 0],
        [3, 0],
      ],
      [
        [0, 2],
        [0, 4],
      ],
    ],
    grads: [
      [
        [1, 1],
        [1, 1],
      ],
    ],
    gradFn: 'DiagEmbedBackward0',
  },
  {
    id: 'diagEmbed/below-main-weighted',
    inputs: [{ values: [1, 2], requiresGrad: true }],
    run: (a) =>
      a.diagEmbed(-1).mul(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
      ),
    expected: [
      [0, 0, 0],
      [4, 0, 0],
      [0, 16, 0],
    ],
    grads: [[4, 8]],
  },
  {
    id: 'trace/rectangular',
    inputs: [{ values: m23, requiresGrad: true }],
    run: (a) => a.trace(),
    expected: 6,
    grads: [
      [
        [1, 0, 0],
        [0, 1, 0],
      ],
    ],
    gradFn: 'TraceBackward0',
  },
  {
    id: 'trace/squared',
    inputs: [{ values: m3, requiresGrad: true }],
    run: (a) => trace(a).pow(2),
    expected: 225,
    grads: [
      [
        [30, 0, 0],
        [0, 30, 0],
        [0, 0, 30],
      ],
    ],
  },
  {
    id: 'trace/int32',
    inputs: [{ values: m3, dtype: 'int32' }],
    run: (a) => a.trace(),
    expected: 15,
    dtype: 'int32',
  },
] as const satisfies readonly OpCase[];

/** Bad input to the diagonal ops. */
export const diagonalErrors = [
  {
    id: 'error/diagonal-same-dims',
    inputs: () => [ones([2, 2])],
    run: (a) => diagonal(a, 0, 1, -1),
    throws: /diagonal: diagonal dimensions cannot be identical 1, -1/,
    kind: 'value',
  },
  {
    id: 'error/diagonal-of-vector',
    inputs: () => [ones([3])],
    run: (a) => a.diagonal(),
    throws: /diagonal: dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)/,
    kind: 'index',
  },
  {
    id: 'error/diag-3d',
    inputs: () => [ones([2, 2, 2])],
    run: (a) => diag(a),
    throws: /diag: supports 1D or 2D tensors. Got 3D/,
    kind: 'shape',
  },
  {
    id: 'error/trace-vector',
    inputs: () => [ones([3])],
    run: (a) => trace(a),
    throws: /trace: expected a matrix, but got tensor with dim 1/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];

/**
 * Gradients of gradients: each new node's backward is written with public ops, so the
 * gradient of a nonlinear function of its result can be differentiated again (gradgradcheck
 * against finite differences, in float64 where the backend has it).
 */
export const diagonalScripts = [
  {
    id: 'diagonal/double-backward',
    run: async (check) => {
      const f64 = getBackend().dtypes.includes('float64');
      const tol = f64 ? { eps: 1e-6, atol: 1e-5, rtol: 1e-3 } : { eps: 1e-2, atol: 2e-2, rtol: 5e-2 };
      const leaf = (values: number[][]): Tensor =>
        tensor(values, { dtype: f64 ? 'float64' : 'float32', requiresGrad: true });
      const m = (): Tensor =>
        leaf([
          [0.5, -1.2, 0.7],
          [1.1, 0.3, -0.4],
        ]);
      const fns: [string, (x: Tensor) => Tensor][] = [
        ['diagonal', (x) => x.diagonal(-1).pow(3)],
        ['diag of a matrix', (x) => diag(x, 1).pow(3)],
        ['diagEmbed', (x) => diagEmbed(x, 1).pow(3)],
        ['trace', (x) => trace(x.pow(2)).pow(2)],
        ['unbind', (x) => unbind(x, 1).reduce((a, b) => a.mul(b))],
        ['rot90', (x) => rot90(x).pow(3)],
      ];
      for (const [name, fn] of fns) check.equal(await gradgradcheck(fn, [m()], tol), true, name);
    },
  },
] as const satisfies readonly ScriptCase[];
