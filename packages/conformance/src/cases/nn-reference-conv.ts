/**
 * Plain-loop references for transposed and 3-D convolution and 3-D max pooling, over nested
 * number arrays: the textbook definitions, independent of ag.
 */
import type { T1, T4 } from './nn-reference.js';

export type T5 = number[][][][][];

export interface ConvTSpec {
  stride?: [number, number];
  pad?: [number, number];
  outPad?: [number, number];
  dilation?: [number, number];
  groups?: number;
}

/**
 * The transposed convolution as a scatter: each x[n][c][h][w] times w[c][o][a][b] is added at
 * out[n][g Og + o][h s - p + a d][w s - p + b d] (positions outside the output dropped).
 */
export function convTranspose2dRef(x: T4, w: T4, bias: T1 | null, spec: ConvTSpec = {}): T4 {
  const [sH, sW] = spec.stride ?? [1, 1];
  const [pH, pW] = spec.pad ?? [0, 0];
  const [oH, oW] = spec.outPad ?? [0, 0];
  const [dH, dW] = spec.dilation ?? [1, 1];
  const G = spec.groups ?? 1;
  const C = w.length;
  const Og = w[0]!.length;
  const kH = w[0]![0]!.length;
  const kW = w[0]![0]![0]!.length;
  const H = x[0]![0]!.length;
  const W = x[0]![0]![0]!.length;
  const OH = (H - 1) * sH - 2 * pH + dH * (kH - 1) + oH + 1;
  const OW = (W - 1) * sW - 2 * pW + dW * (kW - 1) + oW + 1;
  return x.map((xn) => {
    const out = Array.from({ length: Og * G }, (_, o) =>
      Array.from({ length: OH }, () => new Array<number>(OW).fill(bias === null ? 0 : bias[o]!)),
    );
    for (let c = 0; c < C; c++) {
      const g = Math.floor(c / (C / G));
      for (let h = 0; h < H; h++)
        for (let v = 0; v < W; v++)
          for (let o = 0; o < Og; o++)
            for (let a = 0; a < kH; a++)
              for (let b = 0; b < kW; b++) {
                const i = h * sH - pH + a * dH;
                const j = v * sW - pW + b * dW;
                if (i >= 0 && i < OH && j >= 0 && j < OW)
                  out[g * Og + o]![i]![j]! += xn[c]![h]![v]! * w[c]![o]![a]![b]!;
              }
    }
    return out;
  });
}

export interface Conv3dSpec {
  stride?: [number, number, number];
  pad?: [number, number, number];
  dilation?: [number, number, number];
  groups?: number;
}

const outSize = (n: number, k: number, s: number, p: number, d: number) =>
  Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

/** out[n][o][i][j][l] = b[o] + sum over c, a, b, e of x[n][g Cg + c][i s - p + a d][...][...] w[o][c][a][b][e]. */
export function conv3dRef(x: T5, w: T5, bias: T1 | null, spec: Conv3dSpec = {}): T5 {
  const s = spec.stride ?? [1, 1, 1];
  const p = spec.pad ?? [0, 0, 0];
  const d = spec.dilation ?? [1, 1, 1];
  const G = spec.groups ?? 1;
  const S = [x[0]![0]!.length, x[0]![0]![0]!.length, x[0]![0]![0]![0]!.length];
  const K = [w[0]![0]!.length, w[0]![0]![0]!.length, w[0]![0]![0]![0]!.length];
  const O = S.map((n, i) => outSize(n, K[i]!, s[i]!, p[i]!, d[i]!));
  const Cg = w[0]!.length;
  const at = (xn: T5[number], c: number, i: number, j: number, l: number): number =>
    i < 0 || j < 0 || l < 0 || i >= S[0]! || j >= S[1]! || l >= S[2]! ? 0 : xn[c]![i]![j]![l]!;
  return x.map((xn) =>
    w.map((wo, o) => {
      const g = Math.floor(o / (w.length / G));
      return Array.from({ length: O[0]! }, (_, i) =>
        Array.from({ length: O[1]! }, (_, j) =>
          Array.from({ length: O[2]! }, (_, l) => {
            let acc = bias === null ? 0 : bias[o]!;
            for (let c = 0; c < Cg; c++)
              for (let a = 0; a < K[0]!; a++)
                for (let b = 0; b < K[1]!; b++)
                  for (let e = 0; e < K[2]!; e++)
                    acc +=
                      at(
                        xn,
                        g * Cg + c,
                        i * s[0] - p[0] + a * d[0],
                        j * s[1] - p[1] + b * d[1],
                        l * s[2] - p[2] + e * d[2],
                      ) * wo[c]![a]![b]![e]!;
            return acc;
          }),
        ),
      );
    }),
  );
}

/** Max over each k^3 window (stride s, padding p, padding as -Infinity) of x [N, C, D, H, W]; with `indices`, the flat index in its volume of each first maximum. */
export function maxPool3dRef(x: T5, k: number, s: number, p: number, indices = false): T5 {
  return x.map((xn) =>
    xn.map((xc) => {
      const S = [xc.length, xc[0]!.length, xc[0]![0]!.length];
      const O = S.map((n) => outSize(n, k, s, p, 1));
      return Array.from({ length: O[0]! }, (_, i) =>
        Array.from({ length: O[1]! }, (_, j) =>
          Array.from({ length: O[2]! }, (_, l) => {
            let best = -Infinity;
            let where = -1;
            for (let a = 0; a < k; a++)
              for (let b = 0; b < k; b++)
                for (let e = 0; e < k; e++) {
                  const [u, v, q] = [i * s - p + a, j * s - p + b, l * s - p + e];
                  if (u < 0 || v < 0 || q < 0 || u >= S[0]! || v >= S[1]! || q >= S[2]!) continue;
                  if (xc[u]![v]![q]! > best) {
                    best = xc[u]![v]![q]!;
                    where = (u * S[1]! + v) * S[2]! + q;
                  }
                }
            return indices ? where : best;
          }),
        ),
      );
    }),
  );
}
