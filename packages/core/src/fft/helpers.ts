import { normalizeDims } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { finish, target, type CreationOptions } from '../ops/creation-options.js';
import { fromHost } from '../ops/dispatch.js';
import { roll } from '../ops/reshape-ops.js';
import { ValueError } from '../errors.js';

/** torch.fft's sample frequencies (fftfreq, rfftfreq) and the spectrum shifts (fftshift, ifftshift). */

function frequencies(op: string, n: number, d: number, onesided: boolean, options?: CreationOptions): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`${op}: n must be a non-negative integer, got ${n}`);
  const { backend, dtype } = target(op, options, 'float32');
  // PyTorch's order: 0, 1, ..., then the negative frequencies (fftfreq), each over n d.
  const count = onesided ? Math.floor(n / 2) + 1 : n;
  const values = Array.from(
    { length: count },
    (_, k) => (onesided || k < Math.floor((n + 1) / 2) ? k : k - n) / (n * d),
  );
  return finish(fromHost(backend, values, [count], dtype), options);
}

/** torch.fft.fftfreq: the frequencies of `fft`'s terms for n samples spaced d: [0, 1, ..., -1] / (n d). */
export const fftfreq = (n: number, d = 1, options?: CreationOptions): Tensor =>
  frequencies('fft.fftfreq', n, d, false, options);

/** torch.fft.rfftfreq: the frequencies of `rfft`'s n / 2 + 1 terms: [0, 1, ..., n / 2] / (n d). */
export const rfftfreq = (n: number, d = 1, options?: CreationOptions): Tensor =>
  frequencies('fft.rfftfreq', n, d, true, options);

function shift(op: string, input: Tensor, dim: number | readonly number[] | null | undefined, inverse: boolean) {
  const dims = dim === null || dim === undefined ? input.shape.map((_, i) => i) : normalizeDims(op, dim, input.ndim);
  if (dims.length === 0) return roll(input, 0);
  const shifts = dims.map((d) => (inverse ? -1 : 1) * Math.floor(input.shape[d]! / 2));
  return roll(input, shifts, dims);
}

/**
 * torch.fft.fftshift: the zero frequency moved to the middle of each of `dim` (all dims by
 * default). On complex pairs [..., 2], name the dims: the default would also roll the pair,
 * swapping real and imaginary parts.
 */
export const fftshift = (input: Tensor, dim?: number | readonly number[] | null): Tensor =>
  shift('fft.fftshift', input, dim, false);

/** torch.fft.ifftshift: the inverse of fftshift (they differ for odd sizes). */
export const ifftshift = (input: Tensor, dim?: number | readonly number[] | null): Tensor =>
  shift('fft.ifftshift', input, dim, true);
