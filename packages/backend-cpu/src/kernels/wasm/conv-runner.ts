import type { View } from '@ag/core';
import type { Mat } from '../matmul-float.js';
import type { Operands } from './gemm-runner.js';
import { copyRowsPlus, memoryView, plan, runGemm, stage } from './gemm-runner.js';

/**
 * A stride-1 convolution (1 to 3 spatial dims, one group) as one gemm.wat product without a
 * column matrix: the input is copied once, zero-padded and channel-major ([C, N, ...padded]), and
 * the product's B is the implicit im2col matrix whose row (c, kernel position) is that copy
 * shifted by the position's offset, read through a table of row offsets ($packBRows). Its columns
 * run over every position of the padded grid, so one row of B is one contiguous run; the columns
 * whose window would leave the grid are computed and dropped when the output (with the bias) is
 * read out as [N, O, ...out]. That costs the fraction of the grid that is padding (13% at 32 x 32
 * with padding 1) and saves the column copy (prod(kernel) times the input), its staging and the
 * output's permutation.
 */

export interface ConvArgs {
  /** [N, C, ...S] and [O, C, ...k], float32. */
  readonly x: View<Float32Array>;
  readonly w: View<Float32Array>;
  /** [O], or null. */
  readonly bias: View<Float32Array> | null;
  /** Zeros before and after each spatial dim. */
  readonly padding: readonly (readonly [number, number])[];
  readonly dilation: readonly number[];
}

/** The output [N, O, ...out] into `res`, on up to `threads` threads; false where the product does not fit. */
export function wasmConv(args: ConvArgs, res: Float32Array<ArrayBuffer>, threads: number, adaptive: boolean): boolean {
  const { x, w, bias, padding, dilation } = args;
  const nd = x.shape.length - 2;
  const [N, C] = x.shape as [number, number];
  const O = w.shape[0]!;
  const kernel = w.shape.slice(2);
  const padded = x.shape.slice(2).map((s, i) => s + padding[i]![0] + padding[i]![1]);
  const out = padded.map((p, i) => p - dilation[i]! * (kernel[i]! - 1));
  const a = weightMatrix(w);
  if (a === null || out.some((o) => o <= 0)) return false;
  // Strides of the padded grid, innermost first to outermost, and one image's positions.
  const grid = new Array<number>(nd);
  let G = 1;
  for (let i = nd - 1; i >= 0; i--) {
    grid[i] = G;
    G *= padded[i]!;
  }
  const taps = kernel.reduce((p, k) => p * k, 1);
  const K = C * taps;
  const L = (N - 1) * G + out.reduce((s, o, i) => s + (o - 1) * grid[i]!, 0) + 1;
  const planA = plan(a, O, K);
  const tabAt = align(4 * planA.floats);
  const bAt = align(tabAt + 4 * K);
  // The output, packed, after the padded input: copied out in one block.
  const outAt = align(bAt + 4 * C * N * G);
  let base = 0;
  const operands: Operands = {
    bytes: outAt + 4 * res.length,
    stage: (at) => {
      base = at;
      const view = memoryView();
      const ints = new Int32Array(view.buffer, view.byteOffset, view.length);
      // Row (c, tap) of B: channel c's copy shifted by the tap's offset on the grid, in bytes.
      for (let t = 0; t < taps; t++) {
        let off = 0;
        for (let i = nd - 1, r = t; i >= 0; i--) {
          off += (r % kernel[i]!) * dilation[i]! * grid[i]!;
          r = Math.floor(r / kernel[i]!);
        }
        for (let c = 0; c < C; c++) ints[(at + tabAt) / 4 + c * taps + t] = 4 * (c * N * G + off);
      }
      padInput(x, padding, grid, G, view, (at + bAt) / 4);
      return { A: stage(a, O, K, planA, at), B: { ptr: at + bAt, rs: 0, cs: 4 }, btab: at + tabAt };
    },
  };
  return runGemm(O, K, L, threads, adaptive, operands, (c, ldc) => {
    packOut(c, ldc, base + outAt, bias, [N, O], out, grid, G);
    const from = (base + outAt) / 4;
    res.set(memoryView().subarray(from, from + res.length));
  });
}

