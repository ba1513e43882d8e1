import { dot, einsum, linear, mm, mv, outer } from '@ag/core';
import type { OpCase } from '../case.js';

/**
 * The fixed-rank products, linear and einsum. Expected values come from the plain loops below
 * (independent of ag); gradients from finite differences, and by hand for the simple ones.
 */

const A = [[1, 2, 3], [4, 5, 6]];
const B = [[1, -1], [0, 2], [3, 1]];

/** Deterministic small values in [-1, 1), so no two cases share inputs by accident. */
function values(shape: readonly number[], seed: number): number[] | number[][] | number[][][] | number[][][][] {
  let k = seed;
  const next = () => (k = (k * 37 + 11) % 101) / 50 - 1;
  const build = (d: number): unknown => (d === shape.length ? next() : Array.from({ length: shape[d]! }, () => build(d + 1)));
  return build(0) as number[];
}

type M = number[][];
const matmul2 = (a: M, b: M): M => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const transpose2 = (a: M): M => a[0]!.map((_, j) => a.map((row) => row[j]!));

const X3 = values([2, 3, 4], 3) as number[][][];
const Y3 = values([2, 4, 2], 5) as number[][][];
const Q = values([1, 2, 3, 2], 7) as number[][][][];
const K = values([1, 2, 4, 2], 9) as number[][][][];
const W = values([3, 4], 11) as M;
const XL = values([2, 4], 13) as M;
const BIAS = [0.5, -1, 2];

