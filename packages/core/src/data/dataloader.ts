import { tensor } from '../ops/creation.js';
import { indexSelect } from '../ops/index.js';
import { defaultGenerator, Generator } from '../random/generator.js';
import { samplePermutation } from '../random/distributions.js';
import type { Tensor } from '../tensor.js';
import type { Dataset } from './dataset.js';
import { TensorDataset } from './dataset.js';
import { stack } from '../ops/index.js';

export interface DataLoaderOptions {
  batchSize?: number;
  /** Reshuffle the order every epoch, from the generator seeded by `manualSeed`. */
  shuffle?: boolean;
  /** The generator the shuffle seeds from (PyTorch's `generator=`); the default one otherwise. */
  generator?: Generator;
  /** Leave out the last batch when it is smaller than batchSize. */
  dropLast?: boolean;
}

/**
 * Batches of a dataset (torch.utils.data.DataLoader), iterated once per epoch with `for...of`.
 * A TensorDataset is batched with one indexSelect per tensor; other datasets are stacked item
 * by item.
 */
export class DataLoader implements Iterable<Tensor[]> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly generator: Generator | null;

  constructor(
    readonly dataset: Dataset<Tensor[]>,
    options: DataLoaderOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.generator = options.generator ?? null;
    if (this.generator !== null && !(this.generator instanceof Generator))
      throw new Error(`DataLoader: expected generator to be a Generator, got ${String(this.generator)}`);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new Error(`DataLoader: batchSize must be a positive integer, got ${this.batchSize}`);
  }

  /** Number of batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<Tensor[]> {
    const order = this.order();
    for (let b = 0; b < this.length; b++) {
      const ids = order.slice(b * this.batchSize, (b + 1) * this.batchSize);
      yield this.batch(ids);
    }
  }

  /**
   * One epoch's order, drawn as PyTorch's DataLoader draws it, so a seed gives its batches:
   * each iteration first takes a base seed for workers (an int64 random_(), two 32-bit draws,
   * shuffled or not); a shuffle then takes randperm(n) from the loader's generator when it was
   * given one, and otherwise (RandomSampler) from a fresh Generator seeded by one more int64
   * draw of the default generator.
   */
  private order(): number[] {
    const n = this.dataset.length;
    const gen = this.generator ?? defaultGenerator;
    gen._random64(); // _BaseDataLoaderIter's _base_seed; no workers read it here
    if (!this.shuffle) return Array.from({ length: n }, (_, i) => i);
    const sampler = this.generator ?? new Generator().manualSeed(gen._random64() % 2n ** 63n); // int64 random_(): bits mod 2^63
    return Array.from(samplePermutation(sampler, n));
  }

  private batch(ids: number[]): Tensor[] {
    const ds = this.dataset;
    if (ds instanceof TensorDataset) {
      const index = tensor(Int32Array.from(ids), { device: ds.tensors[0]!.device });
      return ds.tensors.map((t) => indexSelect(t, 0, index));
    }
    const items = ids.map((i) => ds.get(i));
    return items[0]!.map((_, k) =>
      stack(
        items.map((item) => item[k]!),
        0,
      ),
    );
  }
}
