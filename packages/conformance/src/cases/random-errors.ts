import type { Generator } from '@ag/core';
import { bernoulli, multinomial, normal, rand, randint, randn, randperm, tensor, zeros } from '@ag/core';
import type { ErrorCase } from '../case.js';

/** Bad arguments to the random ops: each names the op, what it got and what it takes. */
export const randomErrors = [
  {
    id: 'error/rand-int-dtype',
    inputs: () => [],
    run: () => rand([2], { dtype: 'int32' }),
    throws: /rand: expected a floating point dtype \(float32 or float64\), got int32/,
    kind: 'dtype',
  },
  {
    id: 'error/randint-empty-range',
    inputs: () => [],
    run: () => randint(3, 3, [2]),
    throws: /randint: expects 'from' to be less than 'to', but got from=3 >= to=3/,
    kind: 'value',
  },
  {
    id: 'error/randint-int32-range',
    inputs: () => [],
    run: () => randint(0, 2 ** 32, [2]),
    throws: /randint: the range \[0, 4294967296\) does not fit dtype int32/,
    kind: 'value',
  },
  {
    id: 'error/uniform-from-above-to',
    inputs: () => [zeros([3])],
    run: (x) => x.uniform_(2, 1),
    throws: /uniform_: expects to return a \[from, to\) range, but found from=2 > to=1/,
    kind: 'value',
  },
  {
    id: 'error/normal-negative-std',
    inputs: () => [zeros([3])],
    run: (x) => x.normal_(0, -1),
    throws: /normal_: normal expects std >= 0.0, but found std -1/,
    kind: 'value',
  },
  {
    id: 'error/bernoulli-p-range',
    inputs: () => [zeros([3])],
    run: (x) => x.bernoulli_(1.5),
    throws: /bernoulli_: expects p to be in \[0, 1\], but got p=1.5/,
    kind: 'value',
  },
  {
    id: 'error/bernoulli-int-probabilities',
    inputs: () => [zeros([3], { dtype: 'int32' })],
    run: (x) => bernoulli(x),
    throws: /bernoulli: expected a floating point dtype \(float32 or float64\), got int32/,
    kind: 'dtype',
  },
  {
    id: 'error/random-generator-option',
    inputs: () => [],
    run: () => randn([2], { generator: JSON.parse('{}') as Generator }),
    throws: /randn: expected generator to be a Generator \(new Generator\(\)\), got \[object Object\]/,
    kind: 'argument',
  },
  {
    id: 'error/normal-shape-with-tensor',
    inputs: () => [zeros([3])],
    run: (m) => normal(m, 1, [3]),
    throws: /normal: a shape is taken only with a number mean and std/,
    kind: 'argument',
  },
  {
    id: 'error/multinomial-too-many-without-replacement',
    inputs: () => [tensor([0.5, 0.5])],
    run: (p) => multinomial(p, 3),
    throws: /multinomial: cannot sample n_sample > prob_dist.size\(-1\) samples without replacement \(3 > 2\)/,
    kind: 'value',
  },
  {
    id: 'error/exponential-rate',
    inputs: () => [zeros([2])],
    run: (x) => x.exponential_(0),
    throws: /exponential_: exponential_ expects lambda > 0.0, but found lambda=0/,
    kind: 'value',
  },
  {
    id: 'error/randperm-negative',
    inputs: () => [],
    run: () => randperm(-1),
    throws: /randperm: n must be a non-negative integer, got -1/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
