import { noGrad } from '../autograd/grad-mode.js';
import { arange } from '../ops/creation.js';
import { fromHost } from '../ops/dispatch.js';
import { div, eq, where } from '../ops/elementwise.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { matmul } from '../ops/matmul.js';
import { sum } from '../ops/reduce.js';
import { gatherOp } from '../ops/indexing.js';
import { max } from '../ops/reduce-extra.js';
import { expand, reshape, squeeze, transpose, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, pair } from './common.js';
import { outputSize, windows, windowsBackward, type WindowSpec } from './windows.js';

/**
 * 2-D pooling: reductions over the windows view of the padded input (see windows.ts), each one
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

/** Validated pooling geometry for x [..., H, W]. */
export function poolGeometry(
  op: string,
  x: Tensor,
  kernelSize: number | readonly number[],
  options: PoolOptions & { dilation?: number | readonly number[] },
) {
  if (x.ndim !== 3 && x.ndim !== 4)
    throw new Error(`${op}: expected input with 4 dims [N, C, H, W] (or 3 unbatched), got ${formatShape(x.shape)}`);
  checkFloat(op, 'input', x);
  const kernel = pair(op, 'kernelSize', kernelSize, 2, 1);
  const stride =
    options.stride === undefined || options.stride === null ? kernel : pair(op, 'stride', options.stride, 2, 1);
  const padding = pair(op, 'padding', options.padding ?? 0, 2, 0);
  const dilation = pair(op, 'dilation', options.dilation ?? 1, 2, 1);
  for (let i = 0; i < 2; i++) {
    if (padding[i]! > Math.floor(kernel[i]! / 2)) {
      throw new Error(
        `${op}: pad should be at most half of effective kernel size, but got pad=${padding[i]} and kernel size ${kernel[i]} (kernelSize ${formatShape(kernel)})`,
      );
    }
  }
  const H = x.shape[x.ndim - 2]!;
  const W = x.shape[x.ndim - 1]!;
  const ceil = options.ceilMode ?? false;
  const OH = outputSize(H, kernel[0]!, stride[0]!, dilation[0]!, padding[0]!, padding[0]!, ceil);
  const OW = outputSize(W, kernel[1]!, stride[1]!, dilation[1]!, padding[1]!, padding[1]!, ceil);
  const spec: WindowSpec = {
    kernel: [kernel[0]!, kernel[1]!],
    stride: [stride[0]!, stride[1]!],
    dilation: [dilation[0]!, dilation[1]!],
    padding: [
      [padding[0]!, padding[0]!],
      [padding[1]!, padding[1]!],
    ],
  };
  return { spec, H, W, OH, OW };
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
  const op = 'maxPool2d';
  const { spec, W, OH, OW } = poolGeometry(op, x, kernelSize, options);
  const [kH, kW] = spec.kernel;
  // The maxima and where they are in their windows, then one node: the gradient goes to each
  // window's first maximum, and back through the windows' gradient.
  const { values: maxima, indices } = noGrad(() => {
    const win = windows(op, x, spec, [OH, OW], -Infinity);
    return max(reshape(win, [...win.shape.slice(0, -2), kH * kW]), -1);
  });
  const values = defineOp(
    'MaxPool2DWithIndicesBackward0',
    [x],
    maxima,
    NOTHING_SAVED,
    (g) => {
      const picked = eq(unsqueeze(indices, -1), arange(kH * kW, undefined, 1, { dtype: 'int32', device: g.device }));
      return [windowsBackward(reshape(where(picked, unsqueeze(g, -1), 0), [...g.shape, kH, kW]), x.shape, spec)];
    },
    // Unread by the gradient: the geometry an exporter (onnx/) writes as MaxPool's attributes.
    { spec, ceilMode: options.ceilMode ?? false },
  );
  if (options.returnIndices !== true) return values;
  // Each window element's position in the unpadded input plane, gathered at the argmax.
  const positions = new Int32Array(OH * OW * kH * kW);
  let i = 0;
  for (let oh = 0; oh < OH; oh++) {
    for (let ow = 0; ow < OW; ow++) {
      for (let a = 0; a < kH; a++) {
        for (let b = 0; b < kW; b++) {
          const h = oh * spec.stride[0] - spec.padding[0][0] + a * spec.dilation[0];
          const w = ow * spec.stride[1] - spec.padding[1][0] + b * spec.dilation[1];
          positions[i++] = h * W + w;
        }
      }
    }
  }
  const table = expand(fromHost(x.backend, positions, [OH, OW, kH * kW], 'int32'), [...values.shape, kH * kW]);
  return [values, squeeze(gatherOp(table, values.ndim, unsqueeze(indices, -1)), -1)];
}

