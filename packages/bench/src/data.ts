/**
 * Inputs shared by every contender: the same seeded values for each library, so no library gets
 * easier numbers (denormals, zeros) than another.
 */
export function randomF32(n: number, seed = 1, scale = 1): Float32Array<ArrayBuffer> {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    // xorshift32: fast and good enough for benchmark inputs.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 4294967296 - 0.5) * 2 * scale;
  }
  return out;
}

export function labels(n: number, classes: number, seed = 7): Int32Array<ArrayBuffer> {
  const r = randomF32(n, seed);
  return Int32Array.from(r, (v) => Math.min(classes - 1, Math.floor(((v + 1) / 2) * classes)));
}

/** Shapes of the work, in one place so every contender does the same. */
export const SHAPES = {
  elementwise: 1 << 20,
  sum: 1 << 22,
  softmax: [4096, 1024],
  conv: { n: 8, c: 16, h: 32, w: 32, o: 32, k: 3 },
  mlp: { batch: 128, input: 784, hidden: 256, classes: 10, lr: 0.01 },
} as const;

/** The autograd chain's input: 0.5 in every element of `shape`. */
export function chainInput(shape: readonly number[]): Float32Array<ArrayBuffer> {
  return new Float32Array(shape.reduce((n, d) => n * d, 1)).fill(0.5);
}

/** He-style scale for a layer's weights, so the MLP's loss stays finite over many steps. */
export const heScale = (fanIn: number): number => Math.sqrt(2 / fanIn);
