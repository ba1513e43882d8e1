import type { TypedArray } from '../dtype.js';
import { tensor } from '../ops/creation.js';
import { stack } from '../ops/join.js';
import { isTensor } from '../tensor-brand.js';
import type { Tensor } from '../tensor.js';
import { ArgumentError, ShapeError } from '../errors.js';

/**
 * What {@link defaultCollate} makes of a list of samples of type T: tensors and numbers stacked
 * into one tensor, strings kept as a list, arrays (tuples) and objects collated field by field.
 */
export type Collated<T> = T extends Tensor | number | boolean | ArrayBufferView
  ? Tensor
  : T extends string
    ? string[]
    : T extends readonly unknown[]
      ? { -readonly [K in keyof T]: Collated<T[K]> }
      : T extends object
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : never;

/**
 * torch.utils.data's default_collate: a batch of samples as one sample of batches. Tensors are
 * stacked along a new first dim; numbers become a tensor (int32 when all are integers, as
 * PyTorch's Python ints become int64, else float32); booleans a bool tensor; typed arrays are
 * stacked as tensors; strings stay a list; arrays and plain objects are collated per position and
 * per key (each sample must have the same length or keys).
 */
export function defaultCollate<T>(batch: readonly T[]): Collated<T> {
  return collate(batch) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  const first = batch[0];
  if (isTensor(first)) return stack(batch as Tensor[], 0);
  if (typeof first === 'number') {
    const values = batch as number[];
    return tensor(values, { dtype: values.every(Number.isInteger) ? 'int32' : 'float32' });
  }
  if (typeof first === 'boolean') return tensor(batch as boolean[]);
  if (typeof first === 'string') return [...batch];
  if (ArrayBuffer.isView(first))
    return stack(
      batch.map((a) => tensor(a as TypedArray)),
      0,
    );
  if (Array.isArray(first)) {
    if (batch.some((s) => !Array.isArray(s) || s.length !== first.length))
      throw new ShapeError('defaultCollate: each element in the batch should be a list of equal size');
    return first.map((_, i) => collate(batch.map((s) => (s as unknown[])[i])));
  }
  if (typeof first === 'object' && first !== null && Object.getPrototypeOf(first) === Object.prototype) {
    const keys = Object.keys(first);
    return Object.fromEntries(keys.map((k) => [k, collate(batch.map((s) => (s as Record<string, unknown>)[k]))]));
  }
  throw new ArgumentError(
    `defaultCollate: batch must contain tensors, typed arrays, numbers, booleans, strings, arrays or plain objects; found ${first === null ? 'null' : typeof first}`,
  );
}
