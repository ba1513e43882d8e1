import { functional as F, ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import {
  g,
  adaptiveAvgPool2dRef,
  avgPool2dRef,
  maxPool2dIndicesRef,
  maxPool2dRef,
  values,
  type T4,
} from './nn-reference.js';

/**
 * 2-D max, average and adaptive average pooling: expected values from the plain loops of
 * nn-reference.ts, gradients from finite differences (max pooling's tie goes to the first).
 */

const P = values([1, 2, 5, 6], 11) as T4;
const P7 = values([1, 1, 5, 7], 12) as T4;

export const nnPool2dCases = [
  {
    id: 'maxPool2d/basic',
    inputs: [g(P)],
    run: (x) => F.maxPool2d(x, 2),
    expected: maxPool2dRef(P, { kernel: [2, 2] }),
  },
  {
    id: 'maxPool2d/stride-padding',
    inputs: [g(P)],
    run: (x) => F.maxPool2d(x, 3, { stride: 2, padding: 1 }),
    expected: maxPool2dRef(P, { kernel: [3, 3], stride: [2, 2], pad: [1, 1] }),
  },
  {
    id: 'maxPool2d/dilation',
    inputs: [g(P)],
    run: (x) => F.maxPool2d(x, [2, 3], { stride: 1, dilation: [2, 1] }),
    expected: maxPool2dRef(P, { kernel: [2, 3], stride: [1, 1], dilation: [2, 1] }),
  },
  {
    id: 'maxPool2d/ceil-mode',
    inputs: [g(P7)],
    run: (x) => F.maxPool2d(x, 2, { ceilMode: true }),
    expected: maxPool2dRef(P7, { kernel: [2, 2], ceil: true }),
  },
  {
    id: 'maxPool2d/tie-gradient-to-first',
    inputs: [
      g([
        [
          [
            [1, 1],
            [0, 1],
          ],
        ],
      ]),
    ],
    run: (x) => F.maxPool2d(x, 2),
    expected: [[[[1]]]],
    grads: [
      [
        [
          [
            [1, 0],
            [0, 0],
          ],
        ],
      ],
    ],
    noGradcheck: true,
  },
  {
    id: 'maxPool2d/indices',
    inputs: [{ values: P }],
    run: (x) => F.maxPool2d(x, 3, { stride: 2, padding: 1, returnIndices: true })[1],
    expected: maxPool2dIndicesRef(P, { kernel: [3, 3], stride: [2, 2], pad: [1, 1] }),
    dtype: 'int32',
  },
  {
    id: 'avgPool2d/basic',
    inputs: [g(P)],
    run: (x) => F.avgPool2d(x, 2),
    expected: avgPool2dRef(P, { kernel: [2, 2] }),
  },
  {
    id: 'avgPool2d/padding-count-include-pad',
    inputs: [g(P)],
    run: (x) => F.avgPool2d(x, 3, { stride: 2, padding: 1 }),
    expected: avgPool2dRef(P, { kernel: [3, 3], stride: [2, 2], pad: [1, 1] }),
  },
  {
    id: 'avgPool2d/padding-exclude-pad',
    inputs: [g(P)],
    run: (x) => F.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false }),
    expected: avgPool2dRef(P, { kernel: [3, 3], stride: [2, 2], pad: [1, 1] }, false),
  },
  {
    id: 'avgPool2d/ceil-mode',
    inputs: [g(P7)],
    run: (x) => F.avgPool2d(x, 2, { ceilMode: true, padding: 1, stride: 3 }),
    expected: avgPool2dRef(P7, { kernel: [2, 2], stride: [3, 3], pad: [1, 1], ceil: true }),
  },
  {
    id: 'avgPool2d/divisor-override',
    inputs: [g(P)],
    run: (x) => F.avgPool2d(x, [2, 3], { divisorOverride: 2 }),
    expected: avgPool2dRef(P, { kernel: [2, 3] }, true, 2),
  },
  {
    id: 'adaptiveAvgPool2d/uneven',
    inputs: [g(P7)],
    run: (x) => F.adaptiveAvgPool2d(x, [2, 3]),
    expected: adaptiveAvgPool2dRef(P7, 2, 3),
  },
  {
    id: 'adaptiveAvgPool2d/global-unbatched',
    inputs: [g(P[0])],
    run: (x) => F.adaptiveAvgPool2d(x, 1),
    expected: adaptiveAvgPool2dRef(P, 1, 1)[0]!,
  },
  {
    id: 'adaptiveAvgPool2d/keep-height',
    inputs: [g(P)],
    run: (x) => F.adaptiveAvgPool2d(x, [null, 4]),
    expected: adaptiveAvgPool2dRef(P, 5, 4),
  },
] as const satisfies readonly OpCase[];

/** Bad input to the 2-D pools: each names the function, the shapes and what was expected. */
export const nnPool2dErrors = [
  {
    id: 'error/maxPool2d-padding-too-large',
    inputs: () => [ones([1, 1, 6, 6])],
    run: (x) => F.maxPool2d(x, 2, { padding: 2 }),
    throws: /maxPool2d: pad should be at most half of effective kernel size, but got pad=2 and kernel size 2/,
    kind: 'value',
  },
  {
    id: 'error/avgPool2d-input-dims',
    inputs: () => [ones([6, 6])],
    run: (x) => F.avgPool2d(x, 2),
    throws: /avgPool2d: expected input with 4 dims \[N, C, H, W\] \(or 3 unbatched\), got \[6, 6\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
