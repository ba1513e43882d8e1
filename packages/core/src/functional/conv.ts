import { isGradEnabled } from '../autograd/grad-mode.js';
import { tidy } from '../memory/scope.js';
import { add } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { permute, reshape, squeeze, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, pair } from './common.js';
import { outputSize, windows, type WindowSpec } from './windows.js';

/**
 * Convolution as im2col: the padded input viewed as windows (no copy), laid out as one row per
 * output position (the one copy), times the weight in one matmul per group. Every step is a
 * differentiable op, so the gradients (input, weight, bias) and double backward come from their
 * rules: the windows' gradient scatter-adds overlapping positions back into the input.
 */

export interface ConvOptions {
  stride?: number | readonly number[];
  /** Zeros added on both sides of each spatial dim, or 'valid' (none) or 'same' (output size = input size, stride 1). */
  padding?: number | readonly number[] | 'same' | 'valid';
  dilation?: number | readonly number[];
  groups?: number;
}

/** The shared 2-D convolution of x [N, C, H, W] by w [O, C / groups, kH, kW]. */
function conv(op: string, x: Tensor, w: Tensor, bias: Tensor | null | undefined, spec: WindowSpec, groups: number): Tensor {
  // Without autograd nothing keeps the padded input, the columns or the product, so they are
  // disposed at once and their memory serves the next op (the columns are 9x the input).
  const recorded = isGradEnabled() && (x.requiresGrad || w.requiresGrad || (bias?.requiresGrad ?? false));
  const run = (): Tensor => convOps(op, x, w, bias, spec, groups);
  return recorded ? run() : tidy(run);
}

function convOps(op: string, x: Tensor, w: Tensor, bias: Tensor | null | undefined, spec: WindowSpec, groups: number): Tensor {
  const [N, , H, W] = x.shape as [number, number, number, number];
  const [O, Cg, kH, kW] = w.shape as [number, number, number, number];
  const G = groups;
  const [[pt, pb], [pl, pr]] = spec.padding;
  const OH = outputSize(H, kH, spec.stride[0], spec.dilation[0], pt, pb);
  const OW = outputSize(W, kW, spec.stride[1], spec.dilation[1], pl, pr);
  const win = windows(op, x, spec, [OH, OW]); // [N, C, OH, OW, kH, kW]
  const grouped = reshape(win, [N, G, Cg, OH, OW, kH, kW]);
  // Columns (n, oh, ow) keep the input's rows contiguous, so the one copy moves runs of OW values.
  const cols = reshape(permute(grouped, [1, 2, 5, 6, 0, 3, 4]), [G, Cg * kH * kW, N * OH * OW]);
  const y = matmul(reshape(w, [G, O / G, Cg * kH * kW]), cols); // [G, O / G, N * OH * OW]
  const out = reshape(permute(reshape(y, [G, O / G, N, OH, OW]), [2, 0, 1, 3, 4]), [N, O, OH, OW]);
  return bias === undefined || bias === null ? out : add(out, reshape(bias, [O, 1, 1]));
}

