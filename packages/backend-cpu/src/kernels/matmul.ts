import type { DType, TypedArray, View } from '@ag/core';
import { allocHost, numel } from '@ag/core';
import { readAs, toBool } from './copy.js';
import type { Mat } from './matmul-float.js';
import { gemm } from './matmul-float.js';
import { coalesce, innerStride, walkRows } from './strided.js';

/**
 * Batched matrix product: a [...batch, M, K] times b [...batch, K, N] into a contiguous
 * [...batch, M, N]. Operands may be transposed or broadcast over the batch (stride 0).
 */
export function matmul(a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  if (out === 'bool') return toBool(matmulInto(readAs(a, 'bool'), readAs(b, 'bool'), 'float64'));
  return matmulInto(readAs(a, out), readAs(b, out), out);
}

function matmulInto(a: View<TypedArray>, b: View<TypedArray>, out: DType): TypedArray {
  const nd = a.shape.length;
  const m = a.shape[nd - 2]!;
  const k = a.shape[nd - 1]!;
  const n = b.shape[nd - 1]!;
  const batchShape = a.shape.slice(0, nd - 2);
  const res = allocHost(out, numel(batchShape) * m * n);
  if (res.length === 0 || k === 0) return res; // an empty sum is 0
  const [rsA, csA] = [a.strides[nd - 2]!, a.strides[nd - 1]!];
  const [rsB, csB] = [b.strides[nd - 2]!, b.strides[nd - 1]!];

  // `x @ W` with W shared by the whole batch: when the batch and row dims of `a` merge into one,
  // the batch is one tall product and B is packed once instead of once per matrix.
  const rowsA = coalesce(a.shape.slice(0, nd - 1), [a.strides.slice(0, nd - 1)]);
  if (b.strides.slice(0, nd - 2).every((s) => s === 0) && rowsA.shape.length === 1) {
    const rows = res.length / n;
    const scratch = out === 'float32' && !small(rows, k, n) ? new Float64Array(rows * n) : null;
    product(res, 0, mat(a, a.offset, innerStride(rowsA, 0), csA), mat(b, b.offset, rsB, csB), rows, k, n, scratch);
    return res;
  }
  const batches = coalesce(batchShape, [a.strides.slice(0, nd - 2), b.strides.slice(0, nd - 2)]);
  const sa = innerStride(batches, 0);
  const sb = innerStride(batches, 1);
  const scratch = out === 'float32' && !small(m, k, n) ? new Float64Array(m * n) : null;
  walkRows(batches, [a.offset, b.offset], (pos, o, count) => {
    for (let t = 0; t < count; t++) {
      const matA = mat(a, pos[0]! + t * sa, rsA, csA);
      const matB = mat(b, pos[1]! + t * sb, rsB, csB);
      product(res, (o + t) * m * n, matA, matB, m, k, n, scratch);
    }
  });
  return res;
}

function mat(v: View<TypedArray>, offset: number, rs: number, cs: number): Mat {
  return { data: v.storage, offset, rs, cs };
}

/** Below this many multiply-adds, packing costs more than it saves: plain dot products win. */
const SMALL_WORK = 1024;

function small(m: number, k: number, n: number): boolean {
  return m * k * n <= SMALL_WORK;
}

/**
 * res[c0 ...] = A B for one m x k by k x n product, in `res`'s arithmetic. float32 accumulates
 * in the float64 `scratch` (m * n, reused across the batch) and rounds once, at the store.
 */
function product(res: TypedArray, c0: number, a: Mat, b: Mat, m: number, k: number, n: number, scratch: Float64Array | null): void {
  if (res instanceof Int32Array) {
    intProduct(res, c0, a, b, m, k, n);
  } else if (small(m, k, n)) {
    dotProduct(res, c0, a, b, m, k, n);
  } else if (res instanceof Float64Array) {
    gemm(a, b, res, c0, m, k, n);
  } else if (scratch !== null) {
    scratch.fill(0);
    gemm(a, b, scratch, 0, m, k, n);
    res.set(scratch, c0);
  }
}

/** Each output is one dot product accumulated in float64, read through the strides as they are. */
function dotProduct(res: TypedArray, c0: number, a: Mat, b: Mat, m: number, k: number, n: number): void {
  const { data: ad, rs: ars, cs: acs } = a;
  const { data: bd, rs: brs, cs: bcs } = b;
  for (let i = 0, o = c0; i < m; i++) {
    const ai = a.offset + i * ars;
    for (let j = 0; j < n; j++, o++) {
      let s = 0;
      for (let p = 0, x = ai, y = b.offset + j * bcs; p < k; p++, x += acs, y += brs) s += ad[x]! * bd[y]!;
      res[o] = s;
    }
  }
}

/**
 * int32 product, exact and wrapping like C: Math.imul wraps each product and the Int32Array store
 * wraps each exact double sum. Loops i, p, j so the row of C and a row of B are read along j.
 */
function intProduct(res: TypedArray, c0: number, a: Mat, b: Mat, m: number, k: number, n: number): void {
  const { data: ad } = a;
  const { data: bd, cs } = b;
  for (let i = 0; i < m; i++) {
    const ci = c0 + i * n;
    for (let p = 0; p < k; p++) {
      const aip = ad[a.offset + i * a.rs + p * a.cs]!;
      if (aip === 0) continue;
      const bp = b.offset + p * b.rs;
      for (let j = 0; j < n; j++) res[ci + j] = res[ci + j]! + Math.imul(aip, bd[bp + j * cs]!);
    }
  }
}
