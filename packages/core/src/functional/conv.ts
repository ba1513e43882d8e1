import { squeeze, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, pair } from './common.js';
import { convolve, LAYOUTS } from './conv-core.js';
import type { WindowSpec } from './windows.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/** Convolution in 1, 2 and 3 spatial dims (conv-core.ts computes it): the arguments checked PyTorch's way. */

export interface ConvOptions {
  stride?: number | readonly number[];
  /** Zeros added on both sides of each spatial dim, or 'valid' (none) or 'same' (output size = input size, stride 1). */
  padding?: number | readonly number[] | 'same' | 'valid';
  dilation?: number | readonly number[];
  groups?: number;
}

/** Checks shapes and dtypes, PyTorch's way, for a convolution with `spatial` dims. */
function checkConv(
  op: string,
  spatial: number,
  x: Tensor,
  w: Tensor,
  bias: Tensor | null | undefined,
  groups: number,
): void {
  const layout = LAYOUTS[spatial]!;
  const wLayout = ['', '[outC, inC/groups, k]', '[outC, inC/groups, kH, kW]', '[outC, inC/groups, kD, kH, kW]'][
    spatial
  ]!;
  if (x.ndim !== spatial + 2 && x.ndim !== spatial + 1) {
    throw new ShapeError(
      `${op}: expected input with ${spatial + 2} dims ${layout} (or ${spatial + 1} unbatched), got ${formatShape(x.shape)}`,
    );
  }
  checkFloat(op, 'input', x);
  if (w.ndim !== spatial + 2)
    throw new ShapeError(`${op}: expected weight with ${spatial + 2} dims ${wLayout}, got ${formatShape(w.shape)}`);
  if (w.dtype !== x.dtype)
    throw new DTypeError(`${op}: expected input and weight of the same dtype, got ${x.dtype} and ${w.dtype}`);
  if (!Number.isInteger(groups) || groups < 1)
    throw new ValueError(`${op}: groups must be a positive integer, got ${groups}`);
  const C = x.shape[x.ndim - spatial - 1]!;
  const O = w.shape[0]!;
  if (w.shape[1]! * groups !== C) {
    throw new ShapeError(
      `${op}: given groups=${groups}, weight of size ${formatShape(w.shape)}, expected input ${formatShape(x.shape)} to have ` +
        `${w.shape[1]! * groups} channels, but got ${C} channels instead`,
    );
  }
  if (O % groups !== 0)
    throw new ShapeError(`${op}: expected the weight's ${O} output channels to be divisible by groups (${groups})`);
  if (bias !== undefined && bias !== null && (bias.ndim !== 1 || bias.shape[0] !== O)) {
    throw new ShapeError(
      `${op}: expected bias of shape [${O}] (one per output channel), got ${formatShape(bias.shape)}`,
    );
  }
}

/** Padding per spatial dim as [before, after]. */
function paddings(
  op: string,
  padding: ConvOptions['padding'],
  kernel: readonly number[],
  dilation: readonly number[],
  stride: readonly number[],
): [number, number][] {
  const n = kernel.length;
  if (padding === 'valid') return kernel.map(() => [0, 0]);
  if (padding === 'same') {
    if (stride.some((s) => s !== 1))
      throw new ValueError(
        `${op}: padding='same' is not supported for strided convolutions (stride ${formatShape(stride)})`,
      );
    return kernel.map((k, i) => {
      const total = dilation[i]! * (k - 1);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    });
  }
  if (typeof padding === 'string')
    throw new ValueError(`${op}: padding must be a number, a list, 'same' or 'valid', got '${String(padding)}'`);
  return pair(op, 'padding', padding ?? 0, n, 0).map((p) => [p, p]);
}

/** The convolution of x [N, C, ...S] (or unbatched) by a weight of n = its dims - 2 spatial dims, checked. */
function convNd(
  op: string,
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  options: ConvOptions,
  n: number,
): Tensor {
  const groups = options.groups ?? 1;
  checkConv(op, n, x, weight, bias, groups);
  const stride = pair(op, 'stride', options.stride ?? 1, n, 1);
  const dilation = pair(op, 'dilation', options.dilation ?? 1, n, 1);
  const kernel = weight.shape.slice(2);
  const spec: WindowSpec = {
    kernel,
    stride,
    dilation,
    padding: paddings(op, options.padding, kernel, dilation, stride),
  };
  const batched = x.ndim === n + 2 ? x : unsqueeze(x, 0);
  const y = convolve(op, batched, weight, bias, spec, groups);
  return x.ndim === n + 2 ? y : squeeze(y, 0);
}

/** 2-D convolution (torch.nn.functional.conv2d): x [N, C, H, W] (or [C, H, W]), weight [outC, C / groups, kH, kW]. */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  return convNd('conv2d', x, weight, bias, options, 2);
}

/** 1-D convolution (torch.nn.functional.conv1d): x [N, C, L] (or [C, L]), weight [outC, C / groups, k]. */
export function conv1d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  return convNd('conv1d', x, weight, bias, options, 1);
}

/** 3-D convolution (torch.nn.functional.conv3d): x [N, C, D, H, W] (or [C, D, H, W]), weight [outC, C / groups, kD, kH, kW]. */
export function conv3d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  return convNd('conv3d', x, weight, bias, options, 3);
}
