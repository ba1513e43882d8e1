import { noGrad } from '../autograd/grad-mode.js';
import { arange } from '../ops/creation.js';
import { fromHost } from '../ops/dispatch.js';
import { div, eq, where } from '../ops/elementwise.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { sum } from '../ops/reduce.js';
import { gatherOp } from '../ops/indexing.js';
import { max } from '../ops/reduce-extra.js';
import { expand, reshape, squeeze, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);
import type { Tensor } from '../tensor.js';
import { checkFloat, pair } from './common.js';
import { LAYOUTS } from './conv-core.js';
import { outputSize, windows, windowsBackward, type WindowSpec } from './windows.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * Pooling: reductions over the windows view of the padded input (see windows.ts), each one
 * node with PyTorch's grad_fn name, its gradient put back through the windows' scatter-add.
 */

export interface PoolOptions {
  /** The window step; the kernel size by default. */
  stride?: number | readonly number[] | null;
  /** Implicit padding on both sides, at most half the kernel. */
  padding?: number | readonly number[];
  /** Rounds the output size up: a last, partial window where the input leaves one. */
  ceilMode?: boolean;
}

export interface MaxPoolOptions extends PoolOptions {
  dilation?: number | readonly number[];
  /** Also returns, per output, the flat index (h * W + w) of the maximum in its input plane. */
  returnIndices?: boolean;
}

export interface AvgPoolOptions extends PoolOptions {
  /** Whether the zeros of the padding count in the divisor (default true). */
  countIncludePad?: boolean;
  /** A fixed divisor instead of the window size. */
  divisorOverride?: number;
}

/** Validated pooling geometry for x [..., S1..Sn] (n spatial dims): the windows and the input and output sizes. */
function poolSpec(
  op: string,
  x: Tensor,
  n: number,
  kernelSize: number | readonly number[],
  options: PoolOptions & { dilation?: number | readonly number[] },
) {
  if (x.ndim !== n + 1 && x.ndim !== n + 2)
    throw new ShapeError(
      `${op}: expected input with ${n + 2} dims ${LAYOUTS[n]} (or ${n + 1} unbatched), got ${formatShape(x.shape)}`,
    );
  checkFloat(op, 'input', x);
  const kernel = pair(op, 'kernelSize', kernelSize, n, 1);
  const stride =
    options.stride === undefined || options.stride === null ? kernel : pair(op, 'stride', options.stride, n, 1);
  const padding = pair(op, 'padding', options.padding ?? 0, n, 0);
  const dilation = pair(op, 'dilation', options.dilation ?? 1, n, 1);
  for (let i = 0; i < n; i++) {
    if (padding[i]! > Math.floor(kernel[i]! / 2)) {
      throw new ValueError(
        `${op}: pad should be at most half of effective kernel size, but got pad=${padding[i]} and kernel size ${kernel[i]} (kernelSize ${formatShape(kernel)})`,
      );
    }
  }
  const sizes = x.shape.slice(-n);
  const ceil = options.ceilMode ?? false;
  const out = sizes.map((s, i) => outputSize(s, kernel[i]!, stride[i]!, dilation[i]!, padding[i]!, padding[i]!, ceil));
  const spec: WindowSpec = { kernel, stride, dilation, padding: padding.map((p) => [p, p] as const) };
  return { spec, sizes, out };
}

/** Validated 2-D pooling geometry for x [..., H, W]. */
export function poolGeometry(
  op: string,
  x: Tensor,
  kernelSize: number | readonly number[],
  options: PoolOptions & { dilation?: number | readonly number[] },
) {
  const { spec, sizes, out } = poolSpec(op, x, 2, kernelSize, options);
  return { spec, H: sizes[0]!, W: sizes[1]!, OH: out[0]!, OW: out[1]! };
}

/** [k] (or k) as the 2-D [1, k] and the like: a 1-D pooling runs as a 2-D one over a height of 1, as PyTorch's. */
function as2d(op: string, name: string, v: number | readonly number[], fill: number, min: number): number[] {
  return [fill, pair(op, name, v, 1, min)[0]!];
}

function pool1dOptions<O extends PoolOptions>(op: string, options: O): O {
  const { stride, padding } = options;
  return {
    ...options,
    ...(stride === undefined || stride === null ? {} : { stride: as2d(op, 'stride', stride, 1, 1) }),
    ...(padding === undefined ? {} : { padding: as2d(op, 'padding', padding, 0, 0) }),
  };
}

