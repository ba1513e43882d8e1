import {
  ArgumentError,
  OutOfMemoryError,
  ShapeError,
  ValueError,
  arange,
  empty,
  linalg,
  multinomial,
  nn,
  ones,
  randn,
  tensor,
  zeros,
  type NestedArray,
} from '@ag/core';
import { bad } from './entry.js';

/**
 * Making tensors: nested arrays that are ragged or hold what is not a number, sizes that are
 * negative or past any memory (refused before allocating), and values an op cannot take.
 */
export const creationEntries = [
  bad({
    name: 'tensor: a ragged nested array',
    setup: () => ({}),
    call: () => tensor([[1, 2], [3]]),
    throws: ShapeError,
    message: /tensor: expected sequence of length 2 at dim 1 \(got length 1\): nested arrays must be rectangular/,
  }),
  bad({
    name: 'tensor: an array where a number belongs',
    setup: () => ({}),
    call: () =>
      tensor([
        [1, 2],
        [3, [4]],
      ]),
    throws: ShapeError,
    message: /tensor: too many dimensions at depth 2: expected a number or boolean, got an array/,
  }),
  bad({
    name: 'tensor: a string among the numbers',
    setup: () => ({}),
    call: () => tensor([1, 'a'] as unknown as NestedArray),
    throws: ArgumentError,
    message: /tensor: expected numbers or booleans, got string/,
  }),
  bad({
    name: 'tensor: an object among the numbers',
    setup: () => ({}),
    call: () => tensor([1, {}] as unknown as NestedArray),
    throws: ArgumentError,
    message: /tensor: expected numbers or booleans, got object/,
  }),
  bad({
    name: 'zeros: 2^40 elements',
    setup: () => ({}),
    call: () => zeros([2 ** 20, 2 ** 20]),
    throws: OutOfMemoryError,
    message: /1099511627776 elements/,
  }),
  bad({
    name: 'empty: 2^40 elements',
    setup: () => ({}),
    call: () => empty([2 ** 20, 2 ** 20]),
    throws: OutOfMemoryError,
    message: /1099511627776 elements/,
  }),
  bad({
    name: 'randn: 2^60 elements',
    setup: () => ({}),
    call: () => randn([2 ** 30, 2 ** 30]),
    throws: OutOfMemoryError,
    message: /1152921504606847000 elements|1152921504606846976 elements/,
  }),
  bad({
    name: 'contiguous: materializing a 2^40-element expanded view',
    setup: () => ({ tensors: [ones([1, 1])] }),
    call: ({ tensors: [a] }) => a!.expand([2 ** 20, 2 ** 20]).contiguous(),
    throws: OutOfMemoryError,
    message: /1099511627776 elements/,
  }),
  bad({
    name: 'matmul: an outer product of 2^40 elements',
    setup: () => ({ tensors: [ones([1, 1]).expand([2 ** 20, 1]), ones([1, 1]).expand([1, 2 ** 20])] }),
    call: ({ tensors: [a, b] }) => a!.matmul(b!),
    throws: OutOfMemoryError,
    message: /1099511627776 elements/,
  }),
  bad({
    name: 'zeros: a negative size',
    setup: () => ({}),
    call: () => zeros([-1]),
    throws: ValueError,
    message: /sizes must be non-negative integers, got \[-1\]/,
  }),
  bad({
    name: 'Linear: a negative in_features',
    setup: () => ({}),
    call: () => new nn.Linear(-1, 2),
    throws: ValueError,
    message: /sizes must be non-negative integers, got \[2, -1\]/,
  }),
  bad({
    name: 'arange: a zero step',
    setup: () => ({}),
    call: () => arange(0, 5, 0),
    throws: ValueError,
    message: /arange: step must be finite and nonzero, got 0/,
  }),
  bad({
    name: 'chunk: zero chunks',
    setup: () => ({ tensors: [ones([4])] }),
    call: ({ tensors: [a] }) => a!.chunk(0),
    throws: ValueError,
    message: /chunk: number of chunks must be a positive integer, got 0/,
  }),
  bad({
    name: 'split: a zero split size',
    setup: () => ({ tensors: [ones([4])] }),
    call: ({ tensors: [a] }) => a!.split(0),
    throws: ValueError,
    message: /split: split_size must be a positive integer, got 0/,
  }),
  bad({
    name: 'item: a tensor of two elements',
    setup: () => ({ tensors: [ones([2])] }),
    call: ({ tensors: [a] }) => a!.item(),
    throws: ShapeError,
    message: /item: a Tensor with 2 elements \(shape \[2\]\) cannot be converted to a scalar/,
  }),
  bad({
    name: 'Dropout: a probability over 1',
    setup: () => ({}),
    call: () => new nn.Dropout(1.5),
    throws: ValueError,
    message: /Dropout: probability has to be between 0 and 1, but got 1.5/,
  }),
  bad({
    name: 'multinomial: a negative probability',
    setup: () => ({ tensors: [tensor([-1, 1])] }),
    call: ({ tensors: [p] }) => multinomial(p!, 1),
    throws: ValueError,
    message: /multinomial: probability tensor contains either inf, nan or element < 0/,
  }),
  bad({
    name: 'multinomial: a row of zeros',
    setup: () => ({
      tensors: [
        tensor([
          [0.5, 0.5],
          [0, 0],
        ]),
      ],
    }),
    call: ({ tensors: [p] }) => multinomial(p!, 1),
    throws: ValueError,
    message: /multinomial: invalid multinomial distribution \(sum of probabilities <= 0\)/,
  }),
  bad({
    name: 'multinomial: a NaN probability',
    setup: () => ({ tensors: [tensor([NaN, 1])] }),
    call: ({ tensors: [p] }) => multinomial(p!, 1),
    throws: ValueError,
    message: /multinomial: probability tensor contains either inf, nan or element < 0/,
  }),
  bad({
    name: 'multinomial: more samples than categories without replacement',
    setup: () => ({ tensors: [tensor([0.5, 0.5])] }),
    call: ({ tensors: [p] }) => multinomial(p!, 3),
    throws: ValueError,
    message: /multinomial: cannot sample n_sample > prob_dist.size\(-1\) samples without replacement \(3 > 2\)/,
  }),
  bad({
    name: 'argmax: an empty tensor without a dim',
    setup: () => ({ tensors: [zeros([0])] }),
    call: ({ tensors: [a] }) => a!.argmax(),
    throws: ShapeError,
    message: /argmax: expected reduction dim to be specified for input.numel\(\) == 0 \(shape \[0\]\)/,
  }),
  bad({
    name: 'linalg.cholesky: a matrix that is not positive-definite',
    setup: () => ({
      tensors: [
        tensor([
          [1, 2],
          [2, 1],
        ]),
      ],
    }),
    call: ({ tensors: [a] }) => linalg.cholesky(a!),
    throws: ValueError,
    message: /linalg\.cholesky: .*not positive-definite \(the leading minor of order 2/,
  }),
];
