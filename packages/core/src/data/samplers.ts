import { defaultGenerator, Generator } from '../random/generator.js';
import { sampleExponential, sampleIntegers, samplePermutation, sampleUniform } from '../random/distributions.js';
import { isTensor } from '../tensor-brand.js';
import type { Tensor } from '../tensor.js';
import { ArgumentError, ValueError } from '../errors.js';

/**
 * Samplers (torch.utils.data): the order a DataLoader visits a map-style dataset in, drawn as
 * PyTorch's CPU samplers draw it (randperm, randint and multinomial on the same generator
 * streams), so a seed gives PyTorch's order.
 */

/** Indices (or batches of them, for a batch sampler), iterated once per epoch. */
export interface Sampler<T = number> extends Iterable<T> {
  readonly length: number;
}

/** Anything with a length: a dataset, or a list. */
interface Sized {
  readonly length: number;
}

function checkGenerator(name: string, g: Generator | null | undefined): Generator | null {
  if (g !== undefined && g !== null && !(g instanceof Generator))
    throw new ArgumentError(`${name}: expected generator to be a Generator, got ${String(g)}`);
  return g ?? null;
}

function checkCount(name: string, what: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0)
    throw new ValueError(`${name}: ${what} should be a positive integer value, but got ${what}=${v}`);
}

/** 0, 1, ..., n - 1. */
export class SequentialSampler implements Sampler {
  constructor(readonly dataSource: Sized) {}
  get length(): number {
    return this.dataSource.length;
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.dataSource.length; i++) yield i;
  }
}

export interface RandomSamplerOptions {
  /** Draw with replacement (numSamples independent indices). */
  replacement?: boolean;
  /** How many indices an epoch draws (the dataset's length by default). */
  numSamples?: number;
  generator?: Generator | null;
}

/**
 * A random order (torch's RandomSampler): permutations of the dataset (whole ones, then part of
 * one for numSamples beyond n), or uniform indices with replacement, drawn in blocks of 32. Without
 * a generator each epoch seeds a fresh one from an int64 draw of the default generator.
 */
export class RandomSampler implements Sampler {
  readonly replacement: boolean;
  readonly generator: Generator | null;
  private readonly count: number | undefined;

  constructor(
    readonly dataSource: Sized,
    options: RandomSamplerOptions = {},
  ) {
    this.replacement = options.replacement ?? false;
    this.generator = checkGenerator('RandomSampler', options.generator);
    this.count = options.numSamples;
    if (this.count !== undefined) checkCount('RandomSampler', 'numSamples', this.count);
  }

  get length(): number {
    return this.count ?? this.dataSource.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    const total = this.length;
    // An int64 random_(): 64 bits mod 2^63.
    const gen = this.generator ?? new Generator().manualSeed(defaultGenerator._random64() % 2n ** 63n);
    if (this.replacement) {
      for (let left = total; left > 0; left -= 32) yield* sampleIntegers(gen, Math.min(32, left), 0, n, true);
      return;
    }
    for (let k = 0; k < Math.floor(total / n); k++) yield* samplePermutation(gen, n);
    if (total % n !== 0) yield* samplePermutation(gen, n).subarray(0, total % n);
  }
}

/** The given indices in a random order, a fresh permutation each epoch (torch's SubsetRandomSampler). */
export class SubsetRandomSampler implements Sampler {
  readonly generator: Generator | null;

  constructor(
    readonly indices: readonly number[],
    options: { generator?: Generator | null } = {},
  ) {
    this.generator = checkGenerator('SubsetRandomSampler', options.generator);
  }

  get length(): number {
    return this.indices.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (const i of samplePermutation(this.generator ?? defaultGenerator, this.indices.length)) yield this.indices[i]!;
  }
}

/**
 * Indices drawn with probabilities proportional to `weights` (torch's WeightedRandomSampler, via
 * multinomial on the weights as doubles): with replacement, each index is the first bucket of
 * the normalised cumulative weights not below a uniform; without, the largest w / q for
 * q ~ Exp(1), in order.
 */
export class WeightedRandomSampler implements Sampler {
  readonly weights: Float64Array;
  readonly generator: Generator | null;

  constructor(
    weights: ArrayLike<number> | Tensor,
    readonly numSamples: number,
    readonly replacement = true,
    options: { generator?: Generator | null } = {},
  ) {
    const name = 'WeightedRandomSampler';
    this.weights = Float64Array.from(isTensor(weights) ? weights.toTypedArraySync() : weights);
    checkCount(name, 'numSamples', numSamples);
    if (this.weights.length === 0 || this.weights.some((w) => !(w >= 0 && Number.isFinite(w))))
      throw new ValueError(`${name}: weights must be a non-empty list of finite non-negative numbers`);
    if (!replacement && numSamples > this.weights.length)
      throw new ValueError(`${name}: cannot sample ${numSamples} > ${this.weights.length} indices without replacement`);
    this.generator = checkGenerator(name, options.generator);
  }

  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const gen = this.generator ?? defaultGenerator;
    const w = this.weights;
    if (this.replacement && this.numSamples > 1) {
      let running = 0;
      const cum = w.map((v) => (running += v));
      const total = running;
      cum.forEach((v, i) => (cum[i] = i === cum.length - 1 ? 1 : v / total));
      for (const u of sampleUniform(gen, this.numSamples, 0, 1, 53)) {
        let k = 0;
        while (k < cum.length - 1 && cum[k]! < u) k++;
        yield k;
      }
      return;
    }
    const q = sampleExponential(gen, w.length, 'float64');
    const scores = Array.from(w, (v, i) => v / q[i]!);
    const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    yield* order.slice(0, this.numSamples);
  }
}

/** A sampler's indices grouped into lists of batchSize (the last one shorter, or dropped). */
export class BatchSampler implements Sampler<number[]> {
  constructor(
    readonly sampler: Iterable<number> & Sized,
    readonly batchSize: number,
    readonly dropLast = false,
  ) {
    checkCount('BatchSampler', 'batchSize', batchSize);
  }

  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