export const linalgExtraCases = [
  {
    id: 'mm/basic',
    inputs: [{ values: A, requiresGrad: true }, { values: B, requiresGrad: true }],
    run: (a, b) => mm(a, b),
    expected: [[10, 6], [22, 12]],
    grads: [[[0, 2, 4], [0, 2, 4]], [[5, 5], [7, 7], [9, 9]]],
    gradFn: 'MmBackward0',
  },
  {
    id: 'mm/method-transposed',
    inputs: [{ values: B, requiresGrad: true }, { values: A, requiresGrad: true }],
    run: (b, a) => b.t().mm(a.t()),
    expected: [[10, 22], [6, 12]],
    gradFn: 'MmBackward0',
  },
  {
    id: 'bmm/basic',
    inputs: [{ values: X3, requiresGrad: true }, { values: Y3, requiresGrad: true }],
    run: (a, b) => a.bmm(b),
    expected: X3.map((x, i) => matmul2(x, Y3[i]!)),
    gradFn: 'BmmBackward0',
  },
  {
    id: 'mv/basic',
    inputs: [{ values: A, requiresGrad: true }, { values: [1, 0, -1], requiresGrad: true }],
    run: (a, v) => mv(a, v),
    expected: [-2, -2],
    grads: [[[1, 0, -1], [1, 0, -1]], [5, 7, 9]],
    gradFn: 'MvBackward0',
  },
  {
    id: 'dot/basic',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }, { values: [4, -5, 6], requiresGrad: true }],
    run: (a, b) => a.dot(b),
    expected: 12,
    grads: [[4, -5, 6], [1, 2, 3]],
    gradFn: 'DotBackward0',
  },
  {
    id: 'dot/int32',
    inputs: [{ values: [1, 2, 3], dtype: 'int32' }, { values: [4, 5, 6], dtype: 'int32' }],
    run: (a, b) => dot(a, b),
    expected: 32,
    dtype: 'int32',
  },
  {
    id: 'outer/basic',
    inputs: [{ values: [1, 2], requiresGrad: true }, { values: [3, -1, 0.5], requiresGrad: true }],
    run: (a, b) => a.outer(b),
    expected: [[3, -1, 0.5], [6, -2, 1]],
    grads: [[2.5, 2.5], [3, 3, 3]],
    gradFn: 'MulBackward0',
  },
  {
    id: 'outer/function',
    inputs: [{ values: [0, -1], requiresGrad: true }, { values: [2], requiresGrad: true }],
    run: (a, b) => outer(a, b),
    expected: [[0], [-2]],
  },
  {
    id: 'linear/with-bias',
    inputs: [{ values: XL, requiresGrad: true }, { values: W, requiresGrad: true }, { values: BIAS, requiresGrad: true }],
    run: (x, w, b) => linear(x, w, b),
    expected: matmul2(XL, transpose2(W)).map((row) => row.map((v, j) => v + BIAS[j]!)),
  },
  {
    id: 'linear/no-bias-batched',
    inputs: [{ values: [XL, XL.map((r) => r.map((v) => -v))], requiresGrad: true }, { values: W, requiresGrad: true }],
    run: (x, w) => linear(x, w),
    expected: [matmul2(XL, transpose2(W)), matmul2(XL, transpose2(W)).map((r) => r.map((v) => -v))],
  },
  {
    id: 'einsum/matmul',
    inputs: [{ values: A, requiresGrad: true }, { values: B, requiresGrad: true }],
    run: (a, b) => einsum('ij,jk->ik', a, b),
    expected: [[10, 6], [22, 12]],
    grads: [[[0, 2, 4], [0, 2, 4]], [[5, 5], [7, 7], [9, 9]]],
  },
  {
    id: 'einsum/implicit-matmul',
    inputs: [{ values: A, requiresGrad: true }, { values: B, requiresGrad: true }],
    run: (a, b) => einsum('ij,jk', a, b),
    expected: [[10, 6], [22, 12]],
  },
  {
    id: 'einsum/batched-matmul',
    inputs: [{ values: X3, requiresGrad: true }, { values: Y3, requiresGrad: true }],
    run: (a, b) => einsum('bij,bjk->bik', a, b),
    expected: X3.map((x, i) => matmul2(x, Y3[i]!)),
  },
  {
    id: 'einsum/inner-product',
    inputs: [{ values: [1, 2, 3], requiresGrad: true }, { values: [4, -5, 6], requiresGrad: true }],
    run: (a, b) => einsum('i,i->', a, b),
    expected: 12,
    grads: [[4, -5, 6], [1, 2, 3]],
  },
  {
    id: 'einsum/outer',
    inputs: [{ values: [1, 2], requiresGrad: true }, { values: [3, -1, 0.5], requiresGrad: true }],
    run: (a, b) => einsum('i,j->ij', a, b),
    expected: [[3, -1, 0.5], [6, -2, 1]],
  },
  {
    id: 'einsum/transpose',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => einsum('ij->ji', a),
    expected: [[1, 4], [2, 5], [3, 6]],
    grads: [[[1, 1, 1], [1, 1, 1]]],
  },
  {
    id: 'einsum/diagonal',
    inputs: [{ values: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], requiresGrad: true }],
    run: (a) => einsum('ii->i', a),
    expected: [1, 5, 9],
    grads: [[[1, 0, 0], [0, 1, 0], [0, 0, 1]]],
  },
  {
    id: 'einsum/trace-implicit',
    inputs: [{ values: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], requiresGrad: true }],
    run: (a) => einsum('ii', a),
    expected: 15,
  },
  {
    id: 'einsum/sum-all',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => einsum('ij->', a),
    expected: 21,
    grads: [[[1, 1, 1], [1, 1, 1]]],
  },
  {
    id: 'einsum/row-sums',
    inputs: [{ values: A, requiresGrad: true }],
    run: (a) => einsum('ij->i', a),
    expected: [6, 15],
  },
  {
    id: 'einsum/attention-scores',
    inputs: [{ values: Q, requiresGrad: true }, { values: K, requiresGrad: true }],
    run: (q, k) => einsum('bhqd,bhkd->bhqk', q, k),
    expected: Q.map((qb, b) => qb.map((qh, h) => matmul2(qh, transpose2(K[b]![h]!)))),
  },
  {
    id: 'einsum/three-operands',
    inputs: [{ values: A, requiresGrad: true }, { values: B, requiresGrad: true }, { values: [[1, 0], [-1, 2]], requiresGrad: true }],
    run: (a, b, c) => einsum('ij,jk,kl->il', a, b, c),
    expected: matmul2(matmul2(A, B), [[1, 0], [-1, 2]]),
  },
  {
    id: 'einsum/ellipsis-broadcast-batch',
    inputs: [{ values: X3, requiresGrad: true }, { values: Y3[0]!, requiresGrad: true }],
    run: (a, b) => einsum('...ij,...jk->...ik', a, b),
    expected: X3.map((x) => matmul2(x, Y3[0]!)),
  },
  {
    id: 'einsum/ellipsis-implicit',
    inputs: [{ values: X3, requiresGrad: true }],
    run: (a) => einsum('...ij', a),
    expected: X3,
  },
  {
    id: 'einsum/ellipsis-sum-last',
    inputs: [{ values: X3, requiresGrad: true }],
    run: (a) => einsum('b...->...b', a),
    expected: X3[0]!.map((row, i) => row.map((v, j) => [v, X3[1]![i]![j]!])),
  },
  {
    id: 'einsum/contract-and-sum-free',
    inputs: [{ values: A, requiresGrad: true }, { values: B, requiresGrad: true }],
    run: (a, b) => einsum('ij,jk->', a, b),
    expected: 50,
  },
] as const satisfies readonly OpCase[];
