/**
 * One interface for every library in the benchmark, so the table is generated from data rather
 * than written by hand. A contender prepares each piece of work once (inputs made, untimed) and
 * returns a `Prepared` whose `run` is one timed repetition; `run` must force the work to finish by
 * reading the result back to JavaScript, so lazy and asynchronous (GPU) libraries pay for it.
 */

/** One timed repetition of prepared work, and how to free what it holds. */
export interface Prepared {
  run(): Promise<unknown>;
  dispose?(): void;
}

/** Prepared work, or why this contender cannot do it (shown as n/a in the table). */
export type Preparation = Prepared | { na: string };

export interface Contender {
  readonly name: string;
  /** Loads the library and its device; resolves to a reason when it cannot run on this machine. */
  setup(): Promise<string | undefined>;
  /** A short note for the report (adapter, threads), known after setup. */
  note?(): string;
  matmul?(n: number): Promise<Preparation>;
  /** a + b, two tensors of 1M float32. */
  add?(): Promise<Preparation>;
  /** relu(x * w + b), three tensors of 1M float32. */
  reluAffine?(): Promise<Preparation>;
  /** The sum of 4M float32. */
  sum?(): Promise<Preparation>;
  /** softmax over the rows of a 4096 x 1024 tensor. */
  softmax?(): Promise<Preparation>;
  /** conv2d with bias, batch 8, 32 x 32, 16 to 32 channels, 3 x 3, padding 1. */
  conv2d?(): Promise<Preparation>;
  /** One training step of an MLP 784-256-10 at batch 128: forward, cross-entropy, backward, SGD. */
  mlpStep?(): Promise<Preparation>;
  /**
   * A chain of `CHAIN_OPS` ops (mul and add by a number, alternated) on a float32 tensor of
   * `shape`, summed unless 0-d, then backward to the gradient of its input.
   */
  chain?(shape: readonly number[]): Promise<Preparation>;
  /** One AdamW training step of the char-transformer example's model, batch 16, sequence 64. */
  transformerStep?(): Promise<Preparation>;
  /** Library-specific memory figures (live tensors, device bytes), read at the end. */
  memory?(): Record<string, number>;
}

/** The work the contender interface names; `matmul` is measured once per size. */
export type WorkName = Exclude<keyof Contender, 'name' | 'setup' | 'note' | 'memory'>;

export const CHAIN_OPS = 10_000;
/** The chain-small row's shape: a small non-scalar tensor (a bias, a row's statistics, an RNN state). */
export const CHAIN_SMALL_SHAPE = [16] as const;
export const MATMUL_SIZES = [128, 256, 512, 1024] as const;

export function isNa(p: Preparation): p is { na: string } {
  return 'na' in p;
}
