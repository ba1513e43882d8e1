import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { layoutView } from './strided.js';
import { IndexError, ValueError } from '../errors.js';

/**
 * Views by layout arithmetic: slice (ranges with steps), narrow and select (the multi-dim indexer
 * `index` / `get` composes them: getitem.ts). Each is a view of the same
 * storage (writes through it are seen by the base); the gradient scatters into zeros.
 */

/** x[start:end:step] along `dim`: Python's rules (negative counts from the end, out-of-range clamps); step > 0. */
export function slice(x: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  if (x.ndim === 0) throw new IndexError('slice: cannot be applied to a 0-dim tensor');
  const d = normalizeDim('slice', dim, x.ndim);
  if (!Number.isInteger(step) || step <= 0)
    throw new ValueError(
      `slice: step must be a positive integer (negative steps are not supported, as in PyTorch), got ${step}`,
    );
  const n = x.shape[d]!;
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const lo = start === undefined || start === null ? 0 : clamp(start);
  const hi = Math.max(end === undefined || end === null ? n : clamp(end), lo);
  const len = Math.ceil((hi - lo) / step);
  const shape = x.shape.map((s, i) => (i === d ? len : s));
  return layoutView(x, 'SliceBackward0', shape, (s, o) => ({
    strides: s.map((k, i) => (i === d ? k * step : k)),
    offset: o + lo * s[d]!,
  }));
}

/** torch.narrow: `length` elements of `dim` from `start` (negative counts from the end). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (x.ndim === 0) throw new IndexError('narrow: cannot be applied to a 0-dim tensor');
  const d = normalizeDim('narrow', dim, x.ndim);
  const n = x.shape[d]!;
  if (!Number.isInteger(start) || start < -n || start > n) {
    throw new IndexError(
      `narrow: start out of range (expected to be in range of [${-n}, ${n}], but got ${start}) for dimension ${d} of shape ${formatShape(x.shape)}`,
    );
  }
  const s0 = start < 0 ? start + n : start;
  if (!Number.isInteger(length) || length < 0 || s0 + length > n) {
    throw new IndexError(
      `narrow: start (${s0}) + length (${length}) exceeds dimension size (${n}) of dimension ${d} of shape ${formatShape(x.shape)}`,
    );
  }
  return slice(x, d, s0, s0 + length);
}

/** torch.select: the entry `index` of `dim` (negative counts from the end), removing the dim. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw new IndexError('select: cannot be applied to a 0-dim tensor');
  const d = normalizeDim('select', dim, x.ndim);
  const n = x.shape[d]!;
  if (!Number.isInteger(index) || index < -n || index >= n) {
    throw new IndexError(
      `select: index ${index} out of range for tensor of size ${formatShape(x.shape)} at dimension ${d}`,
    );
  }
  const i = index < 0 ? index + n : index;
  const shape = x.shape.filter((_, k) => k !== d);
  return layoutView(x, 'SelectBackward0', shape, (s, o) => ({
    strides: s.filter((_, k) => k !== d),
    offset: o + i * s[d]!,
  }));
}
