import { functional as F, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { g, values, type T4 } from './nn-reference.js';
import { maxPool3dRef, type T5 } from './nn-reference-conv.js';

/**
 * 1-D and 3-D pooling, adaptive max pooling and max unpooling: tiny cases worked out by hand,
 * larger ones against the loops of nn-reference-conv.ts.
 */

const ROW5 = [[[1, 3, 2, 5, 4]]];
// 60 distinct values (7 i mod 60, scattered), so that no window has a tie.
const P3 = [
  [
    [0, 1, 2, 3].map((d) =>
      [0, 1, 2].map((h) => [0, 1, 2, 3, 4].map((w) => ((7 * (d * 15 + h * 5 + w)) % 60) / 30 - 1)),
    ),
  ],
] as T5;

export const nnPoolCases = [
  {
    id: 'maxPool1d/basic',
    inputs: [g(ROW5)],
    run: (x) => F.maxPool1d(x, 2),
    expected: [[[3, 5]]],
    grads: [[[[0, 1, 0, 1, 0]]]],
    gradFn: 'SqueezeBackward1',
  },
  {
    id: 'maxPool1d/indices-stride-padding',
    inputs: [{ values: ROW5 }],
    // windows [-1, 1], [1, 3], [3, 5): maxima 3, 5, 5.
    run: (x) => F.maxPool1d(x, 3, { stride: 2, padding: 1, returnIndices: true })[1],
    expected: [[[1, 3, 3]]],
    dtype: 'int32',
  },
  {
    id: 'avgPool1d/basic',
    inputs: [g(ROW5)],
    run: (x) => F.avgPool1d(x, 2),
    expected: [[[2, 3.5]]],
    grads: [[[[0.5, 0.5, 0.5, 0.5, 0]]]],
    gradFn: 'SqueezeBackward1',
  },
  {
    id: 'avgPool1d/padding-count-include-pad',
    inputs: [g(ROW5)],
    run: (x) => F.avgPool1d(x, 3, { stride: 2, padding: 1 }),
    expected: [[[4 / 3, 10 / 3, 3]]],
  },
  {
    id: 'avgPool1d/padding-exclude-pad',
    inputs: [g(ROW5)],
    run: (x) => F.avgPool1d(x, 3, { stride: 2, padding: 1, countIncludePad: false }),
    expected: [[[2, 10 / 3, 4.5]]],
  },
  {
    id: 'maxPool3d/cube',
    inputs: [
      g([
        [
          [
            [
              [1, 2],
              [3, 4],
            ],
            [
              [5, 9],
              [7, 8],
            ],
          ],
        ],
      ]),
    ],
    run: (x) => F.maxPool3d(x, 2),
    expected: [[[[[9]]]]],
    grads: [
      [
        [
          [
            [
              [0, 0],
              [0, 0],
            ],
            [
              [0, 1],
              [0, 0],
            ],
          ],
        ],
      ],
    ],
    gradFn: 'MaxPool3DWithIndicesBackward0',
  },
  {
    id: 'maxPool3d/stride-padding',
    inputs: [g(P3)],
    run: (x) => F.maxPool3d(x, 3, { stride: 2, padding: 1 }),
    expected: maxPool3dRef(P3, 3, 2, 1),
  },
  {
    id: 'maxPool3d/indices',
    inputs: [{ values: P3 }],
    run: (x) => F.maxPool3d(x, 3, { stride: 2, padding: 1, returnIndices: true })[1],
    expected: maxPool3dRef(P3, 3, 2, 1, true),
    dtype: 'int32',
  },
  {
    id: 'adaptiveAvgPool1d/uneven',
    inputs: [g([[[1, 2, 3, 4, 5]]])],
    // windows [0, 2), [1, 4), [3, 5)
    run: (x) => F.adaptiveAvgPool1d(x, 3),
    expected: [[[1.5, 3, 4.5]]],
    grads: [[[[1 / 2, 1 / 2 + 1 / 3, 1 / 3, 1 / 3 + 1 / 2, 1 / 2]]]],
    gradFn: 'SqueezeBackward1',
  },
  {
    id: 'adaptiveMaxPool2d/overlapping-windows',
    inputs: [
      g([
        [
          [
            [1, 5, 2],
            [4, 3, 9],
            [7, 6, 8],
          ],
        ],
      ]),
    ],
    // rows and columns [0, 2) and [1, 3): maxima 5, 9, 7, 9 (the 9 twice).
    run: (x) => F.adaptiveMaxPool2d(x, 2),
    expected: [
      [
        [
          [5, 9],
          [7, 9],
        ],
      ],
    ],
    grads: [
      [
        [
          [
            [0, 1, 0],
            [0, 0, 2],
            [1, 0, 0],
          ],
        ],
      ],
    ],
    gradFn: 'AdaptiveMaxPool2DBackward0',
  },
  {
    id: 'adaptiveMaxPool2d/indices-uneven',
    inputs: [{ values: [[[[1, 5, 2, 4, 3]]]] }],
    // columns [0, 2), [1, 4), [3, 5) of one row.
    run: (x) => F.adaptiveMaxPool2d(x, [1, 3], true)[1],
    expected: [[[[1, 1, 3]]]],
    dtype: 'int32',
  },
  {
    id: 'maxUnpool2d/places-at-indices',
    inputs: [g([[[[5, 7]]]]), { values: [[[[1, 6]]]], dtype: 'int32' }],
    // output (1 - 1) 2 + 2 by (2 - 1) 2 + 2: index 1 is (0, 1), 6 is (1, 2).
    run: (x, i) => F.maxUnpool2d(x, i, 2),
    expected: [
      [
        [
          [0, 5, 0, 0],
          [0, 0, 7, 0],
        ],
      ],
    ],
    grads: [[[[[1, 1]]]], null],
    gradFn: 'MaxUnpool2DBackward0',
  },
  {
    id: 'maxUnpool2d/round-trip-output-size',
    inputs: [{ values: values([1, 2, 5, 5], 39) as T4 }],
    // Unpooling a pooling keeps each window's maximum where it was, zeros elsewhere: pooling again gives the same.
    run: (x) => {
      const [y, i] = F.maxPool2d(x, 2, { returnIndices: true });
      const back = F.maxUnpool2d(y, i, 2, { outputSize: [5, 5] });
      return F.maxPool2d(back, 2)
        .sub(y)
        .abs()
        .sum()
        .add(tensor([...back.shape]).sum());
    },
    expected: 13,
  },
] as const satisfies readonly OpCase[];

export const nnPoolErrors = [
  {
    id: 'error/maxPool1d-input-dims',
    inputs: () => [ones([1, 1, 4, 4])],
    run: (x) => F.maxPool1d(x, 2),
    throws: /maxPool1d: expected input with 3 dims \[N, C, L\] \(or 2 unbatched\), got \[1, 1, 4, 4\]/,
    kind: 'shape',
  },
  {
    id: 'error/maxPool3d-padding-too-large',
    inputs: () => [ones([1, 1, 4, 4, 4])],
    run: (x) => F.maxPool3d(x, 2, { padding: 2 }),
    throws: /maxPool3d: pad should be at most half of effective kernel size, but got pad=2 and kernel size 2/,
    kind: 'value',
  },
  {
    id: 'error/maxUnpool2d-index-out-of-range',
    inputs: () => [ones([1, 1, 1, 2]), tensor([[[[1, 9]]]], { dtype: 'int32' })],
    run: (x, i) => F.maxUnpool2d(x, i, 2),
    throws: /maxUnpool2d: index 9 out of range for 8 entries/,
    kind: 'index',
  },
] as const satisfies readonly ErrorCase[];