/** The weight as an O x (C * prod(k)) matrix, or null where its dims after the first do not merge. */
function weightMatrix(w: View<Float32Array>): Mat | null {
  const { shape, strides } = w;
  for (let i = 1; i < shape.length - 1; i++) {
    if (shape[i + 1]! > 1 && strides[i] !== strides[i + 1]! * shape[i + 1]!) return null;
  }
  return { data: w.storage, offset: w.offset, rs: strides[0]!, cs: strides[shape.length - 1]! };
}

/** Visits every row (all coordinates but the last) of `shape`, with its flat index in each of two layouts. */
function eachRow(
  shape: readonly number[],
  first: readonly number[],
  second: readonly number[],
  f: (a: number, b: number) => void,
): void {
  const nd = shape.length;
  let rows = 1;
  for (let i = 0; i < nd - 1; i++) rows *= shape[i]!;
  for (let r = 0; r < rows; r++) {
    let a = 0;
    let b = 0;
    for (let i = nd - 2, q = r; i >= 0; i--) {
      const coord = q % shape[i]!;
      a += coord * first[i]!;
      b += coord * second[i]!;
      q = Math.floor(q / shape[i]!);
    }
    f(a, b);
  }
}

/** x [N, C, ...S] into dst (floats from `at`) as [C, N, ...padded], zeros around it. */
function padInput(
  x: View<Float32Array>,
  padding: readonly (readonly [number, number])[],
  grid: readonly number[],
  G: number,
  dst: Float32Array,
  at: number,
): void {
  const [N, C] = x.shape as [number, number];
  const spatial = x.shape.slice(2);
  const nd = spatial.length;
  const { storage, strides } = x;
  const last = spatial[nd - 1]!;
  const step = strides[strides.length - 1]!;
  dst.fill(0, at, at + C * N * G);
  const before = padding.reduce((s, [p], i) => s + p * grid[i]!, 0);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const src0 = x.offset + n * strides[0]! + c * strides[1]!;
      const dst0 = at + (c * N + n) * G + before;
      eachRow(spatial, strides.slice(2), grid, (s, d) => {
        const from = src0 + s;
        const to = dst0 + d;
        if (step === 1) dst.set(storage.subarray(from, from + last), to);
        else for (let j = 0; j < last; j++) dst[to + j] = storage[from + j * step]!;
      });
    }
  }
}

/**
 * The output [N, O, ...out] at byte address `dst` from the product C (row o at float c + o * ldc,
 * column n * G + grid position), plus the bias: one `rowsPlus` per run of output rows.
 */
function packOut(
  c: number,
  ldc: number,
  dst: number,
  bias: View<Float32Array> | null,
  [N, O]: readonly [number, number],
  out: readonly number[],
  grid: readonly number[],
  G: number,
): void {
  const nd = out.length;
  const len = out[nd - 1]!;
  // Rows along the second-last dim are one call; the dims before it (3-d) one call each.
  const count = nd >= 2 ? out[nd - 2]! : 1;
  const stride = nd >= 2 ? 4 * grid[nd - 2]! : 0;
  const outer = out.slice(0, Math.max(nd - 2, 0));
  const blocks = outer.reduce((p, o) => p * o, 1);
  let to = dst;
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      const b = bias === null ? 0 : bias.storage[bias.offset + o * bias.strides[0]!]!;
      for (let r = 0; r < blocks; r++) {
        let g = 0;
        for (let i = outer.length - 1, q = r; i >= 0; i--) {
          g += (q % outer[i]!) * grid[i]!;
          q = Math.floor(q / outer[i]!);
        }
        copyRowsPlus(4 * (c + o * ldc + n * G + g), stride, to, len, count, b);
        to += 4 * len * count;
      }
    }
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}
