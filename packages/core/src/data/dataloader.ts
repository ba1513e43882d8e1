import { tensor } from '../ops/creation.js';
import { indexSelect } from '../ops/index.js';
import { defaultGenerator, Generator } from '../random/generator.js';
import type { Tensor } from '../tensor.js';
import { defaultCollate, type Collated } from './collate.js';
import { type Dataset, TensorDataset } from './dataset.js';
import { BatchSampler, RandomSampler, type Sampler, SequentialSampler } from './samplers.js';
import { ArgumentError, ValueError } from '../errors.js';

export interface DataLoaderOptions<T = unknown, B = unknown> {
  batchSize?: number;
  /** Reshuffle the order every epoch (a RandomSampler on `generator`). */
  shuffle?: boolean;
  /** The order of the indices (instead of `shuffle`). */
  sampler?: Sampler | null;
  /** Lists of indices, one per batch (instead of batchSize, shuffle, sampler and dropLast). */
  batchSampler?: Sampler<number[]> | null;
  /** The generator the shuffle seeds from (PyTorch's `generator=`); the default one otherwise. */
  generator?: Generator;
  /** Leave out the last batch when it is smaller than batchSize. */
  dropLast?: boolean;
  /** Makes a batch of a list of samples ({@link defaultCollate} by default). */
  collateFn?: (samples: T[]) => B;
}

function isMapStyle<T>(ds: Dataset<T> | Iterable<T>): ds is Dataset<T> {
  return typeof (ds as Partial<Dataset<T>>).get === 'function';
}

/**
 * Batches of a dataset (torch.utils.data.DataLoader), iterated once per epoch with `for...of`:
 * a map-style dataset (`length` and `get`) visited in its sampler's order, grouped by its batch
 * sampler, or an iterable dataset's items in the order it yields them; each batch made by
 * `collateFn` (default: stacked, per position of array samples and per key of object samples).
 * A TensorDataset with the default collate is batched with one indexSelect per tensor.
 */
export class DataLoader<T = Tensor[], B = Collated<T>> implements Iterable<B> {
  readonly batchSize: number | null;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly generator: Generator | null;
  /** The index order (null for an iterable dataset). */
  readonly sampler: Sampler | null;
  readonly batchSampler: Sampler<number[]> | null;
  readonly collateFn: (samples: T[]) => B;

  constructor(
    readonly dataset: Dataset<T> | Iterable<T>,
    options: DataLoaderOptions<T, B> = {},
  ) {
    const name = 'DataLoader';
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.generator = options.generator ?? null;
    this.collateFn = options.collateFn ?? (defaultCollate as unknown as (samples: T[]) => B);
    if (this.generator !== null && !(this.generator instanceof Generator))
      throw new ArgumentError(`${name}: expected generator to be a Generator, got ${String(this.generator)}`);
    const batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new ValueError(`${name}: batchSize must be a positive integer, got ${batchSize}`);
    const sampler = options.sampler ?? null;
    const batchSampler = options.batchSampler ?? null;
    if (!isMapStyle(dataset)) {
      if (typeof (dataset as Partial<Iterable<T>>)[Symbol.iterator] !== 'function')
        throw new ArgumentError(`${name}: expected a dataset with length and get(index), or an iterable one`);
      if (this.shuffle || sampler !== null || batchSampler !== null)
        throw new ValueError(`${name}: an iterable dataset takes no shuffle, sampler or batchSampler option`);
      [this.batchSize, this.sampler, this.batchSampler] = [batchSize, null, null];
      return;
    }
    if (sampler !== null && this.shuffle)
      throw new ValueError(`${name}: sampler option is mutually exclusive with shuffle`);
    if (batchSampler !== null) {
      if (options.batchSize !== undefined || this.shuffle || sampler !== null || this.dropLast)
        throw new ValueError(
          `${name}: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast`,
        );
      this.batchSize = null;
    } else this.batchSize = batchSize;
    this.sampler =
      sampler ??
      (this.shuffle ? new RandomSampler(dataset, { generator: this.generator }) : new SequentialSampler(dataset));
    this.batchSampler = batchSampler ?? new BatchSampler(this.sampler, batchSize, this.dropLast);
  }

  /** Number of batches per epoch (an iterable dataset's is not known). */
  get length(): number {
    if (this.batchSampler === null)
      throw new ValueError('DataLoader: the number of batches of an iterable dataset is not known');
    return this.batchSampler.length;
  }

  /**
   * One epoch. As PyTorch's loader does, each begins by drawing an int64 base seed for workers
   * (two 32-bit draws of the loader's generator or the default one), shuffled or not; a shuffle
   * then draws its order from its sampler.
   */
  *[Symbol.iterator](): Iterator<B> {
    (this.generator ?? defaultGenerator)._random64(); // _BaseDataLoaderIter's _base_seed; no workers read it here
    const ds = this.dataset;
    if (this.batchSampler === null) {
      let batch: T[] = [];
      for (const item of ds as Iterable<T>) {
        batch.push(item);
        if (batch.length === this.batchSize) {
          yield this.collateFn(batch);
          batch = [];
        }
      }
      if (batch.length > 0 && !this.dropLast) yield this.collateFn(batch);
      return;
    }
    const fast = ds instanceof TensorDataset && this.collateFn === (defaultCollate as unknown);
    for (const ids of this.batchSampler) {
      if (fast) {
        const index = tensor(Int32Array.from(ids), { device: ds.tensors[0]!.device });
        yield ds.tensors.map((t) => indexSelect(t, 0, index)) as B;
      } else yield this.collateFn(ids.map((i) => (ds as Dataset<T>).get(i)));
    }
  }
}
