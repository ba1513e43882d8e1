import type { Tensor } from '@ag/core';
import { functional as F, nn, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';
import { secondOrder } from './double-backward.js';
import { g, SQUARE, values, type T1, type T4 } from './nn-reference.js';
import { conv3dRef, convTranspose2dRef, type T5 } from './nn-reference-conv.js';

/**
 * Transposed and 3-D convolution: tiny cases worked out by hand (a ones kernel sums neighbours; a
 * stride-2 ones kernel copies each input into a block), larger ones against the loops of
 * nn-reference-conv.ts. The second-order scripts also cover nn-pool.ts's and nn-blocks-grid.ts's nodes.
 */

const XT = values([2, 4, 3, 2], 31) as T4;
const WT = values([4, 1, 2, 3], 32) as T4; // groups 2: 4 in, 2 out
const WT2 = values([4, 3, 3, 2], 33) as T4;
const X3 = values([1, 2, 3, 4, 3], 34) as T5;
const W3 = values([2, 2, 2, 2, 2], 35) as T5;
const W3G = values([2, 1, 2, 1, 2], 36) as T5;
const B2: T1 = [0.5, -1];
// A 2x2 ones kernel, which sums the neighbours it covers.
const ONES2x2: T4 = [
  [
    [
      [1, 1],
      [1, 1],
    ],
  ],
];

const convTransposeCases = [
  {
    id: 'convTranspose2d/ones-kernel-sums-neighbours',
    inputs: [g(SQUARE), g(ONES2x2)],
    run: (x, w) => F.convTranspose2d(x, w),
    expected: [
      [
        [
          [1, 3, 2],
          [4, 10, 6],
          [3, 7, 4],
        ],
      ],
    ],
    // Each input reaches 4 outputs; each weight sees every input once.
    grads: [
      [
        [
          [
            [4, 4],
            [4, 4],
          ],
        ],
      ],
      [
        [
          [
            [10, 10],
            [10, 10],
          ],
        ],
      ],
    ],
    gradFn: 'ConvolutionBackward0',
  },
  {
    id: 'convTranspose2d/stride-2-copies-blocks',
    inputs: [g(SQUARE), g(ONES2x2)],
    run: (x, w) => F.convTranspose2d(x, w, null, { stride: 2 }),
    expected: [
      [
        [
          [1, 1, 2, 2],
          [1, 1, 2, 2],
          [3, 3, 4, 4],
          [3, 3, 4, 4],
        ],
      ],
    ],
  },
  {
    id: 'convTranspose1d/ones-kernel',
    inputs: [g([[[1, 2, 3]]]), g([[[1, 1]]])],
    run: (x, w) => F.convTranspose1d(x, w),
    expected: [[[1, 3, 5, 3]]],
    grads: [[[[2, 2, 2]]], [[[6, 6]]]],
  },
  {
    id: 'convTranspose1d/stride-padding-output-padding',
    inputs: [g([[[1, 2, 3]]]), g([[[1, 1]]]), g([0.5])],
    // Uncropped [1, 1, 2, 2, 3, 3]; padding 1 crops one each side, outputPadding 1 keeps one more at the end.
    run: (x, w, b) => F.convTranspose1d(x, w, b, { stride: 2, padding: 1, outputPadding: 1 }),
    expected: [[[1.5, 2.5, 2.5, 3.5, 3.5]]],
  },
  {
    id: 'convTranspose2d/groups-dilation-bias',
    inputs: [g(XT), g(WT), g(B2)],
    run: (x, w, b) => F.convTranspose2d(x, w, b, { groups: 2, dilation: [2, 1] }),
    expected: convTranspose2dRef(XT, WT, B2, { groups: 2, dilation: [2, 1] }),
  },
  {
    id: 'convTranspose2d/stride-padding-output-padding',
    inputs: [g(XT), g(WT2)],
    run: (x, w) => F.convTranspose2d(x, w, null, { stride: [2, 3], padding: [1, 0], outputPadding: [1, 2] }),
    expected: convTranspose2dRef(XT, WT2, null, { stride: [2, 3], pad: [1, 0], outPad: [1, 2] }),
  },
  {
    id: 'convTranspose2d/unbatched',
    inputs: [g(XT[0]), g(WT2)],
    run: (x, w) => F.convTranspose2d(x, w, null, { stride: 2 }),
    expected: convTranspose2dRef([XT[0]!], WT2, null, { stride: [2, 2] })[0]!,
  },
  {
    id: 'nn.ConvTranspose2d/inverts-conv2d-shape',
    inputs: [{ values: values([1, 2, 5, 5], 37) as T4 }],
    // A stride-2 conv of 6x6 gives 3x3, as of 5x5: outputPadding 1 picks 6.
    run: (x) => {
      const up = new nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1, outputPadding: 1, bias: false });
      return tensor([...up.forward(x).shape]);
    },
    expected: [1, 3, 10, 10],
  },
] as const satisfies readonly OpCase[];

