/**
 * The seeded generator behind `rand`, `randn` and everything random. Values are drawn on the
 * host, so a seed gives the same numbers on every backend. xoshiro128** (32-bit state words,
 * exact in JavaScript integer arithmetic), seeded through splitmix32.
 */
const state = new Uint32Array(4);

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Seeds the generator (torch.manual_seed). */
export function manualSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new Error(`manualSeed: expected a finite number, got ${seed}`);
  const next = splitmix32(Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32));
  for (let i = 0; i < 4; i++) state[i] = next();
}

manualSeed(Date.now());

function nextUint32(): number {
  const s0 = state[0]!,
    s1 = state[1]!,
    s2 = state[2]!,
    s3 = state[3]!;
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = (s1 << 9) >>> 0;
  const n2 = (s2 ^ s0) >>> 0;
  const n3 = (s3 ^ s1) >>> 0;
  state[1] = (s1 ^ n2) >>> 0;
  state[0] = (s0 ^ n3) >>> 0;
  state[2] = (n2 ^ t) >>> 0;
  state[3] = rotl(n3, 11);
  return r;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A uniform float in [0, 1) with 24 random bits (every float32 step in [0.5, 1) is reachable). */
export function uniform(): number {
  return (nextUint32() >>> 8) * 2 ** -24;
}

/** `n` uniform samples in [0, 1). */
export function uniforms(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = uniform();
  return out;
}

/** `n` standard normal samples (Box-Muller on pairs of uniforms). */
export function normals(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - uniform(); // in (0, 1]: log is finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}
