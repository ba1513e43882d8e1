import { describe, expect, it } from 'vitest';
import type { BinaryOp, CompareOp, DType, ReduceOp, TypedArray, UnaryOp, View } from '@ag/core';
import { allocHost, contiguousStrides, numel } from '@ag/core';
import { cpu } from '../src/index.js';
import { binaryFns, compareFns, intBinaryFns, unaryFns } from '../src/kernels/table.js';
import { at, indices, view } from './views.js';

/**
 * The flat paths of the elementwise kernels: contiguous operands and broadcast scalars (0-d and
 * one-element tensors included) skip the strided walk. Each case is checked against the scalar
 * table and, bit for bit, against the same values laid out so that the walk handles them.
 */
const k = cpu().kernels;

const BINARY_OPS: BinaryOp[] = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'atan2', 'remainder', 'fmod'];
const COMPARE_OPS: CompareOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const UNARY_OPS = Object.keys(unaryFns) as UnaryOp[];

/** Values with signed zeros, NaN and infinities among them, as `dtype` holds them. */
function sample(dtype: DType, n: number, seed: number): number[] {
  const floats = [1.5, -0, 0, -2.25, 3, Infinity, NaN, 0.1, -7, 2, -Infinity, 0.5];
  const ints = [3, -7, 0, 2147483647, -2147483648, 5, 1, -1, 46341, 12, 2, -3];
  const bools = [1, 0, 1, 1, 0, 0, 1];
  const pool = dtype === 'int32' ? ints : dtype === 'bool' ? bools : floats;
  return Array.from({ length: n }, (_, i) => pool[(i * 5 + seed) % pool.length]!);
}

function storageOf(dtype: DType, values: readonly number[]): TypedArray {
  const s = allocHost(dtype, values.length);
  values.forEach((v, i) => (s[i] = v));
  return s;
}

/** A contiguous view of `values` with `shape`, behind `offset` padding elements. */
function flat(dtype: DType, shape: readonly number[], values: readonly number[], offset = 0): View<TypedArray> {
  return view(storageOf(dtype, [...sample(dtype, offset, 3), ...values]), shape, undefined, offset, dtype);
}

/** One value broadcast to `shape` (strides 0), behind one padding element. */
function scalar(dtype: DType, shape: readonly number[], value: number): View<TypedArray> {
  return view(
    storageOf(dtype, [sample(dtype, 1, 1)[0]!, value]),
    shape,
    shape.map(() => 0),
    1,
    dtype,
  );
}

/**
 * The values of `v` in a layout the flat paths do not take: a leading dim of 2 whose second half
 * is the view (stride 2 over interleaved storage), so the walk visits the same values.
 */
function strided(v: View<TypedArray>): View<TypedArray> {
  const idx = indices(v.shape);
  const n = idx.length;
  const storage = allocHost(v.dtype, 2 * n + 1);
  idx.forEach((i, j) => (storage[1 + 2 * j] = at(v, i)));
  // Every stride doubled: only dims of size 1 (free in any layout) keep the flat paths.
  return view(
    storage,
    v.shape,
    contiguousStrides(v.shape).map((s) => 2 * s),
    1,
    v.dtype,
  );
}

/** Whether `v`'s layout is genuinely strided (not contiguous, not a broadcast value). */
function walks(v: View<TypedArray>): boolean {
  return v.shape.some((d, i) => d !== 1 && v.strides[i] !== 0 && v.strides[i] !== contiguousStrides(v.shape)[i]);
}

