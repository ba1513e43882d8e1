/**
 * Plain-loop reference implementations of the nn functions, over nested number arrays: the
 * textbook definitions, independent of ag, that the nn and loss cases take expected values from.
 */

export type T1 = number[];
export type T2 = number[][];
export type T3 = number[][][];
export type T4 = number[][][][];

/** One 2x2 image [[1, 2], [3, 4]] as [1, 1, 2, 2], the hand-worked cases' input. */
export const SQUARE: T4 = [
  [
    [
      [1, 2],
      [3, 4],
    ],
  ],
];

/** An input of nested numbers that requires a gradient (the cases' nested arrays typed loosely). */
export const g = (values: unknown) => ({ values: values as number[], requiresGrad: true });

/** Deterministic values in [-1, 1) with distinct neighbours (no ties in small windows). */
export function values(shape: readonly number[], seed: number): unknown {
  let k = seed;
  const next = () => (k = (k * 37 + 11) % 101) / 50 - 1;
  const build = (d: number): unknown =>
    d === shape.length ? next() : Array.from({ length: shape[d]! }, () => build(d + 1));
  return build(0);
}

export interface Conv2dSpec {
  stride?: [number, number];
  /** [top, bottom, left, right]. */
  pad?: [number, number, number, number];
  dilation?: [number, number];
  groups?: number;
}

/** out[n][o][i][j] = b[o] + sum over c, a, b of x[n][g*Cg + c][i*s - p + a*d][j*s - p + b*d] w[o][c][a][b]. */
export function conv2dRef(x: T4, w: T4, bias: T1 | null, spec: Conv2dSpec = {}): T4 {
  const [sH, sW] = spec.stride ?? [1, 1];
  const [pt, pb, pl, pr] = spec.pad ?? [0, 0, 0, 0];
  const [dH, dW] = spec.dilation ?? [1, 1];
  const groups = spec.groups ?? 1;
  const H = x[0]![0]!.length;
  const W = x[0]![0]![0]!.length;
  const O = w.length;
  const Cg = w[0]!.length;
  const kH = w[0]![0]!.length;
  const kW = w[0]![0]![0]!.length;
  const OH = Math.floor((H + pt + pb - dH * (kH - 1) - 1) / sH) + 1;
  const OW = Math.floor((W + pl + pr - dW * (kW - 1) - 1) / sW) + 1;
  return x.map((xn) =>
    w.map((wo, o) => {
      const g = Math.floor(o / (O / groups));
      return Array.from({ length: OH }, (_, i) =>
        Array.from({ length: OW }, (_, j) => {
          let acc = bias === null ? 0 : bias[o]!;
          for (let c = 0; c < Cg; c++) {
            for (let a = 0; a < kH; a++) {
              for (let b = 0; b < kW; b++) {
                const h = i * sH - pt + a * dH;
                const v = j * sW - pl + b * dW;
                if (h >= 0 && h < H && v >= 0 && v < W) acc += xn[g * Cg + c]![h]![v]! * wo[c]![a]![b]!;
              }
            }
          }
          return acc;
        }),
      );
    }),
  );
}

/** conv1d as a conv2d of height 1. */
export function conv1dRef(
  x: T3,
  w: T3,
  bias: T1 | null,
  stride = 1,
  pad: [number, number] = [0, 0],
  dilation = 1,
  groups = 1,
): T3 {
  const out = conv2dRef(
    x.map((xn) => xn.map((row) => [row])),
    w.map((wo) => wo.map((row) => [row])),
    bias,
    { stride: [1, stride], pad: [0, 0, pad[0], pad[1]], dilation: [1, dilation], groups },
  );
  return out.map((on) => on.map((oc) => oc[0]!));
}

export interface PoolSpec {
  kernel: [number, number];
  stride?: [number, number];
  pad?: [number, number];
  dilation?: [number, number];
  ceil?: boolean;
}

function poolSize(n: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const span = n + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= n + p) out--;
  return out;
}

