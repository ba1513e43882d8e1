import { functional as F, nn, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { g, SQUARE } from './nn-reference.js';

/**
 * Sliding blocks and spatial transformers: unfold and fold by counting blocks, affineGrid and
 * gridSample at points worked out by hand.
 */

export const nnBlocksGridCases = [
  {
    id: 'unfold/blocks-as-columns',
    inputs: [
      g([
        [
          [
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
          ],
        ],
      ]),
    ],
    // Row (a, b) of the columns holds x[i + a][j + b] for blocks (i, j) in order.
    run: (x) => F.unfold(x, 2),
    expected: [
      [
        [1, 2, 4, 5],
        [2, 3, 5, 6],
        [4, 5, 7, 8],
        [5, 6, 8, 9],
      ],
    ],
    // Each pixel's gradient counts the blocks that cover it.
    grads: [
      [
        [
          [
            [1, 2, 1],
            [2, 4, 2],
            [1, 2, 1],
          ],
        ],
      ],
    ],
    gradFn: 'Im2ColBackward0',
  },
  {
    id: 'unfold/padding-stride',
    inputs: [g(SQUARE)],
    // The 2x2 image in a border of zeros, blocks at rows and columns 0 and 2.
    run: (x) => F.unfold(x, 2, { padding: 1, stride: 2 }),
    expected: [
      [
        [0, 0, 0, 4],
        [0, 0, 3, 0],
        [0, 2, 0, 0],
        [1, 0, 0, 0],
      ],
    ],
  },
  {
    id: 'fold/overlaps-add',
    inputs: [
      g([
        [1, 1, 1, 1],
        [1, 1, 1, 1],
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ]),
    ],
    // Unbatched: ones folded back count the blocks over each pixel.
    run: (x) => F.fold(x, 3, 2),
    expected: [
      [
        [1, 2, 1],
        [2, 4, 2],
        [1, 2, 1],
      ],
    ],
    gradFn: 'Col2ImBackward0',
  },
  {
    id: 'nn.Fold/dilation',
    inputs: [g([[[1], [2], [3], [4]]])],
    // One block of a 2x2 kernel dilated by 2: the corners of 3x3.
    run: (x) => new nn.Fold([3, 3], 2, { dilation: 2 }).forward(x),
    expected: [
      [
        [
          [1, 0, 2],
          [0, 0, 0],
          [3, 0, 4],
        ],
      ],
    ],
  },
  {
    id: 'affineGrid/identity-half-pixel',
    inputs: [
      g([
        [
          [1, 0, 0],
          [0, 1, 0],
        ],
      ]),
    ],
    // Pixel centres at (2 i + 1) / 2 - 1 = -0.5, 0.5; d/dtheta sums (x, y, 1) over the pixels.
    run: (t) => F.affineGrid(t, [1, 1, 2, 2]),
    expected: [
      [
        [
          [-0.5, -0.5],
          [0.5, -0.5],
        ],
        [
          [-0.5, 0.5],
          [0.5, 0.5],
        ],
      ],
    ],
    grads: [
      [
        [
          [0, 0, 4],
          [0, 0, 4],
        ],
      ],
    ],
    gradFn: 'AffineGridGeneratorBackward0',
  },
  {
    id: 'affineGrid/scale-shift-align-corners',
    inputs: [
      g([
        [
          [2, 0, 0.5],
          [0, 1, -1],
        ],
      ]),
    ],
    // One row (y = 0), columns x = -1, 0, 1: (2 x + 0.5, y - 1).
    run: (t) => F.affineGrid(t, [1, 3, 1, 3], true),
    expected: [
      [
        [
          [-1.5, -1],
          [0.5, -1],
          [2.5, -1],
        ],
      ],
    ],
  },
  {
    id: 'gridSample/bilinear-align-corners-points',
    inputs: [
      g(SQUARE),
      g([
        [
          [
            [-1, -1],
            [1, -1],
            [0, 0],
            [0.5, 0],
          ],
        ],
      ]),
    ],
    // -1 and 1 are the corner pixels' centres: (0, 0) averages all four, (0.5, 0) is (x 0.75, y 0.5).
    run: (x, grid) => F.gridSample(x, grid, { alignCorners: true }),
    expected: [[[[1, 2, 2.5, 2.75]]]],
    // d/dgrid of the plane 1 + x + 2y is (0.5, 1) per unit of grid, except at the right edge
    // where the zeros beyond make the slope 0 - 2 (one-sided, as PyTorch's).
    grads: [
      [
        [
          [
            [1.375, 1.625],
            [0.375, 0.625],
          ],
        ],
      ],
      [
        [
          [
            [0.5, 1],
            [-1, 1],
            [0.5, 1],
            [0.5, 1],
          ],
        ],
      ],
    ],
    gradFn: 'GridSampler2DBackward0',
    // The edge points sit on kinks of the zero padding.
    noGradcheck: true,
  },
  {
    id: 'gridSample/bilinear-zeros-outside',
    inputs: [
      g(SQUARE),
      g([
        [
          [
            [0, 0],
            [-0.25, 0.25],
            [-1, 0],
          ],
        ],
      ]),
    ],
    // Half-pixel: coordinates g + 0.5. The third point (-0.5, 0.5) weighs pixel column 0 by 0.5, the outside by 0.5.
    run: (x, grid) => F.gridSample(x, grid),
    expected: [[[[2.5, 2.75, 1]]]],
    grads: [
      [
        [
          [
            [0.6875, 0.3125],
            [1.0625, 0.4375],
          ],
        ],
      ],
      [
        [
          [
            [1, 2],
            [1, 2],
            [2, 1],
          ],
        ],
      ],
    ],
  },
  {
    id: 'gridSample/nearest',
    inputs: [
      g(SQUARE),
      g([
        [
          [
            [0.2, -0.6],
            [-0.9, 0.9],
          ],
        ],
      ]),
    ],
    // (0.7, -0.1) rounds to column 1, row 0; (-0.4, 1.4) to column 0, row 1. No gradient for the grid.
    run: (x, grid) => F.gridSample(x, grid, { mode: 'nearest' }),
    expected: [[[[2, 3]]]],
    grads: [
      [
        [
          [
            [0, 1],
            [1, 0],
          ],
        ],
      ],
      [
        [
          [
            [0, 0],
            [0, 0],
          ],
        ],
      ],
    ],
  },
  {
    id: 'gridSample/border',
    inputs: [g(SQUARE), g([[[[2, 0]]]])],
    // x 1.5 clipped to the last column 1, y 0.5: the mean of 2 and 4; the clipped x gets no gradient.
    run: (x, grid) => F.gridSample(x, grid, { paddingMode: 'border', alignCorners: true }),
    expected: [[[[3]]]],
    grads: [
      [
        [
          [
            [0, 0.5],
            [0, 0.5],
          ],
        ],
      ],
      [[[[0, 1]]]],
    ],
  },
  {
    id: 'gridSample/affine-identity-round-trip',
    inputs: [
      g([
        [
          [
            [1, 5, 2],
            [4, 3, 9],
          ],
        ],
      ]),
    ],
    run: (x) =>
      F.gridSample(
        x,
        F.affineGrid(
          tensor(
            [
              [
                [1, 0, 0],
                [0, 1, 0],
              ],
            ],
            { dtype: x.dtype },
          ),
          [1, 1, 2, 3],
        ),
      ),
    expected: [
      [
        [
          [1, 5, 2],
          [4, 3, 9],
        ],
      ],
    ],
  },
] as const satisfies readonly OpCase[];

export const nnBlocksGridErrors = [
  {
    id: 'error/fold-block-count',
    inputs: () => [ones([1, 4, 8])],
    run: (x) => F.fold(x, 3, 2),
    throws:
      /fold: given outputSize \[3, 3\] and kernelSize \[2, 2\], expected the input's last dim to match the number of sliding blocks 2 \* 2 = 4, but got 8/,
    kind: 'shape',
  },
  {
    id: 'error/unfold-input-dims',
    inputs: () => [ones([4, 4])],
    run: (x) => F.unfold(x, 2),
    throws: /unfold: expected input with 4 dims \[N, C, H, W\] \(or 3 unbatched\), got \[4, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/gridSample-grid-shape',
    inputs: () => [ones([1, 1, 4, 4]), ones([1, 2, 2, 3])],
    run: (x, grid) => F.gridSample(x, grid),
    throws: /gridSample: expected grid of shape \[N, H_out, W_out, 2\] with the input's N \(1\), got \[1, 2, 2, 3\]/,
    kind: 'shape',
  },
  {
    id: 'error/affineGrid-theta-shape',
    inputs: () => [ones([2, 2, 3])],
    run: (t) => F.affineGrid(t, [1, 1, 4, 4]),
    throws: /affineGrid: expected theta of shape \[1, 2, 3\] for size \[1, 1, 4, 4\], got \[2, 2, 3\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
