import { allclose, equal, isclose, ones, tensor } from '@ag/core';
import type { ErrorCase, OpCase, ScriptCase } from '../case.js';

/**
 * NaN/infinity tests (isnan, isinf, isposinf, isneginf, isfinite) and closeness (isclose,
 * allclose, equal). Expected values by IEEE's rules and torch.isclose's formula
 * |a - b| <= atol + rtol |b| (or a == b), worked by hand.
 */
const specials = [1, NaN, Infinity, -Infinity, 0, -2.5];
const F = false;
const T = true;

export const floatClassCases = [
  { id: 'isnan', inputs: [{ values: specials }], run: (a) => a.isnan(), expected: [F, T, F, F, F, F], dtype: 'bool' },
  { id: 'isinf', inputs: [{ values: specials }], run: (a) => a.isinf(), expected: [F, F, T, T, F, F], dtype: 'bool' },
  {
    id: 'isposinf',
    inputs: [{ values: specials }],
    run: (a) => a.isposinf(),
    expected: [F, F, T, F, F, F],
    dtype: 'bool',
  },
  {
    id: 'isneginf',
    inputs: [{ values: specials }],
    run: (a) => a.isneginf(),
    expected: [F, F, F, T, F, F],
    dtype: 'bool',
  },
  {
    id: 'isfinite',
    inputs: [{ values: specials }],
    run: (a) => a.isfinite(),
    expected: [T, F, F, F, T, T],
    dtype: 'bool',
  },
  {
    id: 'isfinite/int-and-bool',
    inputs: [
      { values: [3, -7], dtype: 'int32' },
      { values: [true, false], dtype: 'bool' },
    ],
    // ints and bools are always finite and never NaN or infinite
    run: (a, b) => a.isfinite().logicalAnd(b.isfinite()).logicalAnd(a.isnan().logicalOr(b.isinf()).logicalNot()),
    expected: [T, T],
    dtype: 'bool',
  },
  {
    id: 'isclose',
    inputs: [
      { values: [1, 1, Infinity, NaN, 1e-9, -Infinity] },
      { values: [1.000001, 1.1, Infinity, NaN, 0, Infinity] },
    ],
    // 1e-6 <= 1e-8 + 1e-5 · 1.000001; 0.1 is not; equal infinities are close; NaN is not; 1e-9 <= atol
    run: (a, b) => a.isclose(b),
    expected: [T, F, T, F, T, F],
    dtype: 'bool',
  },
  {
    id: 'isclose/tolerances-and-nan',
    inputs: [{ values: [1, 10, NaN] }, { values: [1.1, 11, NaN] }],
    // 0.1 <= 0.2 + 0.04 · 1.1; 1 > 0.2 + 0.04 · 11; equalNan admits NaN ~ NaN
    run: (a, b) => a.isclose(b, { rtol: 0.04, atol: 0.2, equalNan: true }),
    expected: [T, F, T],
    dtype: 'bool',
  },
  {
    id: 'isclose/int',
    inputs: [
      { values: [100, 100, 5], dtype: 'int32' },
      { values: [101, 100, -5], dtype: 'int32' },
    ],
    run: (a, b) => a.isclose(b, { rtol: 0.01, atol: 0 }),
    expected: [T, T, F],
    dtype: 'bool',
  },
] as const satisfies readonly OpCase[];

/** allclose and equal answer with one awaited boolean. */
export const floatClassScripts = [
  {
    id: 'allclose/and-equal',
    run: async (check) => {
      const a = tensor([1, 2, 3]);
      check.equal(await allclose(a, tensor([1, 2, 3.00001])), true, 'allclose within rtol');
      check.equal(await allclose(a, tensor([1, 2, 3.1])), false, 'allclose beyond rtol');
      check.equal(await a.allclose(tensor([1, 2.5, 3]), { atol: 0.5 }), true, 'allclose with atol (method)');
      check.equal(await allclose(tensor([NaN]), tensor([NaN])), false, 'NaN is not close to NaN');
      check.equal(await allclose(tensor([NaN]), tensor([NaN]), { equalNan: true }), true, 'unless equalNan');
      check.equal(await equal(a, tensor([1, 2, 3])), true, 'equal');
      check.equal(await a.equal(tensor([1, 2, 4])), false, 'a value differs');
      check.equal(await equal(a, tensor([[1, 2, 3]])), false, 'shapes differ');
      check.equal(await equal(tensor([NaN]), tensor([NaN])), false, 'NaN differs from itself');
      check.equal(
        await isclose(a, tensor([3]))
          .sum()
          .item(),
        1,
        'isclose broadcasts',
      );
    },
  },
] as const satisfies readonly ScriptCase[];

export const floatClassErrors = [
  {
    id: 'error/isclose-dtypes',
    inputs: () => [ones([2]), ones([2], { dtype: 'int32' })],
    run: (a, b) => a.isclose(b),
    throws: /isclose: expected a and b to have the same dtype, but got float32 and int32/,
    kind: 'dtype',
  },
  {
    id: 'error/isclose-negative-rtol',
    inputs: () => [ones([2]), ones([2])],
    run: (a, b) => a.isclose(b, { rtol: -1 }),
    throws: /isclose: rtol must be greater than or equal to zero, but got -1/,
    kind: 'value',
  },
] as const satisfies readonly ErrorCase[];
