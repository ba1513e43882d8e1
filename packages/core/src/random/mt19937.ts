/**
 * The 32-bit Mersenne Twister, as PyTorch's CPU generator runs it (ATen's MT19937RNGEngine.h):
 * seeded from the low 32 bits of the seed by the reference `init_genrand`, and regenerating
 * the whole 624-word state when `left` runs out. Its fields are the ones PyTorch saves in
 * `get_rng_state()`, so a state moves between the two unchanged.
 */
export const MT_N = 624;
const MT_M = 397;

export interface MtState {
  /** The full 64-bit seed it was seeded with (PyTorch keeps it for `initial_seed()`). */
  seed: bigint;
  /** Outputs left before the state regenerates, plus one (1 right after seeding). */
  left: number;
  /** Index of the next state word to temper. */
  next: number;
  readonly words: Uint32Array;
}

export function seededState(seed: bigint): MtState {
  const words = new Uint32Array(MT_N);
  words[0] = Number(seed & 0xffffffffn);
  for (let j = 1; j < MT_N; j++) {
    const prev = words[j - 1]!;
    words[j] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) >>> 0;
  }
  return { seed, left: 1, next: 0, words };
}

function twist(u: number, v: number): number {
  const mixed = (u & 0x80000000) | (v & 0x7fffffff);
  return (mixed >>> 1) ^ (v & 1 ? 0x9908b0df : 0);
}

function regenerate(s: MtState): void {
  const w = s.words;
  let p = 0;
  for (; p < MT_N - MT_M; p++) w[p] = w[p + MT_M]! ^ twist(w[p]!, w[p + 1]!);
  for (; p < MT_N - 1; p++) w[p] = w[p + MT_M - MT_N]! ^ twist(w[p]!, w[p + 1]!);
  w[p] = w[p + MT_M - MT_N]! ^ twist(w[p]!, w[0]!);
  s.left = MT_N;
  s.next = 0;
}

/** The next 32-bit output, as an unsigned integer. */
export function nextUint32(s: MtState): number {
  if (--s.left === 0) regenerate(s);
  let y = s.words[s.next++]!;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}
