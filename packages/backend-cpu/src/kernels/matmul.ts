import type { DType, TypedArray, View } from '@ag/core';
import { collapseLayout, numel } from '@ag/core';
import { pool } from '../pool.js';
import { readAs, toBool } from './copy.js';
import type { Mat } from './matmul-float.js';
import { gemm } from './matmul-float.js';
import { THREAD_WORK, matmulAdaptive, matmulPath, matmulThreads } from './matmul-path.js';
import { innerStride, walkRows } from './strided.js';
import { wasmProduct } from './wasm/gemm-runner.js';

/**
 * Batched matrix product: a [...batch, M, K] times b [...batch, K, N] into a contiguous
 * [...batch, M, N]. Operands may be transposed or broadcast over the batch (stride 0).
 * float32 runs on the kernel that matmul-path.ts selects (WebAssembly SIMD, threaded or not, by
 * default); float64 and int32 in plain JavaScript.
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
  // Zeroed where something accumulates into it (the float64 and int32 products) or nothing is
  // written (an empty sum, k = 0, is 0); every float32 product writes all of its output.
  const size = numel(batchShape) * m * n;
  const res = out === 'float32' && k > 0 ? pool.take(out, size) : pool.takeZeroed(out, size);
  if (res.length === 0 || k === 0) return res; // an empty sum is 0
  const [rsA, csA] = [a.strides[nd - 2]!, a.strides[nd - 1]!];
  const [rsB, csB] = [b.strides[nd - 2]!, b.strides[nd - 1]!];

  const product = productFor(out);

  // `x @ W` with W shared by the whole batch: when the batch and row dims of `a` merge into one,
  // the batch is one tall product and B is packed once instead of once per matrix.
  const rowsA = collapseLayout(a.shape.slice(0, nd - 1), [a.strides.slice(0, nd - 1)]);
  if (b.strides.slice(0, nd - 2).every((s) => s === 0) && rowsA.shape.length === 1) {
    product(res, 0, mat(a, a.offset, innerStride(rowsA, 0), csA), mat(b, b.offset, rsB, csB), res.length / n, k, n);
    return res;
  }
  const batches = collapseLayout(batchShape, [a.strides.slice(0, nd - 2), b.strides.slice(0, nd - 2)]);
  const sa = innerStride(batches, 0);
  const sb = innerStride(batches, 1);
  walkRows(batches, [a.offset, b.offset], (pos, o, count) => {
    for (let t = 0; t < count; t++) {
      const matA = mat(a, pos[0]! + t * sa, rsA, csA);
      const matB = mat(b, pos[1]! + t * sb, rsB, csB);
      product(res, (o + t) * m * n, matA, matB, m, k, n);
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

/** res[c0 ...] = A B for one m x k by k x n product, in `res`'s arithmetic. */
type Product = (res: TypedArray, c0: number, a: Mat, b: Mat, m: number, k: number, n: number) => void;

/** The product for one matmul call: the path is read once, so a whole batch runs on one kernel. */
function productFor(out: DType): Product {
  // Threads for large products on the WebAssembly kernel; 0 for the plain-JavaScript one.
  const wasmThreads = out === 'float32' && matmulPath() !== 'js' ? matmulThreads() : 0;
  const adaptive = matmulAdaptive();
  // The plain-JS float32 product accumulates in float64, in a scratch reused across the batch.
  let scratch: Float64Array | undefined;
  return (res, c0, a, b, m, k, n) => {
    if (res instanceof Int32Array) {
      intProduct(res, c0, a, b, m, k, n);
    } else if (small(m, k, n)) {
      dotProduct(res, c0, a, b, m, k, n);
    } else if (res instanceof Float64Array) {
      gemm(a, b, res, c0, m, k, n);
    } else {
      const threads = m * k * n >= THREAD_WORK ? wasmThreads : 1;
      if (wasmThreads > 0 && res instanceof Float32Array && wasmProduct(a, b, res, c0, m, k, n, threads, adaptive))
        return;
      // Plain JavaScript: the selected path, or a product too large for the WebAssembly memory.
      if (scratch === undefined || scratch.length < m * n) scratch = new Float64Array(m * n);
      const acc = scratch.subarray(0, m * n);
      acc.fill(0);
      gemm(a, b, acc, 0, m, k, n);
      res.set(acc, c0);
    }
  };
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
