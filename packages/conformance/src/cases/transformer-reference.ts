import { attentionRef, standardize, values, type T1, type T2 } from './nn-reference.js';

/**
 * Multi-head attention and the Transformer layers as "Attention Is All You Need" and PyTorch's
 * documentation write them, over one sequence of plain arrays: the reference of the Transformer
 * cases. Parameters are named as PyTorch's state dicts name them.
 */

export type Params = Record<string, T1 | T2>;
/** Added to score (i, j) of head h. */
type Mask = ((i: number, j: number, h: number) => number) | undefined;

export const linearRef = (x: T2, w: T2, b?: T1): T2 =>
  x.map((r) => w.map((wr, o) => wr.reduce((a, v, j) => a + v * r[j]!, b?.[o] ?? 0)));

export const layerNormRef = (x: T2, g: T1, b: T1): T2 => x.map((r) => standardize(r).map((v, j) => v * g[j]! + b[j]!));

const add = (a: T2, b: T2): T2 => a.map((r, i) => r.map((v, j) => v + b[i]![j]!));

/** q [L, E], k and v [S, E]; `pre` names the attention's parameters (`self_attn.`). */
export function mhaRef(q: T2, k: T2, v: T2, p: Params, pre: string, heads: number, mask?: Mask): T2 {
  const E = q[0]!.length;
  const d = E / heads;
  const inW = p[`${pre}in_proj_weight`] as T2;
  const inB = p[`${pre}in_proj_bias`] as T1;
  const proj = (x: T2, i: number) => linearRef(x, inW.slice(i * E, (i + 1) * E), inB.slice(i * E, (i + 1) * E));
  const [Q, K, V] = [proj(q, 0), proj(k, 1), proj(v, 2)];
  const part = (x: T2, h: number) => x.map((r) => r.slice(h * d, (h + 1) * d));
  const outs = Array.from({ length: heads }, (_, h) =>
    attentionRef(part(Q, h), part(K, h), part(V, h), 1 / Math.sqrt(d), mask && ((i, j) => mask(i, j, h))),
  );
  const joined = Q.map((_, i) => outs.flatMap((o) => o[i]!));
  return linearRef(joined, p[`${pre}out_proj.weight`] as T2, p[`${pre}out_proj.bias`] as T1);
}

const feedRef = (x: T2, p: Params, act: 'relu' | 'gelu'): T2 => {
  const f = act === 'relu' ? (v: number) => Math.max(v, 0) : (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2));
  const hidden = linearRef(x, p['linear1.weight'] as T2, p['linear1.bias'] as T1).map((r) => r.map(f));
  return linearRef(hidden, p['linear2.weight'] as T2, p['linear2.bias'] as T1);
};

const norm = (x: T2, p: Params, k: number) => layerNormRef(x, p[`norm${k}.weight`] as T1, p[`norm${k}.bias`] as T1);

export interface LayerSpec {
  heads: number;
  normFirst?: boolean;
  activation?: 'relu' | 'gelu';
}

/** One encoder layer over x [S, E]: post-norm x = norm(x + block(x)), or pre-norm x = x + block(norm(x)). */
export function encoderLayerRef(x: T2, p: Params, spec: LayerSpec, mask?: Mask): T2 {
  const sa = (y: T2) => mhaRef(y, y, y, p, 'self_attn.', spec.heads, mask);
  const ff = (y: T2) => feedRef(y, p, spec.activation ?? 'relu');
  if (spec.normFirst === true) {
    const y = add(x, sa(norm(x, p, 1)));
    return add(y, ff(norm(y, p, 2)));
  }
  const y = norm(add(x, sa(x)), p, 1);
  return norm(add(y, ff(y)), p, 2);
}

/** One decoder layer over x [T, E] and the memory [S, E]. */
export function decoderLayerRef(x: T2, memory: T2, p: Params, spec: LayerSpec, tgtMask?: Mask, memoryMask?: Mask): T2 {
  const sa = (y: T2) => mhaRef(y, y, y, p, 'self_attn.', spec.heads, tgtMask);
  const ca = (y: T2) => mhaRef(y, memory, memory, p, 'multihead_attn.', spec.heads, memoryMask);
  const ff = (y: T2) => feedRef(y, p, spec.activation ?? 'relu');
  if (spec.normFirst === true) {
    let y = add(x, sa(norm(x, p, 1)));
    y = add(y, ca(norm(y, p, 2)));
    return add(y, ff(norm(y, p, 3)));
  }
  let y = norm(add(x, sa(x)), p, 1);
  y = norm(add(y, ca(y)), p, 2);
  return norm(add(y, ff(y)), p, 3);
}

/** Deterministic parameters of a layer of width E and feed-forward F (norms near 1 and 0). */
export function layerParams(E: number, Fd: number, seed: number, decoder = false): Params {
  const p: Params = {};
  const attn = (pre: string, k: number) => {
    p[`${pre}in_proj_weight`] = values([3 * E, E], k) as T2;
    p[`${pre}in_proj_bias`] = values([3 * E], k + 1) as T1;
    p[`${pre}out_proj.weight`] = values([E, E], k + 2) as T2;
    p[`${pre}out_proj.bias`] = values([E], k + 3) as T1;
  };
  attn('self_attn.', seed);
  if (decoder) attn('multihead_attn.', seed + 4);
  p['linear1.weight'] = values([Fd, E], seed + 8) as T2;
  p['linear1.bias'] = values([Fd], seed + 9) as T1;
  p['linear2.weight'] = values([E, Fd], seed + 10) as T2;
  p['linear2.bias'] = values([E], seed + 11) as T1;
  for (let k = 1; k <= (decoder ? 3 : 2); k++) {
    p[`norm${k}.weight`] = (values([E], seed + 11 + k) as T1).map((v) => 1 + v / 2);
    p[`norm${k}.bias`] = values([E], seed + 15 + k) as T1;
  }
  return p;
}

/** erf: its Maclaurin series below 3 (exact to ~1e-13 there), the asymptotic series of erfc above. */
function erf(x: number): number {
  const a = Math.abs(x);
  if (a >= 3) {
    const x2 = a * a;
    const erfc =
      (Math.exp(-x2) / (a * Math.sqrt(Math.PI))) * (1 - 1 / (2 * x2) + 3 / (4 * x2 * x2) - 15 / (8 * x2 * x2 * x2));
    return Math.sign(x) * (1 - erfc);
  }
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
