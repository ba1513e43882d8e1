import type { Tensor } from '../tensor.js';
import { zeros } from '../ops/creation.js';

/** Storage for a layer's weight before its initialiser fills it. */
export function empty(shape: readonly number[], options: { device?: string; dtype?: 'float32' | 'float64' }): Tensor {
  return zeros(shape, {
    dtype: options.dtype ?? 'float32',
    ...(options.device === undefined ? {} : { device: options.device }),
  });
}
