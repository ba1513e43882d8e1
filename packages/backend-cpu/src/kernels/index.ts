import type { Kernels, TypedArray } from '@ag/core';
import { binary } from './binary.js';
import { compare } from './compare.js';
import { conv } from './conv.js';
import { copy } from './copy.js';
import { fill } from './fill.js';
import { matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { unary } from './unary.js';
import { where } from './where.js';
import { gather, scatter } from './indexing.js';
import { argReduce, scan } from './scan.js';
import { sort } from './sort.js';
import { assign, scatterView } from './scatter-view.js';
import { layerNorm, layerNormBackward } from './layer-norm.js';
import { adam } from './adam.js';
import { softmax } from './softmax.js';
import { reluBackward } from './relu-backward.js';
import { softmaxBackward } from './softmax-backward.js';

/** The CPU kernel table: typed arrays in, a fresh contiguous typed array out. */
export const kernels = {
  fill,
  copy,
  unary,
  binary,
  compare,
  where,
  reduce,
  matmul,
  argReduce,
  scan,
  sort,
  gather,
  scatter,
  scatterView,
  assign,
  conv,
  layerNorm,
  layerNormBackward,
  adam,
  softmax,
  reluBackward,
  softmaxBackward,
} satisfies Kernels<TypedArray>;
