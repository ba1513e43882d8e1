import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';

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
    if (tensors.length === 0) throw new Error('TensorDataset: needs at least one tensor');
    const n = tensors[0]!.shape[0];
    for (const t of tensors) {
      if (t.ndim === 0 || t.shape[0] !== n) {
        throw new Error(
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