/** Per plane: the elements of each window inside the input (with their flat index), and PyTorch's divisors. */
function pool2dRef(
  x: T4,
  spec: PoolSpec,
  reduce: (inside: { v: number; at: number }[], window: { full: number; padded: number }) => number,
): T4 {
  const [kH, kW] = spec.kernel;
  const [sH, sW] = spec.stride ?? spec.kernel;
  const [pH, pW] = spec.pad ?? [0, 0];
  const [dH, dW] = spec.dilation ?? [1, 1];
  const H = x[0]![0]!.length;
  const W = x[0]![0]![0]!.length;
  const OH = poolSize(H, kH, sH, pH, dH, spec.ceil ?? false);
  const OW = poolSize(W, kW, sW, pW, dW, spec.ceil ?? false);
  return x.map((xn) =>
    xn.map((plane) =>
      Array.from({ length: OH }, (_, i) =>
        Array.from({ length: OW }, (_, j) => {
          const inside: { v: number; at: number }[] = [];
          for (let a = 0; a < kH; a++) {
            for (let b = 0; b < kW; b++) {
              const h = i * sH - pH + a * dH;
              const v = j * sW - pW + b * dW;
              if (h >= 0 && h < H && v >= 0 && v < W) inside.push({ v: plane[h]![v]!, at: h * W + v });
            }
          }
          // PyTorch's avg_pool divisor: the window clipped to the padded input.
          const h0 = i * sH - pH;
          const w0 = j * sW - pW;
          const padded = (Math.min(h0 + kH, H + pH) - h0) * (Math.min(w0 + kW, W + pW) - w0);
          return reduce(inside, { full: kH * kW, padded });
        }),
      ),
    ),
  );
}

export function maxPool2dRef(x: T4, spec: PoolSpec): T4 {
  return pool2dRef(x, spec, (inside) => Math.max(...inside.map((e) => e.v)));
}

export function maxPool2dIndicesRef(x: T4, spec: PoolSpec): T4 {
  return pool2dRef(x, spec, (inside) => inside.reduce((best, e) => (e.v > best.v ? e : best)).at);
}

export function avgPool2dRef(x: T4, spec: PoolSpec, countIncludePad = true, divisorOverride?: number): T4 {
  return pool2dRef(x, spec, (inside, window) => {
    const total = inside.reduce((s, e) => s + e.v, 0);
    return total / (divisorOverride ?? (countIncludePad ? window.padded : inside.length));
  });
}

/** Window i of n into out: [floor(i n / out), ceil((i + 1) n / out)). */
export function adaptiveAvgPool2dRef(x: T4, OH: number, OW: number): T4 {
  const H = x[0]![0]!.length;
  const W = x[0]![0]![0]!.length;
  return x.map((xn) =>
    xn.map((plane) =>
      Array.from({ length: OH }, (_, i) =>
        Array.from({ length: OW }, (_, j) => {
          const [h0, h1] = [Math.floor((i * H) / OH), Math.ceil(((i + 1) * H) / OH)];
          const [w0, w1] = [Math.floor((j * W) / OW), Math.ceil(((j + 1) * W) / OW)];
          let s = 0;
          for (let h = h0; h < h1; h++) for (let v = w0; v < w1; v++) s += plane[h]![v]!;
          return s / ((h1 - h0) * (w1 - w0));
        }),
      ),
    ),
  );
}

/** (v - mean) / sqrt(biased var + eps) of a flat list. */
export function standardize(v: readonly number[], eps = 1e-5): number[] {
  const m = v.reduce((s, e) => s + e, 0) / v.length;
  const variance = v.reduce((s, e) => s + (e - m) ** 2, 0) / v.length;
  return v.map((e) => (e - m) / Math.sqrt(variance + eps));
}

export function softmaxRow(row: readonly number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** softmax(q k^T * scale + mask) v for one [L, E] / [S, E] / [S, Ev] head; mask[i][j] false or -Infinity drops a key. */
export function attentionRef(q: T2, k: T2, v: T2, scale: number, mask?: (i: number, j: number) => number): T2 {
  return q.map((qi, i) => {
    const scores = k.map(
      (kj, j) => qi.reduce((s, e, d) => s + e * kj[d]!, 0) * scale + (mask === undefined ? 0 : mask(i, j)),
    );
    const p = softmaxRow(scores);
    return v[0]!.map((_, c) => p.reduce((s, pj, j) => s + pj * v[j]![c]!, 0));
  });
}