/**
 * Average over each window (torch.nn.functional.avg_pool2d). The divisor is the window size, or
 * with `countIncludePad` false (or a ceil-mode window past the padding) the number of elements
 * the window covers, computed per output position as PyTorch does.
 */
export function avgPool2d(x: Tensor, kernelSize: number | readonly number[], options: AvgPoolOptions = {}): Tensor {
  const op = 'avgPool2d';
  const { spec, H, W, OH, OW } = poolGeometry(op, x, kernelSize, options);
  const divisor = avgDivisor(x, spec, H, W, OH, OW, options);
  // Each output's gradient, over its divisor, spread evenly over its window.
  return defineOp(
    'AvgPool2DBackward0',
    [x],
    () => div(sum(windows(op, x, spec, [OH, OW]), [-2, -1]), divisor),
    NOTHING_SAVED,
    (g) => {
      const share = unsqueeze(unsqueeze(div(g, divisor), -1), -1);
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

/** avgPool2d's divisor: a number, or the count of each window's elements ([OH, OW]). */
function avgDivisor(
  x: Tensor,
  spec: WindowSpec,
  H: number,
  W: number,
  OH: number,
  OW: number,
  options: AvgPoolOptions,
): number | Tensor {
  if (options.divisorOverride !== undefined) return options.divisorOverride;
  const [kH, kW] = spec.kernel;
  const countPad = options.countIncludePad ?? true;
  if (countPad && options.ceilMode !== true) return kH * kW;
  const counts = new Float64Array(OH * OW);
  const span = (o: number, k: number, s: number, p: number, n: number): number => {
    const start = o * s - p;
    const end = Math.min(start + k, n + p);
    return countPad ? end - start : Math.min(end, n) - Math.max(start, 0);
  };
  for (let i = 0; i < OH; i++) {
    for (let j = 0; j < OW; j++)
      counts[i * OW + j] =
        span(i, kH, spec.stride[0], spec.padding[0][0], H) * span(j, kW, spec.stride[1], spec.padding[1][0], W);
  }
  return fromHost(x.backend, counts, [OH, OW], x.dtype);
}

/** The [out, n] matrix whose row i averages PyTorch's adaptive window i: [floor(i n / out), ceil((i + 1) n / out)). */
function adaptiveMatrix(x: Tensor, n: number, out: number): Tensor {
  const m = new Float64Array(out * n);
  for (let i = 0; i < out; i++) {
    const start = Math.floor((i * n) / out);
    const end = Math.ceil(((i + 1) * n) / out);
    for (let j = start; j < end; j++) m[i * n + j] = 1 / (end - start);
  }
  return fromHost(x.backend, m, [out, n], x.dtype);
}

/**
 * Average pooling to a fixed output size (torch.nn.functional.adaptive_avg_pool2d). The windows
 * are separable, so it is two small matmuls with averaging matrices: P_h x P_w^T. `null` keeps a size.
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  const op = 'adaptiveAvgPool2d';
  if (x.ndim !== 3 && x.ndim !== 4)
    throw new Error(`${op}: expected input with 4 dims [N, C, H, W] (or 3 unbatched), got ${formatShape(x.shape)}`);
  checkFloat(op, 'input', x);
  const H = x.shape[x.ndim - 2]!;
  const W = x.shape[x.ndim - 1]!;
  const sizes = typeof outputSize === 'number' ? [outputSize, outputSize] : [...outputSize];
  if (sizes.length !== 2)
    throw new Error(`${op}: expected outputSize to be a number or 2 of them, got ${formatShape(sizes.map(Number))}`);
  const OH = sizes[0] ?? H;
  const OW = sizes[1] ?? W;
  if (!Number.isInteger(OH) || !Number.isInteger(OW) || OH < 0 || OW < 0)
    throw new Error(`${op}: expected non-negative integer output sizes, got [${OH}, ${OW}]`);
  if ((H === 0 || W === 0) && OH * OW > 0)
    throw new Error(`${op}: expected input with non-zero spatial sizes, got ${formatShape(x.shape)}`);
  const ph = OH === H ? null : adaptiveMatrix(x, H, OH);
  const pw = OW === W ? null : transpose(adaptiveMatrix(x, W, OW), 0, 1);
  // Linear in x, so the gradient is the transposed products: P_h^T g P_w.
  return defineOp(
    'AdaptiveAvgPool2DBackward0',
    [x],
    () => {
      const rows = ph === null ? x : matmul(ph, x);
      return pw === null ? rows : matmul(rows, pw);
    },
    NOTHING_SAVED,
    (g) => {
      const rows = ph === null ? g : matmul(transpose(ph, 0, 1), g);
      return [pw === null ? rows : matmul(rows, transpose(pw, 0, 1))];
    },
    null,
  );
}
