import { samplePermutation } from '../random/distributions.js';
import { defaultGenerator, type Generator } from '../random/generator.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { IndexError, ShapeError, ValueError } from '../errors.js';

/** A map-style dataset (torch.utils.data.Dataset): a length and items by index. */
export interface Dataset<T> {
  readonly length: number;
  get(index: number): T;
}

/**
 * Tensors whose first dimension indexes samples (torch's TensorDataset). Batches are taken
 * with one indexing op per tensor, not sample by sample.
 */
export class TensorDataset implements Dataset<Tensor[]> {
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new ValueError('TensorDataset: needs at least one tensor');
    const n = tensors[0]!.shape[0];
    for (const t of tensors) {
      if (t.ndim === 0 || t.shape[0] !== n) {
        throw new ShapeError(
          `TensorDataset: size mismatch between tensors: every tensor needs the same first dimension, got ${tensors.map((x) => formatShape(x.shape)).join(', ')}`,
        );
      }
    }
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  get(index: number): Tensor[] {
    return this.tensors.map((t) => t.select(0, index));
  }
}

/**
 * A dataset that is a stream (torch's IterableDataset): a DataLoader batches its items in the
 * order it yields them, with no sampler and no shuffle.
 */
export abstract class IterableDataset<T> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;
}

/** The items of `dataset` at `indices`, in that order (torch's Subset). */
export class Subset<T> implements Dataset<T> {
  constructor(
    readonly dataset: Dataset<T>,
    readonly indices: readonly number[],
  ) {}

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    const i = this.indices[index];
    if (i === undefined) throw new IndexError(`Subset: index ${index} out of range for a subset of ${this.length}`);
    return this.dataset.get(i);
  }
}

/** Datasets one after another (torch's ConcatDataset): item i is found by the cumulative sizes. */
export class ConcatDataset<T> implements Dataset<T> {
  readonly cumulativeSizes: number[];

  constructor(readonly datasets: readonly Dataset<T>[]) {
    if (datasets.length === 0) throw new ValueError('ConcatDataset: datasets should not be an empty iterable');
    let total = 0;
    this.cumulativeSizes = datasets.map((d) => (total += d.length));
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }

  get(index: number): T {
    const i = index < 0 ? index + this.length : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length)
      throw new IndexError(`ConcatDataset: index ${index} out of range for a dataset of ${this.length}`);
    const d = this.cumulativeSizes.findIndex((end) => i < end);
    return this.datasets[d]!.get(d === 0 ? i : i - this.cumulativeSizes[d - 1]!);
  }
}

/**
 * Splits a dataset into non-overlapping random subsets (torch's random_split): `lengths` are
 * sizes summing to the dataset's length, or fractions summing to 1 (floored, the remainder
 * handed out one by one from the first); the order is randperm(n) of the generator.
 */
export function randomSplit<T>(
  dataset: Dataset<T>,
  lengths: readonly number[],
  options: { generator?: Generator } = {},
): Subset<T>[] {
  const n = dataset.length;
  let sizes = [...lengths];
  const total = sizes.reduce((s, v) => s + v, 0);
  if (Math.abs(total - 1) <= 1e-9 && total <= 1 && sizes.every((f) => f >= 0 && f <= 1)) {
    sizes = lengths.map((f) => Math.floor(n * f));
    const remainder = n - sizes.reduce((s, v) => s + v, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length]! += 1;
  }
  if (sizes.some((s) => !Number.isInteger(s) || s < 0) || sizes.reduce((s, v) => s + v, 0) !== n) {
    throw new ValueError(
      `randomSplit: sum of input lengths [${lengths.join(', ')}] does not equal the length of the input dataset (${n})`,
    );
  }
  const order = Array.from(samplePermutation(options.generator ?? defaultGenerator, n));
  let offset = 0;
  return sizes.map((size) => new Subset(dataset, order.slice(offset, (offset += size))));
}
