import { functional as F, ones } from '@ag/core';
import type { ErrorCase, OpCase } from '../case.js';
import { g, conv1dRef, conv2dRef, values, type T2, type T3, type T4 } from './nn-reference.js';

/**
 * conv1d and conv2d (stride, padding, dilation, groups, 'same'): expected values from the plain
 * loops of nn-reference.ts, gradients from finite differences (inputs kept small: each input
 * element costs two forward passes).
 */

const X1 = values([2, 2, 5, 5], 1) as T4;
const X2 = values([1, 4, 4, 5], 2) as T4;
const W22 = values([3, 2, 2, 2], 3) as T4;
const W23 = values([3, 2, 2, 3], 4) as T4;
const W33 = values([2, 2, 3, 3], 5) as T4;
const WG = values([4, 2, 2, 2], 6) as T4; // groups 2 over 4 channels
const WDW = values([4, 1, 3, 3], 7) as T4; // depthwise over 4 channels
const BIAS3 = [0.5, -0.25, 1];
const BIAS4 = [0.1, -0.2, 0.3, -0.4];
const L1 = values([2, 3, 7], 8) as T3;
const WL = values([2, 3, 3], 9) as T3;
const WLG = values([4, 1, 2], 10) as T3;

export const nnConvCases = [
  {
    id: 'conv2d/basic-bias',
    inputs: [g(X1), g(W22), g(BIAS3)],
    run: (x, w, b) => F.conv2d(x, w, b),
    expected: conv2dRef(X1, W22, BIAS3),
  },
  {
    id: 'conv2d/stride-padding',
    inputs: [g(X1), g(W33)],
    run: (x, w) => F.conv2d(x, w, null, { stride: 2, padding: 1 }),
    expected: conv2dRef(X1, W33, null, { stride: [2, 2], pad: [1, 1, 1, 1] }),
  },
  {
    id: 'conv2d/asymmetric-stride-padding',
    inputs: [g(X1), g(W23), g(BIAS3)],
    run: (x, w, b) => F.conv2d(x, w, b, { stride: [2, 1], padding: [0, 2] }),
    expected: conv2dRef(X1, W23, BIAS3, { stride: [2, 1], pad: [0, 0, 2, 2] }),
  },
  {
    id: 'conv2d/dilation',
    inputs: [g(X1), g(W22)],
    run: (x, w) => F.conv2d(x, w, null, { dilation: 2, padding: 1 }),
    expected: conv2dRef(X1, W22, null, { dilation: [2, 2], pad: [1, 1, 1, 1] }),
  },
  {
    id: 'conv2d/dilation-stride-tuple',
    inputs: [g(X1), g(W22)],
    run: (x, w) => F.conv2d(x, w, null, { dilation: [1, 3], stride: [1, 2] }),
    expected: conv2dRef(X1, W22, null, { dilation: [1, 3], stride: [1, 2] }),
  },
  {
    id: 'conv2d/groups',
    inputs: [g(X2), g(WG), g(BIAS4)],
    run: (x, w, b) => F.conv2d(x, w, b, { groups: 2, padding: 1 }),
    expected: conv2dRef(X2, WG, BIAS4, { groups: 2, pad: [1, 1, 1, 1] }),
  },
  {
    id: 'conv2d/depthwise',
    inputs: [g(X2), g(WDW)],
    run: (x, w) => F.conv2d(x, w, null, { groups: 4, padding: 'same' }),
    expected: conv2dRef(X2, WDW, null, { groups: 4, pad: [1, 1, 1, 1] }),
  },
  {
    id: 'conv2d/same-even-kernel',
    inputs: [g(X1), g(W23)],
    run: (x, w) => F.conv2d(x, w, null, { padding: 'same' }),
    // total padding k - 1: 1 (0 before, 1 after) in height, 2 (1, 1) in width.
    expected: conv2dRef(X1, W23, null, { pad: [0, 1, 1, 1] }),
  },
  {
    id: 'conv2d/valid-unbatched',
    inputs: [g(X1[0]), g(W22)],
    run: (x, w) => F.conv2d(x, w, null, { padding: 'valid' }),
    expected: conv2dRef([X1[0]!], W22, null)[0]!,
  },
  {
    id: 'conv1d/stride-padding-bias',
    inputs: [g(L1), g(WL), g([0.5, -1])],
    run: (x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 1 }),
    expected: conv1dRef(L1, WL, [0.5, -1], 2, [1, 1]),
  },
  {
    id: 'conv1d/same-dilation',
    inputs: [g(L1), g(WL)],
    run: (x, w) => F.conv1d(x, w, null, { padding: 'same', dilation: 2 }),
    expected: conv1dRef(L1, WL, null, 1, [2, 2], 2),
  },
  {
    id: 'conv1d/groups-unbatched',
    inputs: [g(values([4, 6], 13)), g(WLG)],
    run: (x, w) => F.conv1d(x, w, null, { groups: 4 }),
    expected: conv1dRef([values([4, 6], 13) as T2], WLG, null, 1, [0, 0], 1, 4)[0]!,
  },
] as const satisfies readonly OpCase[];

