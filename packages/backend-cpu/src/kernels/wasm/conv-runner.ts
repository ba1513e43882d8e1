import { contiguousStrides, numel, type View } from '@ag/core';
import type { Mat } from '../matmul-float.js';
import type { Operands } from './gemm-runner.js';
import { align, copyRowsPlus, memoryView, plan, runGemm, stage } from './gemm-runner.js';

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
  if (out.some((o) => o <= 0)) return false;
  const grid = contiguousStrides(padded); // strides of the padded grid
  const G = grid[0]! * padded[0]!; // one image's positions on it
  const taps = kernel.reduce((p, k) => p * k, 1);
  const K = C * taps;
  const L = (N - 1) * G + out.reduce((s, o, i) => s + (o - 1) * grid[i]!, 0) + 1;
  const a = weightMatrix(w);
  const planA = plan(a, O, K);
  // The layout from `at`: A, B's row table, the padded input (B), the input as it is, the output.
  const tabAt = align(4 * planA.floats);
  const bAt = align(tabAt + 4 * K);
  const xAt = align(bAt + 4 * C * N * G);
  const outAt = align(xAt + 4 * numel(x.shape));
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
      padInput(x, padding, grid, G, at + xAt, at + bAt);
      return { A: stage(a, O, K, planA, at), B: { ptr: at + bAt, rs: 0, cs: 4 }, btab: at + tabAt };
    },
  };
  return runGemm(O, K, L, threads, adaptive, operands, (c, ldc) => {
    packOut(4 * c, 4 * ldc, base + outAt, bias, [N, O], out, grid, G);
    const from = (base + outAt) / 4;
    res.set(memoryView().subarray(from, from + res.length));
  });
}

/** Row-major strides of `shape`. */
/** The weight as an O x (C * prod(k)) matrix: its own storage where its dims after the first merge, else a copy. */
function weightMatrix(w: View<Float32Array>): Mat {
  const { shape, strides } = w;
  const nd = shape.length;
  let merged = true;
  for (let i = nd - 2, want = strides[nd - 1]!; i >= 1; i--) {
    want *= shape[i + 1]!;
    if (shape[i]! > 1 && strides[i] !== want) merged = false;
  }
  if (merged) return { data: w.storage, offset: w.offset, rs: strides[0]!, cs: strides[nd - 1]! };
  const dense = new Float32Array(numel(shape));
  gather(w, dense, 0);
  const cols = dense.length / shape[0]!;
  return { data: dense, offset: 0, rs: cols, cs: 1 };
}

/** Visits every coordinate of `shape` (possibly none: once), with its flat index in each of two layouts. */
function each(
  shape: readonly number[],
  first: readonly number[],
  second: readonly number[],
  f: (a: number, b: number) => void,
): void {
  const rows = numel(shape);
  for (let r = 0; r < rows; r++) {
    let a = 0;
    let b = 0;
    for (let i = shape.length - 1, q = r; i >= 0; i--) {
      const coord = q % shape[i]!;
      a += coord * first[i]!;
      b += coord * second[i]!;
      q = Math.floor(q / shape[i]!);
    }
    f(a, b);
  }
}

/** `x` into `dst` from float `at`, row-major. */
function gather(x: View<Float32Array>, dst: Float32Array, at: number): void {
  const { shape, strides, storage, offset } = x;
  const nd = shape.length;
  const last = shape[nd - 1]!;
  const step = strides[nd - 1]!;
  each(shape.slice(0, -1), strides, contiguousStrides(shape), (s, d) => {
    for (let j = 0, from = offset + s, to = at + d; j < last; j++, from += step) dst[to + j] = storage[from]!;
  });
}

/**
 * x [N, C, ...S] as [C, N, ...padded] at byte address `padAt`, zeros around it: x is staged as it
 * is at `xAt` (one copy where contiguous), then `rowsPlus` moves each run of rows into the grid.
 */
function padInput(
  x: View<Float32Array>,
  padding: readonly (readonly [number, number])[],
  grid: readonly number[],
  G: number,
  xAt: number,
  padAt: number,
): void {
  const view = memoryView();
  const [N, C] = x.shape as [number, number];
  const spatial = x.shape.slice(2);
  const size = numel(x.shape);
  const dense = contiguousStrides(spatial);
  const S = dense[0]! * spatial[0]!;
  const rowMajor = contiguousStrides(x.shape);
  if (x.strides.every((s, i) => x.shape[i] === 1 || s === rowMajor[i])) {
    view.set(x.storage.subarray(x.offset, x.offset + size), xAt / 4);
  } else {
    gather(x, view, xAt / 4);
  }
  view.fill(0, padAt / 4, padAt / 4 + C * N * G);
  const before = padding.reduce((s, [p], i) => s + p * grid[i]!, 0);
  const { len, count, stride } = rowRuns(spatial, grid);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const from = xAt + 4 * (n * C + c) * S;
      const to = padAt + 4 * ((c * N + n) * G + before);
      each(spatial.slice(0, -2), dense, grid, (s, d) => {
        copyRowsPlus(from + 4 * s, 4 * len, to + 4 * d, stride, len, count, 0);
      });
    }
  }
}

/** The runs of rows along the last two dims of `shape` that one `rowsPlus` moves: row length, rows, row stride on the grid (bytes). */
function rowRuns(shape: readonly number[], grid: readonly number[]): { len: number; count: number; stride: number } {
  const nd = shape.length;
  return nd >= 2
    ? { len: shape[nd - 1]!, count: shape[nd - 2]!, stride: 4 * grid[nd - 2]! }
    : { len: shape[0]!, count: 1, stride: 0 };
}

/**
 * The output [N, O, ...out] at byte address `dst` from the product C (row o at byte c + o * ldc,
 * column n * G + grid position), plus the bias.
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
  const { len, count, stride } = rowRuns(out, grid);
  const dense = contiguousStrides(out);
  const per = dense[0]! * out[0]!;
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      const b = bias === null ? 0 : bias.storage[bias.offset + o * bias.strides[0]!]!;
      const from = c + o * ldc + 4 * n * G;
      const to = dst + 4 * (n * O + o) * per;
      each(out.slice(0, -2), grid, dense, (g, d) => {
        copyRowsPlus(from + 4 * g, stride, to + 4 * d, 4 * len, len, count, b);
      });
    }
  }
}
