import type { T1, T2 } from './nn-reference.js';

/**
 * The recurrences written out as PyTorch's documentation states them, over plain number arrays
 * (one sequence at a time): the reference the RNN cases take expected values from.
 */

export type CellKind = 'tanh' | 'relu' | 'lstm' | 'gru';

/** One direction of one layer: w_ih [G*H, in], w_hh [G*H, H_out], biases [G*H], w_hr [P, H] when projected. */
export interface RefWeights {
  ih: T2;
  hh: T2;
  bih?: T1;
  bhh?: T1;
  hr?: T2;
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** w v + b, row by row. */
function affine(w: T2, v: T1, b?: T1): T1 {
  return w.map((row, i) => row.reduce((acc, wij, j) => acc + wij * v[j]!, b?.[i] ?? 0));
}

/** Gate k of size H out of a stacked projection. */
const gate = (v: T1, k: number, H: number): T1 => v.slice(k * H, (k + 1) * H);

/** One step: the next [h, c] (c unused but for the LSTM). */
export function cellRef(kind: CellKind, x: T1, h: T1, c: T1, w: RefWeights): [T1, T1] {
  const gi = affine(w.ih, x, w.bih);
  const gh = affine(w.hh, h, w.bhh);
  if (kind === 'tanh' || kind === 'relu') {
    const pre = gi.map((v, i) => v + gh[i]!);
    return [pre.map(kind === 'tanh' ? Math.tanh : (v) => Math.max(v, 0)), c];
  }
  if (kind === 'lstm') {
    const H = gi.length / 4;
    const a = gi.map((v, i) => v + gh[i]!);
    const [i, f, g, o] = [0, 1, 2, 3].map((k) => gate(a, k, H)) as [T1, T1, T1, T1];
    const c1 = c.map((cj, j) => sigmoid(f[j]!) * cj + sigmoid(i[j]!) * Math.tanh(g[j]!));
    const h1 = c1.map((cj, j) => sigmoid(o[j]!) * Math.tanh(cj));
    return [w.hr === undefined ? h1 : affine(w.hr, h1), c1];
  }
  const H = gi.length / 3;
  return [
    h.map((hj, j) => {
      const r = sigmoid(gi[j]! + gh[j]!);
      const z = sigmoid(gi[H + j]! + gh[H + j]!);
      const n = Math.tanh(gi[2 * H + j]! + r * gh[2 * H + j]!);
      return (1 - z) * n + z * hj;
    }),
    c,
  ];
}

/** One direction over a sequence xs [T][in]: the outputs [T][H_out] and the last [h, c]. */
export function directionRef(kind: CellKind, xs: T2, h0: T1, c0: T1, w: RefWeights, reverse: boolean): [T2, [T1, T1]] {
  const outs: T2 = new Array<T1>(xs.length);
  let state: [T1, T1] = [h0, c0];
  for (let s = 0; s < xs.length; s++) {
    const t = reverse ? xs.length - 1 - s : s;
    state = cellRef(kind, xs[t]!, state[0], state[1], w);
    outs[t] = state[0];
  }
  return [outs, state];
}

/**
 * A stack of layers over one sequence: weights [layer * directions + direction], initial states
 * likewise. Returns the last layer's outputs [T][D*H_out] and the last states by layer and direction.
 */
export function stackRef(kind: CellKind, xs: T2, ws: RefWeights[], h0: T2, c0: T2, directions: 1 | 2): [T2, T2, T2] {
  const hn: T2 = [];
  const cn: T2 = [];
  let input = xs;
  for (let l = 0; l < ws.length / directions; l++) {
    const outs = Array.from({ length: directions }, (_, d) => {
      const k = l * directions + d;
      const [o, [h, c]] = directionRef(kind, input, h0[k]!, c0[k]!, ws[k]!, d === 1);
      hn.push(h);
      cn.push(c);
      return o;
    });
    input = input.map((_, t) => outs.flatMap((o) => o[t]!));
  }
  return [input, hn, cn];
}
