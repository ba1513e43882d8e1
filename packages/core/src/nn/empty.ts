import type { Tensor } from '../tensor.js';
import { zeros } from '../ops/creation.js';

/** A layer's dtype (float32 unless given) and device (where given), as the creation functions take them. */
export const placeOf = (o: { device?: string; dtype?: 'float32' | 'float64' }) => ({
  dtype: o.dtype ?? 'float32',
  ...(o.device === undefined ? {} : { device: o.device }),
});

/** Storage for a layer's weight before its initialiser fills it. */
export function empty(shape: readonly number[], options: { device?: string; dtype?: 'float32' | 'float64' }): Tensor {
  return zeros(shape, placeOf(options));
}
