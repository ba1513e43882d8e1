import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { layoutView } from './strided.js';
import { unsqueeze } from './view.js';

/**
 * Views by layout arithmetic: slice (ranges with steps), narrow, select, and the multi-dim
 * indexer `index` / `get`, PyTorch's `x[1:3, ::2, 0, None, ...]`. Each is a view of the same
 * storage (writes through it are seen by the base); the gradient scatters into zeros.
 */

/** x[start:end:step] along `dim`: Python's rules (negative counts from the end, out-of-range clamps); step > 0. */
export function slice(x: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  if (x.ndim === 0) throw new Error('slice: cannot be applied to a 0-dim tensor');
  const d = normalizeDim('slice', dim, x.ndim);
  if (!Number.isInteger(step) || step <= 0)
    throw new Error(
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
  if (x.ndim === 0) throw new Error('narrow: cannot be applied to a 0-dim tensor');
  const d = normalizeDim('narrow', dim, x.ndim);
  const n = x.shape[d]!;
  if (!Number.isInteger(start) || start < -n || start > n) {
    throw new Error(
      `narrow: start out of range (expected to be in range of [${-n}, ${n}], but got ${start}) for dimension ${d} of shape ${formatShape(x.shape)}`,
    );
  }
  const s0 = start < 0 ? start + n : start;
  if (!Number.isInteger(length) || length < 0 || s0 + length > n) {
    throw new Error(
      `narrow: start (${s0}) + length (${length}) exceeds dimension size (${n}) of dimension ${d} of shape ${formatShape(x.shape)}`,
    );
  }
  return slice(x, d, s0, s0 + length);
}

/** torch.select: the entry `index` of `dim` (negative counts from the end), removing the dim. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw new Error('select: cannot be applied to a 0-dim tensor');
  const d = normalizeDim('select', dim, x.ndim);
  const n = x.shape[d]!;
  if (!Number.isInteger(index) || index < -n || index >= n) {
    throw new Error(`select: index ${index} out of range for tensor of size ${formatShape(x.shape)} at dimension ${d}`);
  }
  const i = index < 0 ? index + n : index;
  const shape = x.shape.filter((_, k) => k !== d);
  return layoutView(x, 'SelectBackward0', shape, (s, o) => ({
    strides: s.filter((_, k) => k !== d),
    offset: o + i * s[d]!,
  }));
}

/** A range of a dim, as `start:end:step` in Python. */
export interface Range {
  readonly start?: number | null;
  readonly end?: number | null;
  readonly step?: number;
}

/**
 * One entry of a multi-dim index, as in PyTorch's `x[...]`: an integer selects (removing the
 * dim), a string range `'1:3'`, `':'`, `'::2'`, `'-2:'` or a {@link Range} slices, `null`
 * (Python's None) inserts a size-1 dim, `'...'` stands for the dims not named.
 */
export type IndexSpec = number | string | Range | null;

const RANGE = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/;

type Parsed = { kind: 'int'; i: number } | { kind: 'range'; r: Range } | { kind: 'none' } | { kind: 'ellipsis' };

function parseSpec(spec: IndexSpec): Parsed {
  if (spec === null) return { kind: 'none' };
  if (typeof spec === 'number') return { kind: 'int', i: spec };
  if (typeof spec === 'object') return { kind: 'range', r: spec };
  const s = spec.trim();
  if (s === '...') return { kind: 'ellipsis' };
  if (s === 'None' || s === 'null') return { kind: 'none' };
  if (/^-?\d+$/.test(s)) return { kind: 'int', i: Number(s) };
  const m = RANGE.exec(s);
  if (m === null)
    throw new Error(
      `index: cannot parse '${spec}': expected an integer, a range 'start:end:step' (each part optional), '...' or 'None'`,
    );
  const num = (v: string | undefined) => (v === undefined ? null : Number(v));
  return { kind: 'range', r: { start: num(m[1]), end: num(m[2]), step: num(m[3]) ?? 1 } };
}

/**
 * PyTorch's basic indexing, `x[1, 1:3, ::2, None, ...]`, as `x.index(1, '1:3', '::2', null, '...')`:
 * a view of the same storage.
 */
export function index(x: Tensor, ...specs: readonly IndexSpec[]): Tensor {
  const parsed = specs.map(parseSpec);
  const consuming = parsed.filter((p) => p.kind === 'int' || p.kind === 'range').length;
  const ellipses = parsed.filter((p) => p.kind === 'ellipsis').length;
  if (ellipses > 1) throw new Error("index: an index can only have a single ellipsis ('...')");
  if (consuming > x.ndim) {
    throw new Error(
      `index: too many indices for tensor of dimension ${x.ndim}: got ${consuming} (shape ${formatShape(x.shape)})`,
    );
  }
  let y = x;
  let d = 0;
  for (const p of parsed) {
    switch (p.kind) {
      case 'int':
        y = select(y, d, p.i);
        break;
      case 'range':
        y = slice(y, d, p.r.start, p.r.end, p.r.step ?? 1);
        d++;
        break;
      case 'none':
        y = unsqueeze(y, d);
        d++;
        break;
      case 'ellipsis':
        d += x.ndim - consuming;
        break;
    }
  }
  return y;
}

/** The string form of {@link index}: `x.get('1, 1:3, ::2, None, ...')` is PyTorch's `x[1, 1:3, ::2, None, ...]`. */
export function get(x: Tensor, expr: string): Tensor {
  const parts = expr.trim() === '' ? [] : expr.split(',');
  return index(x, ...parts);
}
