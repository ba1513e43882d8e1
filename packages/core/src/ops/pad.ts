import { contiguousStrides, formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { View } from '../backend/backend.js';
import { fromHost, scalarTensor, wrap } from './dispatch.js';
import { clone } from './convert.js';
import { where } from './elementwise.js';
import { selectAlong } from './indexing.js';
import { defineOp, NOTHING_SAVED } from './op-node.js';
import { ValueError } from '../errors.js';

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

export interface PadOptions {
  /**
   * 'constant' (default) fills with `value`; 'reflect' mirrors without the edge; 'replicate' repeats
   * the edge; 'circular' wraps around (the padding before is the end of the dim).
   */
  readonly mode?: PadMode;
  /** The fill value of 'constant' mode (default 0). */
  readonly value?: number;
}

/**
 * torch.nn.functional.pad. `pads` lists (before, after) amounts starting from the last dim:
 * `[left, right]` pads the last dim, `[left, right, top, bottom]` the last two, and so on.
 * Negative amounts crop. 'constant' is a scatter of x into the filled output (its gradient is a
 * view of the output's gradient); 'reflect', 'replicate' and 'circular' gather x along each padded dim at
 * indices computed on the host (their gradient scatter-adds, so edge elements collect the
 * gradients of their copies).
 */
export function pad(x: Tensor, pads: readonly number[], options: PadOptions = {}): Tensor {
  const mode = options.mode ?? 'constant';
  if (pads.length % 2 !== 0 || pads.length / 2 > x.ndim) {
    throw new ValueError(
      `pad: padding length must be even and at most twice the number of dimensions: got ${pads.length} values (${formatShape(pads)}) for an input of shape ${formatShape(x.shape)}`,
    );
  }
  if (!pads.every(Number.isInteger))
    throw new ValueError(`pad: padding amounts must be integers, got ${formatShape(pads)}`);
  // Per dim (in order), the amounts before and after.
  const before = x.shape.map(() => 0);
  const after = x.shape.map(() => 0);
  for (let k = 0; k < pads.length / 2; k++) {
    const d = x.ndim - 1 - k;
    before[d] = pads[2 * k]!;
    after[d] = pads[2 * k + 1]!;
  }
  const shape = x.shape.map((n, d) => n + before[d]! + after[d]!);
  if (shape.some((n) => n < 0)) {
    throw new ValueError(
      `pad: the input size ${formatShape(x.shape)} padded by ${formatShape(pads)} gives the invalid size ${formatShape(shape)}`,
    );
  }
  switch (mode) {
    case 'constant':
      return constantPad(x, before, after, shape, options.value ?? 0);
    case 'reflect':
    case 'replicate':
    case 'circular':
      return indexPad(x, mode, before, after, pads);
    default:
      throw new ValueError(
        `pad: mode must be one of 'constant', 'reflect', 'replicate' or 'circular', got ${JSON.stringify(mode)}`,
      );
  }
}

interface PadAttrs {
  readonly input: readonly number[];
  readonly before: readonly number[];
}

function constantPad(
  x: Tensor,
  before: readonly number[],
  after: readonly number[],
  shape: readonly number[],
  value: number,
): Tensor {
  // Negative amounts crop first: a view of the part of x that survives.
  const lo = before.map((b) => Math.max(-b, 0));
  const keep = x.shape.map((n, d) => Math.max(n - lo[d]! - Math.max(-after[d]!, 0), 0));
  const inner: View = {
    storage: x.storage,
    dtype: x.dtype,
    shape: keep,
    strides: x.strides,
    offset: x.offset + lo.reduce((o, l, d) => o + l * x.strides[d]!, 0),
  };
  const at = before.map((b) => Math.max(b, 0));
  const outStrides = contiguousStrides(shape);
  const offset = at.reduce((o, a, d) => o + a * outStrides[d]!, 0);
  const backend = x.backend;
  const size = numel(shape);
  let y = wrap(backend, backend.kernels.scatterView(inner, size, outStrides, offset, x.dtype), shape, x.dtype);
  if (value !== 0 && numel(keep) < size) {
    const t = scalarTensor(true, 'bool', backend);
    const ones: View = { storage: t.storage, dtype: 'bool', shape: keep, strides: keep.map(() => 0), offset: t.offset };
    const mask = wrap(backend, backend.kernels.scatterView(ones, size, outStrides, offset, 'bool'), shape, 'bool');
    y = where(mask, y, scalarTensor(value, x.dtype, backend)).detach();
  }
  return defineOp('ConstantPadNdBackward0', [x], y, NOTHING_SAVED, padBackward, { input: x.shape, before });
}

/** The gradient of a constant pad: the opposite pad of the output's gradient (crops where x was padded, zeros where x was cropped). */
function padBackward(g: Tensor, _s: readonly Tensor[], a: PadAttrs): Tensor[] {
  const pads: number[] = [];
  for (let d = a.input.length - 1; d >= 0; d--) pads.push(-a.before[d]!, -(g.shape[d]! - a.input[d]! - a.before[d]!));
  return [pad(g, pads)];
}

function indexPad(
  x: Tensor,
  mode: 'reflect' | 'replicate' | 'circular',
  before: readonly number[],
  after: readonly number[],
  pads: readonly number[],
): Tensor {
  let y = x;
  for (let d = 0; d < x.ndim; d++) {
    const b = before[d]!;
    const e = after[d]!;
    if (b === 0 && e === 0) continue;
    const n = x.shape[d]!;
    if (mode === 'reflect' && (b >= n || e >= n)) {
      throw new ValueError(
        `pad: padding size should be less than the corresponding input dimension in reflect mode, but got: padding (${b}, ${e}) at dimension ${d} of input ${formatShape(x.shape)}`,
      );
    }
    if (mode === 'circular' && (b > n || e > n)) {
      throw new ValueError(
        `pad: padding value causes wrapping around more than once: padding (${b}, ${e}) at dimension ${d} of input ${formatShape(x.shape)}`,
      );
    }
    if (n === 0)
      throw new ValueError(
        `pad: ${mode} mode needs a non-empty dimension ${d} to copy from, input ${formatShape(x.shape)} (pads ${formatShape(pads)})`,
      );
    const idx = new Int32Array(n + b + e);
    for (let i = 0; i < idx.length; i++) {
      const j = i - b;
      idx[i] =
        mode === 'replicate'
          ? Math.min(Math.max(j, 0), n - 1)
          : mode === 'circular'
            ? (j + n) % n
            : j < 0
              ? -j
              : j >= n
                ? 2 * (n - 1) - j
                : j;
    }
    y = selectAlong(y, d, fromHost(x.backend, idx, [idx.length], 'int32'));
  }
  return y === x ? clone(x) : y; // a new tensor even when nothing is padded, as PyTorch
}