/** Checks shapes and dtypes, PyTorch's way, for a convolution with `spatial` dims. */
function checkConv(op: string, spatial: number, x: Tensor, w: Tensor, bias: Tensor | null | undefined, groups: number): void {
  const layout = spatial === 1 ? '[N, C, L]' : '[N, C, H, W]';
  const wLayout = spatial === 1 ? '[outC, inC/groups, k]' : '[outC, inC/groups, kH, kW]';
  if (x.ndim !== spatial + 2 && x.ndim !== spatial + 1) {
    throw new Error(`${op}: expected input with ${spatial + 2} dims ${layout} (or ${spatial + 1} unbatched), got ${formatShape(x.shape)}`);
  }
  checkFloat(op, 'input', x);
  if (w.ndim !== spatial + 2) throw new Error(`${op}: expected weight with ${spatial + 2} dims ${wLayout}, got ${formatShape(w.shape)}`);
  if (w.dtype !== x.dtype) throw new Error(`${op}: expected input and weight of the same dtype, got ${x.dtype} and ${w.dtype}`);
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`${op}: groups must be a positive integer, got ${groups}`);
  const C = x.shape[x.ndim - spatial - 1]!;
  const O = w.shape[0]!;
  if (w.shape[1]! * groups !== C) {
    throw new Error(
      `${op}: given groups=${groups}, weight of size ${formatShape(w.shape)}, expected input ${formatShape(x.shape)} to have ` +
        `${w.shape[1]! * groups} channels, but got ${C} channels instead`,
    );
  }
  if (O % groups !== 0) throw new Error(`${op}: expected the weight's ${O} output channels to be divisible by groups (${groups})`);
  if (bias !== undefined && bias !== null && (bias.ndim !== 1 || bias.shape[0] !== O)) {
    throw new Error(`${op}: expected bias of shape [${O}] (one per output channel), got ${formatShape(bias.shape)}`);
  }
}

/** Padding per spatial dim as [before, after]. */
function paddings(op: string, padding: ConvOptions['padding'], kernel: readonly number[], dilation: readonly number[], stride: readonly number[]): [number, number][] {
  const n = kernel.length;
  if (padding === 'valid') return kernel.map(() => [0, 0]);
  if (padding === 'same') {
    if (stride.some((s) => s !== 1)) throw new Error(`${op}: padding='same' is not supported for strided convolutions (stride ${formatShape(stride)})`);
    return kernel.map((k, i) => {
      const total = dilation[i]! * (k - 1);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    });
  }
  if (typeof padding === 'string') throw new Error(`${op}: padding must be a number, a list, 'same' or 'valid', got '${String(padding)}'`);
  return pair(op, 'padding', padding ?? 0, n, 0).map((p) => [p, p]);
}

/** 2-D convolution (torch.nn.functional.conv2d): x [N, C, H, W] (or [C, H, W]), weight [outC, C / groups, kH, kW]. */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  const op = 'conv2d';
  const groups = options.groups ?? 1;
  checkConv(op, 2, x, weight, bias, groups);
  const stride = pair(op, 'stride', options.stride ?? 1, 2, 1);
  const dilation = pair(op, 'dilation', options.dilation ?? 1, 2, 1);
  const kernel = weight.shape.slice(2);
  const [ph, pw] = paddings(op, options.padding, kernel, dilation, stride);
  const spec: WindowSpec = {
    kernel: [kernel[0]!, kernel[1]!],
    stride: [stride[0]!, stride[1]!],
    dilation: [dilation[0]!, dilation[1]!],
    padding: [ph!, pw!],
  };
  const batched = x.ndim === 4 ? x : unsqueeze(x, 0);
  const y = conv(op, batched, weight, bias, spec, groups);
  return x.ndim === 4 ? y : squeeze(y, 0);
}

/** 1-D convolution (torch.nn.functional.conv1d): x [N, C, L] (or [C, L]), weight [outC, C / groups, k]; a conv2d of height 1. */
export function conv1d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  const op = 'conv1d';
  const groups = options.groups ?? 1;
  checkConv(op, 1, x, weight, bias, groups);
  const stride = pair(op, 'stride', options.stride ?? 1, 1, 1);
  const dilation = pair(op, 'dilation', options.dilation ?? 1, 1, 1);
  const [p] = paddings(op, options.padding, [weight.shape[2]!], dilation, stride);
  const spec: WindowSpec = {
    kernel: [1, weight.shape[2]!],
    stride: [1, stride[0]!],
    dilation: [1, dilation[0]!],
    padding: [[0, 0], p!],
  };
  const batched = x.ndim === 3 ? x : unsqueeze(x, 0);
  const y = conv(op, unsqueeze(batched, 2), unsqueeze(weight, 2), bias, spec, groups);
  return squeeze(x.ndim === 3 ? y : squeeze(y, 0), x.ndim === 3 ? 2 : 1);
}
