import { zeros } from '../ops/creation.js';
import { fromHost } from '../ops/dispatch.js';
import { add, mul } from '../ops/elementwise.js';
import { alongDim, scatterAddOp, selectAlong } from '../ops/indexing.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * Resampling (torch.nn.functional.interpolate) as PyTorch's upsample kernels compute it, one
 * spatial dim at a time: each output position reads a few input positions (1 for nearest, 2 for
 * linear, 4 for bicubic, clamped to the edge) with weights computed on the host, so a dim is a
 * sum of gathers times weights. One node per call with PyTorch's name; its gradient scatter-adds
 * the weighted output gradient back, dim by dim in reverse (public ops: it differentiates again).
 */

export type InterpolateMode = 'nearest' | 'linear' | 'bilinear' | 'bicubic';

export interface InterpolateOptions {
  /** The output's spatial size (one number for every dim, or one per dim); or give `scaleFactor`. */
  size?: number | readonly number[] | null;
  /** Output size = floor(input size * scaleFactor); the kernels also map coordinates by 1 / scaleFactor unless `recomputeScaleFactor`. */
  scaleFactor?: number | readonly number[] | null;
  mode?: InterpolateMode;
  /** linear, bilinear and bicubic: corner pixels' centres aligned (scale (in - 1) / (out - 1)) instead of their outer edges. */
  alignCorners?: boolean | null;
  /** Maps coordinates by in / out, the output size computed from scaleFactor. */
  recomputeScaleFactor?: boolean | null;
}

/** One dim's taps: per tap, the input index and weight of each output position. */
interface Taps {
  readonly index: Int32Array[];
  readonly weight: Float64Array[] | null;
}

// PyTorch's cubic convolution coefficient.
const A = -0.75;
const cubic1 = (x: number): number => ((A + 2) * x - (A + 3)) * x * x + 1;
const cubic2 = (x: number): number => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;

/** PyTorch's area_pixel_compute_source_index: the input coordinate of output position `dst`. */
function source(scale: number, dst: number, alignCorners: boolean, cubic: boolean): number {
  if (alignCorners) return scale * dst;
  const src = scale * (dst + 0.5) - 0.5;
  return !cubic && src < 0 ? 0 : src;
}

function taps(mode: InterpolateMode, n: number, out: number, scaleFactor: number | null, alignCorners: boolean): Taps {
  const clamp = (i: number): number => Math.min(Math.max(i, 0), n - 1);
  if (mode === 'nearest') {
    // As PyTorch's nearest_idx: in float32, exact shortcuts for the same size and doubling.
    const scale = Math.fround(scaleFactor === null ? n / out : 1 / scaleFactor);
    const index = Int32Array.from({ length: out }, (_, d) =>
      out === n ? d : out === 2 * n ? d >> 1 : Math.min(Math.floor(Math.fround(d * scale)), n - 1),
    );
    return { index: [index], weight: null };
  }
  const scale = alignCorners ? (out > 1 ? (n - 1) / (out - 1) : 0) : scaleFactor === null ? n / out : 1 / scaleFactor;
  const cubic = mode === 'bicubic';
  const k = cubic ? 4 : 2;
  const index = Array.from({ length: k }, () => new Int32Array(out));
  const weight = Array.from({ length: k }, () => new Float64Array(out));
  for (let d = 0; d < out; d++) {
    const src = source(scale, d, alignCorners, cubic);
    const i0 = Math.floor(src);
    const t = src - i0;
    if (cubic) {
      const w = [cubic2(t + 1), cubic1(t), cubic1(1 - t), cubic2(2 - t)];
      for (let j = 0; j < 4; j++) {
        index[j]![d] = clamp(i0 - 1 + j);
        weight[j]![d] = w[j]!;
      }
    } else {
      index[0]![d] = i0;
      index[1]![d] = i0 < n - 1 ? i0 + 1 : i0;
      weight[0]![d] = 1 - t;
      weight[1]![d] = t;
    }
  }
  return { index, weight };
}

/** The node names of PyTorch's upsample kernels, by mode and spatial dims. */
const NAMES: Record<string, string> = {
  'nearest-1': 'UpsampleNearest1DBackward0',
  'nearest-2': 'UpsampleNearest2DBackward0',
  'linear-1': 'UpsampleLinear1DBackward0',
  'bilinear-2': 'UpsampleBilinear2DBackward0',
  'bicubic-2': 'UpsampleBicubic2DBackward0',
};

/**
 * Resamples x [N, C, L] or [N, C, H, W] to `size`, or by `scaleFactor`
 * (torch.nn.functional.interpolate): 'nearest' (1-D or 2-D), 'linear' (1-D), 'bilinear' and
 * 'bicubic' (2-D, PyTorch's a = -0.75, clamped at the border).
 */
