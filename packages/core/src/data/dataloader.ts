import { tensor } from '../ops/creation.js';
import { indexSelect } from '../ops/index.js';
import { uniform } from '../random.js';
import type { Tensor } from '../tensor.js';
import type { Dataset } from './dataset.js';
import { TensorDataset } from './dataset.js';
import { stack } from '../ops/index.js';

export interface DataLoaderOptions {
  batchSize?: number;
  /** Reshuffle the order every epoch, from the generator seeded by `manualSeed`. */
  shuffle?: boolean;
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

  constructor(
    readonly dataset: Dataset<Tensor[]>,
    options: DataLoaderOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
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

  private order(): number[] {
    const ids = Array.from({ length: this.dataset.length }, (_, i) => i);
    if (this.shuffle) {
      // Fisher-Yates with the shared seeded generator.
      for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      }
    }
    return ids;
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