function check1d(op: string, x: Tensor): void {
  if (x.ndim !== 2 && x.ndim !== 3)
    throw new ShapeError(`${op}: expected input with 3 dims [N, C, L] (or 2 unbatched), got ${formatShape(x.shape)}`);
}

/** The maximum over each window of n spatial dims, one node `name`; with `returnIndices` also each maximum's flat index in its input plane or volume. */
function maxPoolNd(
  op: string,
  name: string,
  n: number,
  x: Tensor,
  kernelSize: number | readonly number[],
  options: MaxPoolOptions,
): Tensor | [Tensor, Tensor] {
  const { spec, sizes, out } = poolSpec(op, x, n, kernelSize, options);
  const K = prod(spec.kernel);
  // The maxima and where they are in their windows, then one node: the gradient goes to each
  // window's first maximum, and back through the windows' gradient.
  const { values: maxima, indices } = noGrad(() => {
    const win = windows(op, x, spec, out, -Infinity);
    return max(reshape(win, [...win.shape.slice(0, -n), K]), -1);
  });
  const values = defineOp(
    name,
    [x],
    maxima,
    NOTHING_SAVED,
    (g) => {
      const picked = eq(unsqueeze(indices, -1), arange(K, undefined, 1, { dtype: 'int32', device: g.device }));
      return [
        windowsBackward(reshape(where(picked, unsqueeze(g, -1), 0), [...g.shape, ...spec.kernel]), x.shape, spec),
      ];
    },
    // Unread by the gradient: the geometry an exporter (onnx/) writes as MaxPool's attributes.
    { spec, ceilMode: options.ceilMode ?? false },
  );
  if (options.returnIndices !== true) return values;
  // Each window element's flat position in the unpadded input, gathered at the argmax.
  const P = prod(out);
  const positions = new Int32Array(P * K);
  for (let o = 0; o < P; o++) {
    for (let k = 0; k < K; k++) {
      let flat = 0;
      let scale = 1;
      for (let i = n - 1, oo = o, kk = k; i >= 0; i--) {
        const at = (oo % out[i]!) * spec.stride[i]! - spec.padding[i]![0] + (kk % spec.kernel[i]!) * spec.dilation[i]!;
        flat += at * scale;
        scale *= sizes[i]!;
        oo = Math.floor(oo / out[i]!);
        kk = Math.floor(kk / spec.kernel[i]!);
      }
      positions[o * K + k] = flat;
    }
  }
  const table = expand(fromHost(x.backend, positions, [...out, K], 'int32'), [...values.shape, K]);
  return [values, squeeze(gatherOp(table, values.ndim, unsqueeze(indices, -1)), -1)];
}

/**
 * Maximum over each window (torch.nn.functional.max_pool2d), the padding counting as -Infinity.
 * The gradient goes to the first maximum of each window, as PyTorch's. With `returnIndices`,
 * also the flat index (h * W + w) of each maximum in its input plane (int32).
 */
export function maxPool2d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options?: MaxPoolOptions & { returnIndices?: false },
): Tensor;
export function maxPool2d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: MaxPoolOptions & { returnIndices: true },
): [Tensor, Tensor];
export function maxPool2d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: MaxPoolOptions = {},
): Tensor | [Tensor, Tensor] {
  return maxPoolNd('maxPool2d', 'MaxPool2DWithIndicesBackward0', 2, x, kernelSize, options);
}

/** Maximum over each window of x [N, C, D, H, W] (torch.nn.functional.max_pool3d); indices are flat in each volume (d * H * W + h * W + w). */
export function maxPool3d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options?: MaxPoolOptions & { returnIndices?: false },
): Tensor;
export function maxPool3d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: MaxPoolOptions & { returnIndices: true },
): [Tensor, Tensor];
export function maxPool3d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: MaxPoolOptions = {},
): Tensor | [Tensor, Tensor] {
  return maxPoolNd('maxPool3d', 'MaxPool3DWithIndicesBackward0', 3, x, kernelSize, options);
}

/**
 * Maximum over each window of x [N, C, L] (torch.nn.functional.max_pool1d): as PyTorch, a 2-D
 * pooling over a height of 1 between an unsqueeze and a squeeze (grad_fn SqueezeBackward1).
 */