function expectSame(got: TypedArray, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`element ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

/** What `f` gives at every index of `shape`, stored as `dtype` stores it (bool: nonzero or NaN is 1). */
function reference(dtype: DType, shape: readonly number[], f: (idx: number[]) => number): TypedArray {
  const res = allocHost(dtype, numel(shape));
  indices(shape).forEach((i, j) => {
    const v = f(i);
    res[j] = dtype === 'bool' ? +(v !== 0) : v;
  });
  return res;
}

const SHAPES: number[][] = [[], [1], [1, 1], [5], [2, 3], [9]];

describe('flat paths of binary', () => {
  for (const dtype of ['float32', 'float64', 'int32', 'bool'] as const) {
    it(`${dtype}: contiguous, 0-d, one-element and scalar operands on either side`, () => {
      for (const op of BINARY_OPS) {
        const fn = dtype === 'int32' ? intBinaryFns[op] : binaryFns[op];
        for (const shape of SHAPES) {
          const n = numel(shape);
          const pairs: [View<TypedArray>, View<TypedArray>][] = [
            [flat(dtype, shape, sample(dtype, n, 0)), flat(dtype, shape, sample(dtype, n, 7), 2)],
            [flat(dtype, shape, sample(dtype, n, 2), 1), scalar(dtype, shape, sample(dtype, 1, 4)[0]!)],
            [scalar(dtype, shape, sample(dtype, 1, 5)[0]!), flat(dtype, shape, sample(dtype, n, 9))],
            [scalar(dtype, shape, sample(dtype, 1, 6)[0]!), scalar(dtype, shape, sample(dtype, 1, 10)[0]!)],
          ];
          for (const [a, b] of pairs) {
            const got = k.binary(op, a, b, dtype);
            expectSame(
              got,
              reference(dtype, shape, (i) => fn(at(a, i), at(b, i))),
            );
            expectSame(k.binary(op, strided(a), b, dtype), got);
            expectSame(k.binary(op, a, strided(b), dtype), got);
          }
        }
      }
    });
  }

  it('0-d operands of different dtypes are cast first, as on the strided path', () => {
    const a = flat('int32', [], [16777217]);
    const b = flat('float32', [], [0.5]);
    expectSame(k.binary('add', a, b, 'float32'), Float32Array.of(Math.fround(16777217) + 0.5));
    expectSame(k.binary('mul', b, a, 'float64'), Float64Array.of(0.5 * 16777217));
    expectSame(k.binary('add', flat('bool', [], [1]), flat('bool', [], [1]), 'bool'), Uint8Array.of(1));
  });

  it('keeps the walk for non-contiguous layouts', () => {
    const a = flat('float32', [2, 3], sample('float32', 6, 1));
    const t = view(a.storage, [3, 2], [1, 3], 0, 'float32'); // a transposed view
    const b = flat('float32', [3, 2], sample('float32', 6, 4));
    expect(walks(t)).toBe(true);
    for (const op of BINARY_OPS) {
      expectSame(
        k.binary(op, t, b, 'float32'),
        reference('float32', [3, 2], (i) => binaryFns[op](at(t, i), at(b, i))),
      );
    }
  });
});

describe('flat paths of unary, compare and where', () => {
  it('unary on 0-d, one-element, contiguous and broadcast inputs', () => {
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      for (const op of UNARY_OPS) {
        const out = op === 'logicalNot' ? 'bool' : dtype;
        for (const shape of SHAPES) {
          for (const x of [
            flat(dtype, shape, sample(dtype, numel(shape), 3), 1),
            scalar(dtype, shape, sample(dtype, 1, 8)[0]!),
          ]) {
            const got = k.unary(op, x, out);
            expectSame(
              got,
              reference(out, shape, (i) => unaryFns[op](at(x, i))),
            );
            expectSame(k.unary(op, strided(x), out), got);
          }
        }
      }
    }
  });

  it('compare on 0-d, one-element, contiguous and broadcast operands, float and int32', () => {
    for (const dtype of ['float32', 'int32'] as const) {
      for (const op of COMPARE_OPS) {
        for (const shape of SHAPES) {
          const n = numel(shape);
          const a = flat(dtype, shape, sample(dtype, n, 0));
          const b = flat(dtype, shape, sample(dtype, n, 1), 2);
          const s = scalar(dtype, shape, sample(dtype, 1, 2)[0]!);
          for (const [x, y] of [
            [a, b],
            [a, s],
            [s, b],
            [s, s],
          ] as const) {
            const got = k.compare(op, x, y, dtype);
            expectSame(
              got,
              reference('bool', shape, (i) => compareFns[op](at(x, i), at(y, i))),
            );
            expectSame(k.compare(op, strided(x), y, dtype), got);
          }
        }
      }
    }
  });

  it('where on 0-d, one-element, contiguous and broadcast operands', () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      for (const shape of SHAPES) {
        const n = numel(shape);
        const cond = flat('bool', shape, sample('bool', n, 2));
        const condS = scalar('bool', shape, 0);
        const a = flat(dtype, shape, sample(dtype, n, 1), 1);
        const b = scalar(dtype, shape, sample(dtype, 1, 5)[0]!);
        for (const [c, x, y] of [
          [cond, a, b],
          [condS, a, b],
          [cond, b, a],
          [condS, b, b],
        ] as const) {
          const got = k.where(c, x, y, dtype);
          expectSame(
            got,
            reference(dtype, shape, (i) => (at(c, i) !== 0 ? at(x, i) : at(y, i))),
          );
          expectSame(k.where(strided(c), x, y, dtype), got);
        }
      }
    }
  });

  it('where casts operands to the output dtype on the flat path', () => {
    const got = k.where(flat('bool', [], [1]), flat('float32', [], [2.75]), flat('float32', [], [0]), 'int32');
    expectSame(got, Int32Array.of(2));
  });
});

describe('reduce over no axes', () => {
  const OPS: ReduceOp[] = ['sum', 'prod', 'max', 'min'];
  it('gives what the general walk gives, on 0-d, one-element and contiguous inputs', () => {
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      for (const op of OPS) {
        for (const shape of SHAPES) {
          const x = flat(dtype, shape, sample(dtype, numel(shape), 4), 2);
          const got = k.reduce(op, x, [], dtype);
          // Each value merged into the identity: sum turns -0 into +0, as the walk does.
          const identity = { sum: 0, prod: 1, max: -Infinity, min: Infinity }[op];
          const merge = {
            sum: (p: number, v: number) => p + v,
            prod: (p: number, v: number) => p * v,
            max: Math.max,
            min: Math.min,
          }[op];
          expectSame(
            got,
            reference(dtype, shape, (i) => merge(identity, at(x, i))),
          );
          expectSame(k.reduce(op, strided(x), [], dtype), got);
        }
      }
    }
  });

  it('casts to bool after reducing nothing', () => {
    expectSame(k.reduce('sum', flat('float32', [3], [0, NaN, -0.5]), [], 'bool'), Uint8Array.of(0, 1, 1));
  });
});