/** Bad input to the convolutions: each names the function, the shapes and what was expected. */
export const nnConvErrors = [
  {
    id: 'error/conv2d-input-dims',
    inputs: () => [ones([32, 32]), ones([4, 3, 3, 3])],
    run: (x, w) => F.conv2d(x, w),
    throws: /conv2d: expected input with 4 dims \[N, C, H, W\] \(or 3 unbatched\), got \[32, 32\]/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-channels',
    inputs: () => [ones([1, 4, 8, 8]), ones([8, 3, 3, 3])],
    run: (x, w) => F.conv2d(x, w),
    throws:
      /conv2d: given groups=1, weight of size \[8, 3, 3, 3\], expected input \[1, 4, 8, 8\] to have 3 channels, but got 4 channels instead/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-groups-out-channels',
    inputs: () => [ones([1, 4, 8, 8]), ones([5, 2, 3, 3])],
    run: (x, w) => F.conv2d(x, w, null, { groups: 2 }),
    throws: /conv2d: expected the weight's 5 output channels to be divisible by groups \(2\)/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-same-strided',
    inputs: () => [ones([1, 3, 8, 8]), ones([2, 3, 3, 3])],
    run: (x, w) => F.conv2d(x, w, null, { padding: 'same', stride: 2 }),
    throws: /conv2d: padding='same' is not supported for strided convolutions \(stride \[2, 2\]\)/,
    kind: 'value',
  },
  {
    id: 'error/conv2d-kernel-too-large',
    inputs: () => [ones([1, 1, 2, 2]), ones([1, 1, 3, 3])],
    run: (x, w) => F.conv2d(x, w),
    throws: /conv2d: the output size would be 0x0 for input \[1, 1, 2, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-bias-shape',
    inputs: () => [ones([1, 3, 4, 4]), ones([2, 3, 3, 3]), ones([3])],
    run: (x, w, b) => F.conv2d(x, w, b),
    throws: /conv2d: expected bias of shape \[2\] \(one per output channel\), got \[3\]/,
    kind: 'shape',
  },
  {
    id: 'error/conv2d-int-input',
    inputs: () => [ones([1, 1, 4, 4], { dtype: 'int32' }), ones([1, 1, 2, 2])],
    run: (x, w) => F.conv2d(x, w),
    throws: /conv2d: expected input of a floating point dtype .* got int32/,
    kind: 'dtype',
  },
  {
    id: 'error/conv1d-weight-dims',
    inputs: () => [ones([1, 3, 8]), ones([2, 3, 3, 3])],
    run: (x, w) => F.conv1d(x, w),
    throws: /conv1d: expected weight with 3 dims \[outC, inC\/groups, k\], got \[2, 3, 3, 3\]/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