export function interpolate(x: Tensor, options: InterpolateOptions = {}): Tensor {
  const op = 'interpolate';
  const mode = options.mode ?? 'nearest';
  const n = x.ndim - 2;
  if (n !== 1 && n !== 2)
    throw new ShapeError(`${op}: expected input with 3 dims [N, C, L] or 4 [N, C, H, W], got ${formatShape(x.shape)}`);
  const name = NAMES[`${mode}-${n}`];
  if (name === undefined) {
    const needs = { nearest: '3 or 4', linear: '3', bilinear: '4', bicubic: '4' }[mode];
    if (needs === undefined)
      throw new ValueError(
        `${op}: mode must be 'nearest', 'linear', 'bilinear' or 'bicubic', got ${JSON.stringify(mode)}`,
      );
    throw new ShapeError(
      `${op}: got ${x.ndim}-dim input ${formatShape(x.shape)}, but ${mode} mode needs ${needs} dims`,
    );
  }
  checkFloat(op, 'input', x);
  const alignCorners = options.alignCorners ?? false;
  if (mode === 'nearest' && options.alignCorners !== undefined && options.alignCorners !== null) {
    throw new ValueError(
      `${op}: alignCorners can only be set with the interpolating modes: linear, bilinear and bicubic, got mode 'nearest'`,
    );
  }
  const { size, scaleFactor } = options;
  const hasSize = size !== undefined && size !== null;
  const hasScale = scaleFactor !== undefined && scaleFactor !== null;
  if (hasSize === hasScale)
    throw new ValueError(`${op}: give exactly one of size and scaleFactor, got ${hasSize ? 'both' : 'neither'}`);
  const list = (v: number | readonly number[], what: string): number[] => {
    const l = typeof v === 'number' ? new Array<number>(n).fill(v) : [...v];
    if (l.length !== n)
      throw new ValueError(
        `${op}: expected ${what} of ${n} values for input ${formatShape(x.shape)}, got ${formatShape(l)}`,
      );
    return l;
  };
  const inSizes = x.shape.slice(2);
  const scales = hasScale ? list(scaleFactor, 'scaleFactor') : null;
  const outSizes = hasSize ? list(size, 'size') : inSizes.map((s, i) => Math.floor(s * scales![i]!));
  if (outSizes.some((s) => !Number.isInteger(s) || s <= 0) || (scales?.some((s) => !(s > 0)) ?? false)) {
    throw new ValueError(
      `${op}: expected positive output sizes and scale factors, got output size ${formatShape(outSizes)}`,
    );
  }
  const keepScale = scales !== null && options.recomputeScaleFactor !== true;
  const dims = inSizes.map((s, i) => ({
    d: 2 + i,
    taps: taps(mode, s, outSizes[i]!, keepScale ? scales[i]! : null, alignCorners),
  }));
  // Host tables as tensors: indices [out], weights shaped to broadcast along their dim.
  const tables = dims.map(({ d, taps: t }) => ({
    d,
    index: t.index.map((ix) => fromHost(x.backend, ix, [ix.length], 'int32')),
    weight:
      t.weight?.map((w) => fromHost(x.backend, w, [w.length, ...new Array<number>(x.ndim - 1 - d).fill(1)], x.dtype)) ??
      null,
  }));
  return defineOp(
    name,
    [x],
    () => {
      let y = x;
      for (const { d, index, weight } of tables) {
        const src = y;
        const parts = index.map((ix, j) => {
          const picked = selectAlong(src, d, ix);
          return weight === null ? picked : mul(picked, weight[j]!);
        });
        y = parts.reduce((a, b) => add(a, b));
      }
      return y;
    },
    NOTHING_SAVED,
    (g) => {
      // Shapes before each dim's step, to scatter back into.
      const shapes: number[][] = [];
      let shape = [...x.shape];
      for (const { d } of tables) {
        shapes.push(shape);
        shape = shape.map((s, i) => (i === d ? outSizes[d - 2]! : s));
      }
      let gx = g;
      for (let k = tables.length - 1; k >= 0; k--) {
        const { d, index, weight } = tables[k]!;
        const into = zeros(shapes[k]!, { dtype: g.dtype, device: g.device });
        const src = gx;
        gx = index.reduce(
          (acc, ix, j) =>
            scatterAddOp(acc, d, alongDim(ix, src.shape, d), weight === null ? src : mul(src, weight[j]!)),
          into,
        );
      }
      return [gx];
    },
    null,
  );
}