const conv3dCases = [
  {
    id: 'conv3d/ones-sum-a-cube',
    inputs: [
      g([
        [
          [
            [
              [1, 2],
              [3, 4],
            ],
            [
              [5, 6],
              [7, 8],
            ],
          ],
        ],
      ]),
      g([
        [
          [
            [
              [1, 1],
              [1, 1],
            ],
            [
              [1, 1],
              [1, 1],
            ],
          ],
        ],
      ]),
    ],
    run: (x, w) => F.conv3d(x, w),
    expected: [[[[[36]]]]],
    grads: [
      [
        [
          [
            [
              [1, 1],
              [1, 1],
            ],
            [
              [1, 1],
              [1, 1],
            ],
          ],
        ],
      ],
      [
        [
          [
            [
              [1, 2],
              [3, 4],
            ],
            [
              [5, 6],
              [7, 8],
            ],
          ],
        ],
      ],
    ],
    gradFn: 'ConvolutionBackward0',
  },
  {
    id: 'conv3d/bias-stride-padding',
    inputs: [g(X3), g(W3), g(B2)],
    run: (x, w, b) => F.conv3d(x, w, b, { stride: [1, 2, 1], padding: [1, 0, 1] }),
    expected: conv3dRef(X3, W3, B2, { stride: [1, 2, 1], pad: [1, 0, 1] }),
  },
  {
    id: 'conv3d/groups-dilation',
    inputs: [g(X3), g(W3G)],
    run: (x, w) => F.conv3d(x, w, null, { groups: 2, dilation: [2, 1, 2] }),
    expected: conv3dRef(X3, W3G, null, { groups: 2, dilation: [2, 1, 2] }),
  },
  {
    id: 'conv3d/same-unbatched',
    inputs: [g(X3[0]), g(W3)],
    run: (x, w) => F.conv3d(x, w, null, { padding: 'same' }),
    // total padding k - 1 = 1 per dim: 0 before, 1 after; a cube of the reference's symmetric padding 1, minus its first plane, row and column.
    expected: conv3dRef(X3, W3, null, { pad: [1, 1, 1] })[0]!.map((c) =>
      c.slice(1).map((p) => p.slice(1).map((r) => r.slice(1))),
    ),
  },
] as const satisfies readonly OpCase[];

export const nnConvPoolCases = [...convTransposeCases, ...conv3dCases] as const;

export const nnConvPoolErrors = [
  {
    id: 'error/convTranspose2d-channels',
    inputs: () => [ones([1, 3, 5, 5]), ones([4, 2, 3, 3])],
    run: (x, w) => F.convTranspose2d(x, w),
    throws:
      /convTranspose2d: given transposed=1, weight of size \[4, 2, 3, 3\], expected input \[1, 3, 5, 5\] to have 4 channels, but got 3 channels instead/,
    kind: 'shape',
  },
  {
    id: 'error/convTranspose2d-output-padding',
    inputs: () => [ones([1, 1, 3, 3]), ones([1, 1, 3, 3])],
    run: (x, w) => F.convTranspose2d(x, w, null, { stride: 2, outputPadding: 2 }),
    throws: /convTranspose2d: outputPadding must be smaller than either stride or dilation, got outputPadding \[2, 2\]/,
    kind: 'value',
  },
  {
    id: 'error/conv3d-input-dims',
    inputs: () => [ones([2, 4, 4]), ones([1, 1, 2, 2, 2])],
    run: (x, w) => F.conv3d(x, w),
    throws: /conv3d: expected input with 5 dims \[N, C, D, H, W\] \(or 4 unbatched\), got \[2, 4, 4\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];

const X8 = [0.3, -0.8, 1.1, 0.5, -0.2, 0.9, -1.3, 0.7];
const X9 = [0.3, -0.8, 1.1, 0.5, -0.2, 0.9, -1.3, 0.7, 0.1];

/** Second order through each node's backward: the input used twice (as input and weight, or squared) so that the second derivative is not zero. */
function secondOrderCase<const I extends string>(
  id: I,
  f: (x: Tensor) => Tensor,
  x0: readonly number[],
): ScriptCase & { readonly id: I } {
  return {
    id,
    run: async (check) => {
      check.equal(await secondOrder(f, x0), null, `second-order gradient of ${id}`);
    },
  };
}

export const nnConvPoolScripts = [
  secondOrderCase(
    'double-backward/convTranspose2d',
    (x) => F.convTranspose2d(x.reshape(1, 2, 2, 2), x.reshape(2, 1, 2, 2), null, { stride: 2, padding: 1 }),
    X8,
  ),
  secondOrderCase(
    'double-backward/conv3d',
    (x) => F.conv3d(x.reshape(1, 1, 2, 2, 2), x.reshape(1, 1, 2, 2, 2).flip(2), null, { padding: 1 }),
    X8,
  ),
  secondOrderCase('double-backward/adaptiveMaxPool2d', (x) => F.adaptiveMaxPool2d(x.reshape(1, 1, 3, 3), 2).pow(2), X9),
  secondOrderCase(
    'double-backward/interpolate-bicubic',
    (x) => F.interpolate(x.reshape(1, 1, 2, 4).pow(2), { scaleFactor: 1.5, mode: 'bicubic' }),
    X8,
  ),
  secondOrderCase('double-backward/fold-unfold', (x) => F.fold(F.unfold(x.reshape(1, 1, 3, 3).pow(2), 2), 3, 2), X9),
  secondOrderCase(
    'double-backward/gridSample',
    (x) => F.gridSample(x.reshape(1, 1, 2, 4), x.reshape(1, 2, 2, 2).mul(0.6)),
    X8,
  ),
  secondOrderCase('double-backward/maxPool3d', (x) => F.maxPool3d(x.reshape(1, 1, 2, 2, 2).pow(3), [1, 2, 2]), X8),
] as const satisfies readonly ScriptCase[];