export function maxPool1d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options?: MaxPoolOptions & { returnIndices?: false },
): Tensor;
export function maxPool1d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: MaxPoolOptions & { returnIndices: true },
): [Tensor, Tensor];
export function maxPool1d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: MaxPoolOptions = {},
): Tensor | [Tensor, Tensor] {
  const op = 'maxPool1d';
  check1d(op, x);
  const o = pool1dOptions(op, options);
  const dilation = options.dilation === undefined ? {} : { dilation: as2d(op, 'dilation', options.dilation, 1, 1) };
  const r = maxPoolNd(
    op,
    'MaxPool2DWithIndicesBackward0',
    2,
    unsqueeze(x, -2),
    as2d(op, 'kernelSize', kernelSize, 1, 1),
    {
      ...o,
      ...dilation,
    },
  );
  return Array.isArray(r) ? [squeeze(r[0], -2), squeeze(r[1], -2)] : squeeze(r, -2);
}

/** The average over each window of n spatial dims, one node `name`. */
function avgPoolNd(
  op: string,
  name: string,
  n: number,
  x: Tensor,
  kernelSize: number | readonly number[],
  options: AvgPoolOptions,
): Tensor {
  const { spec, sizes, out } = poolSpec(op, x, n, kernelSize, options);
  const divisor = avgDivisor(x, spec, sizes, out, options);
  const kernelDims = spec.kernel.map((_, i) => i - n);
  // Each output's gradient, over its divisor, spread evenly over its window.
  return defineOp(
    name,
    [x],
    () => div(sum(windows(op, x, spec, out), kernelDims), divisor),
    NOTHING_SAVED,
    (g) => {
      let share = div(g, divisor);
      for (let i = 0; i < n; i++) share = unsqueeze(share, -1);
      return [windowsBackward(expand(share, [...g.shape, ...spec.kernel]), x.shape, spec)];
    },
    // Unread by the gradient: the geometry an exporter (onnx/) writes as AveragePool's attributes.
    {
      spec,
      ceilMode: options.ceilMode ?? false,
      countIncludePad: options.countIncludePad ?? true,
      divisorOverride: options.divisorOverride,
    },
  );
}

/**
 * Average over each window (torch.nn.functional.avg_pool2d). The divisor is the window size, or
 * with `countIncludePad` false (or a ceil-mode window past the padding) the number of elements
 * the window covers, computed per output position as PyTorch does.
 */
export function avgPool2d(x: Tensor, kernelSize: number | readonly number[], options: AvgPoolOptions = {}): Tensor {
  return avgPoolNd('avgPool2d', 'AvgPool2DBackward0', 2, x, kernelSize, options);
}

/** Average over each window of x [N, C, L] (torch.nn.functional.avg_pool1d): a 2-D pooling over a height of 1, as PyTorch's (grad_fn SqueezeBackward1). */
export function avgPool1d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: Omit<AvgPoolOptions, 'divisorOverride'> = {},
): Tensor {
  const op = 'avgPool1d';
  check1d(op, x);
  const y = avgPoolNd(
    op,
    'AvgPool2DBackward0',
    2,
    unsqueeze(x, -2),
    as2d(op, 'kernelSize', kernelSize, 1, 1),
    pool1dOptions(op, options),
  );
  return squeeze(y, -2);
}

/** The avg pooling divisor: a number, or the count of each window's elements (shaped as the output's spatial dims). */
function avgDivisor(
  x: Tensor,
  spec: WindowSpec,
  sizes: readonly number[],
  out: readonly number[],
  options: AvgPoolOptions,
): number | Tensor {
  if (options.divisorOverride !== undefined) return options.divisorOverride;
  const countPad = options.countIncludePad ?? true;
  if (countPad && options.ceilMode !== true) return prod(spec.kernel);
  // Per dim, the count along it of each output's window; a window's count is their product.
  const spans = out.map((o, i) =>
    Array.from({ length: o }, (_, j) => {
      const p = spec.padding[i]![0];
      const start = j * spec.stride[i]! - p;
      const end = Math.min(start + spec.kernel[i]!, sizes[i]! + p);
      return countPad ? end - start : Math.min(end, sizes[i]!) - Math.max(start, 0);
    }),
  );
  const counts = new Float64Array(prod(out));
  for (let k = 0; k < counts.length; k++) {
    let c = 1;
    for (let i = out.length - 1, kk = k; i >= 0; i--) {
      c *= spans[i]![kk % out[i]!]!;
      kk = Math.floor(kk / out[i]!);
    }
    counts[k] = c;
  }
  return fromHost(x.backend, counts, out, x.dtype);
}
