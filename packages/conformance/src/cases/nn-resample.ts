import { functional as F, nn, ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { g, SQUARE } from './nn-reference.js';

/**
 * Resampling: interpolate's modes and nn.Upsample on tiny images worked out by hand. A bilinear
 * resampling of a linear function is that function at the source coordinates, so x[r][c] = 1 + c + 2r on a
 * 2x2 image gives 1 + c' + 2r' at each output's coordinates (r', c').
 */

const linear = (rows: number[], cols: number[]) => [[rows.map((r) => cols.map((c) => 1 + c + 2 * r))]];

// Keys' cubic convolution kernel with a = -0.75 (PyTorch's), for the bicubic weights.
const keys = (s: number): number => {
  const a = -0.75;
  const x = Math.abs(s);
  return x <= 1 ? (a + 2) * x ** 3 - (a + 3) * x ** 2 + 1 : x < 2 ? a * x ** 3 - 5 * a * x ** 2 + 8 * a * x - 4 * a : 0;
};
/** A row resampled bicubically at coordinate `src`: the four neighbours (clamped to the row) weighted by the kernel. */
const bicubicAt = (row: number[], src: number): number => {
  const i = Math.floor(src);
  let acc = 0;
  for (let j = i - 1; j <= i + 2; j++) acc += row[Math.min(Math.max(j, 0), row.length - 1)]! * keys(src - j);
  return acc;
};
const ROW3 = [1, 2, 4];

export const nnResampleCases = [
  {
    id: 'interpolate/bilinear-align-corners',
    inputs: [g(SQUARE)],
    // scale (2 - 1) / (4 - 1): coordinates 0, 1/3, 2/3, 1.
    run: (x) => F.interpolate(x, { size: 4, mode: 'bilinear', alignCorners: true }),
    expected: linear([0, 1 / 3, 2 / 3, 1], [0, 1 / 3, 2 / 3, 1]),
    // Along each dim the weights of input 0 sum to 1 + 2/3 + 1/3 = 2, of input 1 likewise.
    grads: [
      [
        [
          [
            [4, 4],
            [4, 4],
          ],
        ],
      ],
    ],
    gradFn: 'UpsampleBilinear2DBackward0',
  },
  {
    id: 'interpolate/bilinear-half-pixel',
    inputs: [g(SQUARE)],
    // coordinates (d + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (the last index, alone).
    run: (x) => F.interpolate(x, { scaleFactor: 2, mode: 'bilinear' }),
    expected: linear([0, 0.25, 0.75, 1], [0, 0.25, 0.75, 1]),
    grads: [
      [
        [
          [
            [4, 4],
            [4, 4],
          ],
        ],
      ],
    ],
  },
  {
    id: 'interpolate/bilinear-downsample-rectangular',
    inputs: [g([[[[1, 2, 3, 4, 5, 6]]]])],
    // One row to one row (coordinate 0); 6 columns to 4: coordinates 1.5 (d + 0.5) - 0.5 = 0.25, 1.75, 3.25, 4.75.
    run: (x) => F.interpolate(x, { size: [1, 4], mode: 'bilinear' }),
    expected: [[[[1.25, 2.75, 4.25, 5.75]]]],
  },
  {
    id: 'interpolate/nearest-size-3',
    inputs: [g(SQUARE)],
    // source floor(d * 2 / 3): 0, 0, 1.
    run: (x) => F.interpolate(x, { size: [3, 3] }),
    expected: [
      [
        [
          [1, 1, 2],
          [1, 1, 2],
          [3, 3, 4],
        ],
      ],
    ],
    grads: [
      [
        [
          [
            [4, 2],
            [2, 1],
          ],
        ],
      ],
    ],
    gradFn: 'UpsampleNearest2DBackward0',
  },
  {
    id: 'interpolate/nearest-1d-scale',
    inputs: [g([[[1, 2, 3]]])],
    run: (x) => F.interpolate(x, { scaleFactor: 2 }),
    expected: [[[1, 1, 2, 2, 3, 3]]],
    grads: [[[[2, 2, 2]]]],
    gradFn: 'UpsampleNearest1DBackward0',
  },
  {
    id: 'interpolate/nearest-downsample',
    inputs: [g([[[1, 2, 3, 4, 5]]])],
    // 5 to 2: floor(d * 2.5) = 0, 2.
    run: (x) => F.interpolate(x, { size: 2 }),
    expected: [[[1, 3]]],
    grads: [[[[1, 0, 1, 0, 0]]]],
  },
  {
    id: 'interpolate/linear-1d-align-corners',
    inputs: [g([[[0, 3]]])],
    run: (x) => F.interpolate(x, { size: 4, mode: 'linear', alignCorners: true }),
    expected: [[[0, 1, 2, 3]]],
    gradFn: 'UpsampleLinear1DBackward0',
  },
  {
    id: 'interpolate/bicubic-align-corners',
    inputs: [g([[[ROW3]]])],
    // coordinates d * (3 - 1) / (5 - 1) = d / 2; at 0.5 the weights are -0.09375, 0.59375, 0.59375, -0.09375.
    run: (x) => F.interpolate(x, { size: [1, 5], mode: 'bicubic', alignCorners: true }),
    expected: [[[[1, 1.3125, 2, 3.09375, 4]]]],
    gradFn: 'UpsampleBicubic2DBackward0',
  },
  {
    id: 'interpolate/bicubic-half-pixel',
    inputs: [g([[[ROW3]]])],
    // coordinates 0.6 (d + 0.5) - 0.5, not clamped: the kernel reads clamped neighbours.
    run: (x) => F.interpolate(x, { size: [1, 5], mode: 'bicubic' }),
    expected: [[[[0, 1, 2, 3, 4].map((d) => bicubicAt(ROW3, 0.6 * (d + 0.5) - 0.5))]]],
  },
  {
    id: 'interpolate/bicubic-scale-2d',
    inputs: [g(SQUARE)],
    // Separable: each dim's coordinates (d + 0.5) / 1.5 - 0.5, the columns' resampling then the rows'.
    run: (x) => F.interpolate(x, { scaleFactor: 1.5, mode: 'bicubic' }),
    expected: (() => {
      const at = (d: number) => (d + 0.5) / 1.5 - 0.5;
      const rows = SQUARE[0]![0]!.map((row) => [0, 1, 2].map((d) => bicubicAt(row, at(d))));
      return [[[0, 1, 2].map((r) => [0, 1, 2].map((c) => bicubicAt([rows[0]![c]!, rows[1]![c]!], at(r))))]];
    })(),
  },
  {
    id: 'nn.Upsample/bilinear-align-corners',
    inputs: [g(SQUARE)],
    run: (x) => new nn.Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: true }).forward(x),
    expected: linear([0, 1 / 3, 2 / 3, 1], [0, 1 / 3, 2 / 3, 1]),
  },
] as const satisfies readonly OpCase[];

export const nnResampleErrors = [
  {
    id: 'error/interpolate-size-and-scale',
    inputs: () => [ones([1, 1, 2, 2])],
    run: (x) => F.interpolate(x, { size: 4, scaleFactor: 2 }),
    throws: /interpolate: give exactly one of size and scaleFactor, got both/,
    kind: 'value',
  },
  {
    id: 'error/interpolate-bilinear-3d',
    inputs: () => [ones([1, 1, 4])],
    run: (x) => F.interpolate(x, { size: 8, mode: 'bilinear' }),
    throws: /interpolate: got 3-dim input \[1, 1, 4\], but bilinear mode needs 4 dims/,
    kind: 'shape',
  },
  {
    id: 'error/interpolate-nearest-align-corners',
    inputs: () => [ones([1, 1, 2, 2])],
    run: (x) => F.interpolate(x, { size: 4, alignCorners: true }),
    throws: /interpolate: alignCorners can only be set with the interpolating modes: .*, got mode 'nearest'/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
