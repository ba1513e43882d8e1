/**
 * Shared inputs of the matrix-product and einsum cases, and the plain loops their expected values
 * come from (independent of ag).
 */

export const A = [
  [1, 2, 3],
  [4, 5, 6],
];
export const B = [
  [1, -1],
  [0, 2],
  [3, 1],
];

/** A @ B, worked by hand. */
export const AB = [
  [10, 6],
  [22, 12],
];
/** The gradients of sum(A @ B) by hand: ones @ B^T for A, A^T @ ones for B. */
export const AB_SUM_GRADS = [
  [
    [0, 2, 4],
    [0, 2, 4],
  ],
  [
    [5, 5],
    [7, 7],
    [9, 9],
  ],
];

/** Deterministic small values in [-1, 1), so no two cases share inputs by accident. */
export function values(shape: readonly number[], seed: number): number[] | number[][] | number[][][] | number[][][][] {
  let k = seed;
  const next = () => (k = (k * 37 + 11) % 101) / 50 - 1;
  const build = (d: number): unknown =>
    d === shape.length ? next() : Array.from({ length: shape[d]! }, () => build(d + 1));
  return build(0) as number[];
}

export type M = number[][];
export const matmul2 = (a: M, b: M): M =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
export const transpose2 = (a: M): M => a[0]!.map((_, j) => a.map((row) => row[j]!));

export const X3 = values([2, 3, 4], 3) as number[][][];
export const Y3 = values([2, 4, 2], 5) as number[][][];
export const Q = values([1, 2, 3, 2], 7) as number[][][][];
export const K = values([1, 2, 4, 2], 9) as number[][][][];
export const W = values([3, 4], 11) as M;
export const XL = values([2, 4], 13) as M;
export const BIAS = [0.5, -1, 2];
