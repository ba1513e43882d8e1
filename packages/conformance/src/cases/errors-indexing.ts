import { cat, ones, pad, stack, tensor } from '@ag/core';
import type { ErrorCase } from '../case.js';

const idx = (values: number[] | number[][]) => tensor(values, { dtype: 'int32' });

/** Bad input to reductions, shape and indexing ops: the message names the op, the shapes and what was expected. */
export const indexingErrorCases = [
  { id: 'error/select-out-of-range', inputs: () => [ones([2, 3])], run: (a) => a.select(1, 3), throws: /select: index 3 out of range for tensor of size \[2, 3\] at dimension 1/ },
  { id: 'error/slice-negative-step', inputs: () => [ones([4])], run: (a) => a.slice(0, 0, 4, -1), throws: /slice: step must be a positive integer/ },
  { id: 'error/narrow-too-long', inputs: () => [ones([4])], run: (a) => a.narrow(0, 2, 3), throws: /narrow: start \(2\) \+ length \(3\) exceeds dimension size \(4\)/ },
  { id: 'error/index-too-many', inputs: () => [ones([2])], run: (a) => a.index(0, 0), throws: /index: too many indices for tensor of dimension 1/ },
  { id: 'error/get-unparsable', inputs: () => [ones([2])], run: (a) => a.get('a:b'), throws: /index: cannot parse 'a:b'/ },
  { id: 'error/gather-index-out-of-bounds', inputs: () => [ones([2, 3]), idx([[3]])], run: (a, i) => a.gather(1, i), throws: /gather: index 3 is out of bounds for dimension 1 with size 3/ },
  { id: 'error/gather-index-rank', inputs: () => [ones([2, 3]), idx([1])], run: (a, i) => a.gather(1, i), throws: /gather: index tensor must have the same number of dimensions as input tensor/ },
  { id: 'error/gather-float-index', inputs: () => [ones([2, 3]), ones([2, 1])], run: (a, i) => a.gather(1, i), throws: /gather: expected index to be an int32 tensor/ },
  { id: 'error/indexSelect-out-of-range', inputs: () => [ones([2, 3]), idx([0, -1])], run: (a, i) => a.indexSelect(0, i), throws: /indexSelect: index -1 is out of bounds for dimension 0 with size 2/ },
  { id: 'error/scatter-dtype', inputs: () => [ones([3]), idx([0]), tensor([1], { dtype: 'int32' })], run: (a, i, s) => a.scatter(0, i, s), throws: /scatter: expected self.dtype to be equal to src.dtype/ },
  { id: 'error/maskedFill-not-bool', inputs: () => [ones([3]), ones([3])], run: (a, k) => a.maskedFill(k, 0), throws: /maskedFill: expected mask to be a bool tensor, got dtype float32/ },
  { id: 'error/cat-sizes', inputs: () => [ones([2, 3]), ones([2, 4])], run: (a, b) => cat([a, b]), throws: /cat: sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1/ },
  { id: 'error/cat-empty-list', inputs: () => [], run: () => cat([]), throws: /cat: expected a non-empty list of tensors/ },
  { id: 'error/stack-shapes', inputs: () => [ones([2]), ones([3])], run: (a, b) => stack([a, b]), throws: /stack: expects each tensor to be equal size, but got \[2\] at entry 0 and \[3\] at entry 1/ },
  { id: 'error/split-sections-sum', inputs: () => [ones([3])], run: (a) => a.split([1, 1]), throws: /split: split_with_sizes expects split_sizes to sum exactly to 3/ },
  { id: 'error/pad-reflect-too-large', inputs: () => [ones([1, 3])], run: (a) => pad(a, [3, 0], { mode: 'reflect' }), throws: /pad: padding size should be less than the corresponding input dimension/ },
  { id: 'error/pad-odd-length', inputs: () => [ones([3])], run: (a) => pad(a, [1]), throws: /pad: padding length must be even/ },
  { id: 'error/max-empty', inputs: () => [ones([0])], run: (a) => a.max(), throws: /max: expected reduction dim/ },
  { id: 'error/argmax-empty-dim', inputs: () => [ones([2, 0])], run: (a) => a.argmax(1), throws: /argmax: expected reduction dim 1 to have non-zero size/ },
  { id: 'error/var-int', inputs: () => [tensor([1, 2], { dtype: 'int32' })], run: (a) => a.var(), throws: /var: expected a floating point input, got dtype int32/ },
  { id: 'error/cumsum-dim', inputs: () => [ones([2])], run: (a) => a.cumsum(1), throws: /cumsum: dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)/ },
  { id: 'error/repeat-too-few', inputs: () => [ones([2, 2])], run: (a) => a.repeat(2), throws: /repeat: number of dimensions of repeat dims \(1\) can not be smaller than number of dimensions of tensor \(2/ },
  { id: 'error/tril-1d', inputs: () => [ones([3])], run: (a) => a.tril(), throws: /tril: input tensor must have at least 2 dimensions/ },
  { id: 'error/unflatten-sizes', inputs: () => [ones([2, 3])], run: (a) => a.unflatten(1, [2, 2]), throws: /unflatten: provided sizes \[2, 2\] don't multiply up to the size of dim 1 \(3\)/ },
] as const satisfies readonly ErrorCase[];
