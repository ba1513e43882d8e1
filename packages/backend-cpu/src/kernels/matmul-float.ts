/**
 * Floating matrix product C += A B, GotoBLAS style in plain JavaScript: the float64 product, and
 * the float32 one where WebAssembly SIMD is unavailable or not selected (matmul-path.ts; the
 * WebAssembly kernel, wasm/gemm.wat, has the same structure). Blocks of A and B are
 * packed into contiguous float64 panels (zero-padded to whole 4-wide strips) so the micro-kernel
 * reads both along memory whatever the operands' strides, and the micro-kernel keeps a 4x4 block
 * of C in sixteen local variables (registers) across the whole K loop, which makes it several
 * times faster than naive loops (docs/performance.md).
 */

/** A strided matrix: element (i, j) is data[offset + i * rs + j * cs]. */
export interface Mat {
  readonly data: ArrayLike<number>;
  readonly offset: number;
  readonly rs: number;
  readonly cs: number;
}

const MR = 4; // rows of A per strip; the micro-kernel's height
const NR = 4; // columns of B per strip; the micro-kernel's width
const KC = 256; // depth of a packed block: an A strip (8 KiB) and a B strip stay in L1
const MC = 64; // rows of a packed A block (128 KiB, in L2)
const NC = 2048; // columns of a packed B block (4 MiB at most, in L3)

// Packing buffers, grown on demand and reused across calls (kernels run one at a time).
const packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(0);

/** C[c + i * N + j] += (A B)[i, j] for an M x K by K x N product; C is row-major with N columns. */
export function gemm(a: Mat, b: Mat, c: Float64Array, c0: number, m: number, k: number, n: number): void {
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let k0 = 0; k0 < k; k0 += KC) {
      const kc = Math.min(KC, k - k0);
      const bSize = Math.ceil(nc / NR) * NR * kc;
      if (packedB.length < bSize) packedB = new Float64Array(bSize);
      packB(b, k0, kc, j0, nc, packedB);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, i0, mc, k0, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          for (let ir = 0; ir < mc; ir += MR) {
            const ci = c0 + (i0 + ir) * n + j0 + jr;
            micro(kc, packedA, ir * kc, packedB, jr * kc, c, ci, n, Math.min(MR, mc - ir), Math.min(NR, nc - jr));
          }
        }
      }
    }
  }
}

/** Rows [i0, i0 + mc) and depths [k0, k0 + kc) of A as strips: strip r holds MR rows per depth. */
function packA(a: Mat, i0: number, mc: number, k0: number, kc: number, dst: Float64Array): void {
  const { data, rs, cs } = a;
  let p = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    const base = a.offset + (i0 + ir) * rs + k0 * cs;
    for (let kk = 0; kk < kc; kk++) {
      const at = base + kk * cs;
      for (let r = 0; r < MR; r++) dst[p++] = r < rows ? data[at + r * rs]! : 0;
    }
  }
}

/** Depths [k0, k0 + kc) and columns [j0, j0 + nc) of B as strips: NR columns per depth. */
function packB(b: Mat, k0: number, kc: number, j0: number, nc: number, dst: Float64Array): void {
  const { data, rs, cs } = b;
  let p = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    const base = b.offset + k0 * rs + (j0 + jr) * cs;
    for (let kk = 0; kk < kc; kk++) {
      const at = base + kk * rs;
      for (let q = 0; q < NR; q++) dst[p++] = q < cols ? data[at + q * cs]! : 0;
    }
  }
}

const edge = new Float64Array(MR * NR);

/** C[ci + r * ldc + q] += sum over kk of A strip (r, kk) * B strip (kk, q), for r < mr, q < nr. */
function micro(
  kc: number,
  pa: Float64Array,
  ai: number,
  pb: Float64Array,
  bi: number,
  c: Float64Array,
  ci: number,
  ldc: number,
  mr: number,
  nr: number,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0,
    c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0,
    c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  for (let kk = 0; kk < kc; kk++, ai += MR, bi += NR) {
    const a0 = pa[ai]!,
      a1 = pa[ai + 1]!,
      a2 = pa[ai + 2]!,
      a3 = pa[ai + 3]!;
    const b0 = pb[bi]!,
      b1 = pb[bi + 1]!,
      b2 = pb[bi + 2]!,
      b3 = pb[bi + 3]!;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  if (mr === MR && nr === NR) {
    let i = ci;
    c[i]! += c00;
    c[i + 1]! += c01;
    c[i + 2]! += c02;
    c[i + 3]! += c03;
    i += ldc;
    c[i]! += c10;
    c[i + 1]! += c11;
    c[i + 2]! += c12;
    c[i + 3]! += c13;
    i += ldc;
    c[i]! += c20;
    c[i + 1]! += c21;
    c[i + 2]! += c22;
    c[i + 3]! += c23;
    i += ldc;
    c[i]! += c30;
    c[i + 1]! += c31;
    c[i + 2]! += c32;
    c[i + 3]! += c33;
    return;
  }
  // A partial block at the bottom or right edge: only the first mr rows and nr columns exist.
  edge.set([c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33]);
  for (let r = 0; r < mr; r++) {
    for (let q = 0; q < nr; q++) c[ci + r * ldc + q]! += edge[r * NR + q]!;
  }
}
