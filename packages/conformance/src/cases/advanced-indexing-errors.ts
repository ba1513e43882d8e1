import { ones, tensor } from '@ag/core';
import type { ErrorCase } from '../case.js';
import { idx } from './indexing-inputs.js';

/** Bad input to advanced indexing and the index-writing ops: PyTorch's messages where it has one. */
export const advancedIndexingErrors = [
  {
    id: 'error/index-out-of-bounds',
    inputs: () => [ones([3, 2]), idx([0, 3])],
    run: (a, i) => a.index(i),
    throws: /index: index 3 is out of bounds for dimension 0 with size 3/,
    kind: 'index',
  },
  {
    id: 'error/index-negative-out-of-bounds',
    inputs: () => [ones([3, 2])],
    run: (a) => a.index(':', [-3]),
    throws: /index: index -3 is out of bounds for dimension 1 with size 2/,
    kind: 'index',
  },
  {
    id: 'error/index-broadcast',
    inputs: () => [ones([3, 3]), idx([0, 1]), idx([0, 1, 2])],
    run: (a, i, j) => a.index(i, j),
    throws: /index: shape mismatch: indexing tensors could not be broadcast together with shapes \[2\], \[3\]/,
    kind: 'shape',
  },
  {
    id: 'error/index-float-tensor',
    inputs: () => [ones([3]), ones([2])],
    run: (a, i) => a.index(i),
    throws: /index: tensors used as indices must be int32 \(PyTorch: long\) or bool tensors, got dtype float32/,
    kind: 'dtype',
  },
  {
    id: 'error/index-unknown-object',
    inputs: () => [ones([3])],
    run: (a) => a.index({ begin: 1 } as never),
    throws: /index: argument 1 \('specs'\) got the unknown option 'begin'; it accepts 'start', 'end', 'step'/,
    kind: 'argument',
  },
  {
    id: 'error/index-mixed-array',
    inputs: () => [ones([3])],
    run: (a) => a.index([0, 1.5]),
    throws: /index: an array index must hold only integers or only booleans, got 1.5/,
    kind: 'argument',
  },
  {
    id: 'error/index-mask-shape',
    inputs: () => [ones([2, 3])],
    run: (a) => a.index([true, false, true]),
    throws:
      /index: The shape of the mask \[3\] at index 0 does not match the shape of the indexed tensor \[2, 3\] at index 0/,
    kind: 'shape',
  },
  {
    id: 'error/index-too-many-advanced',
    inputs: () => [ones([2])],
    run: (a) => a.index([0], [0]),
    throws: /index: too many indices for tensor of dimension 1: got 2 \(shape \[2\]\)/,
    kind: 'index',
  },
  {
    id: 'error/indexPut-dtype',
    inputs: () => [ones([3]), idx([0]), idx([1])],
    run: (a, i, v) => a.indexPut([i], v),
    throws:
      /indexPut: Index put requires the source and destination dtypes match, got float32 for the destination and int32 for the source/,
    kind: 'dtype',
  },
  {
    id: 'error/indexPut-values-shape',
    inputs: () => [ones([3, 2]), idx([0, 1]), ones([3])],
    run: (a, i, v) => a.indexPut([i], v),
    throws:
      /indexPut: shape mismatch: value tensor of shape \[3\] cannot be broadcast to indexing result of shape \[2, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/set-spec-kind',
    inputs: () => [ones([3]), idx([0])],
    run: (a, i) => a.set(i as never, 1),
    throws: /set: expected the index as a string .* got a Tensor \(wrap it: \[t\]\)/,
    kind: 'argument',
  },
  {
    id: 'error/maskedScatter-source-too-small',
    inputs: () => [ones([3]), tensor([true, true, true]), ones([2])],
    run: (a, k, s) => a.maskedScatter(k, s),
    throws: /maskedScatter: Number of elements of source < number of ones in mask/,
    kind: 'shape',
  },
  {
    id: 'error/indexAdd-source-shape',
    inputs: () => [ones([3, 2]), idx([0]), ones([2, 2])],
    run: (a, i, s) => a.indexAdd(0, i, s),
    throws: /indexAdd: source of shape \[2, 2\] does not match: expected \[1, 2\]/,
    kind: 'shape',
  },
  {
    id: 'error/indexCopy-out-of-range',
    inputs: () => [ones([3]), idx([3]), ones([1])],
    run: (a, i, s) => a.indexCopy(0, i, s),
    throws: /indexCopy: index 3 is out of bounds for dimension 0 with size 3/,
    kind: 'index',
  },
  {
    id: 'error/takeAlongDim-rank',
    inputs: () => [ones([2, 3]), idx([0])],
    run: (a, i) => a.takeAlongDim(i, 1),
    throws:
      /takeAlongDim: input and indices should have the same number of dimensions, but got 2 dimensions for input, and 1 dimensions for indices/,
    kind: 'shape',
  },
] as const satisfies readonly ErrorCase[];
