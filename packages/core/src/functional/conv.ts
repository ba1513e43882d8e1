import { tidy } from '../memory/scope.js';
import { add } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { anyRequiresGrad, defineOp } from '../ops/op-node.js';
import { sum } from '../ops/reduce.js';
import { permute, reshape, squeeze, transpose, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, dimsExcept, pair } from './common.js';
import { outputSize, windows, windowsBackward, type WindowSpec } from './windows.js';

/**
 * Convolution as im2col: the padded input viewed as windows (no copy), laid out as one row per
 * output position (the one copy), times the weight in one matmul per group; recorded as one node,
 * ConvolutionBackward0. Its gradient is written with public ops: the weight's is the output's
 * gradient times the columns, the input's the weight times the output's gradient put back
 * through the windows (a scatter-add where they overlap), the bias's a sum. The columns keep
 * their graph to the input, so double backward reaches the input through them too.
 */

export interface ConvOptions {
  stride?: number | readonly number[];
  /** Zeros added on both sides of each spatial dim, or 'valid' (none) or 'same' (output size = input size, stride 1). */
  padding?: number | readonly number[] | 'same' | 'valid';
  dilation?: number | readonly number[];
  groups?: number;
}

interface ConvGeometry {
  readonly spec: WindowSpec;
  readonly groups: number;
  /** The input as 4-D [N, C, H, W] (conv1d: H = 1), and the weight as 4-D [O, C / groups, kH, kW]. */
  readonly x4: readonly number[];
  readonly w4: readonly number[];
  readonly out: readonly [number, number];
  /** The result's shape: [N, O, OH, OW], or [N, O, OW] for conv1d. */
  readonly shape: readonly number[];
}

/** The shared convolution of a batched x [N, C, (H,) W] by w [O, C / groups, (kH,) kW]: one node. */
function conv(
  op: string,
  x: Tensor,
  w: Tensor,
  bias: Tensor | null | undefined,
  spec: WindowSpec,
  groups: number,
): Tensor {
  const b = bias ?? null;
  const inputs = b === null ? [x, w] : [x, w, b];
  const x4 = x.ndim === 3 ? [x.shape[0]!, x.shape[1]!, 1, x.shape[2]!] : x.shape;
  const w4 = w.ndim === 3 ? [w.shape[0]!, w.shape[1]!, 1, w.shape[2]!] : w.shape;
  const [N, , H, W] = x4 as [number, number, number, number];
  const [O, , kH, kW] = w4 as [number, number, number, number];
  const [[pt, pb], [pl, pr]] = spec.padding;
  const out: [number, number] = [
    outputSize(H, kH, spec.stride[0], spec.dilation[0], pt, pb),
    outputSize(W, kW, spec.stride[1], spec.dilation[1], pl, pr),
  ];
  const shape = x.ndim === 3 ? [N, O, out[1]] : [N, O, out[0], out[1]];
  const geometry: ConvGeometry = { spec, groups, x4, w4, out, shape };
  // Without autograd nothing keeps the padded input, the columns or the product, so they are
  // disposed at once and their memory serves the next op (the columns are 9x the input).
  if (!anyRequiresGrad(inputs)) return tidy(() => convForward(columns(op, x, geometry), w, b, geometry));
  const cols = columns(op, x, geometry);
  return defineOp(
    'ConvolutionBackward0',
    inputs,
    () => convForward(cols, w, b, geometry),
    [cols, w],
    convBackward,
    geometry,
  );
}

/** The input's windows as [G, C / G * kH * kW, N * OH * OW]: rows (n, oh, ow) keep the input's rows contiguous, so the one copy moves runs of OW values. */
function columns(op: string, x: Tensor, { spec, groups: G, x4, w4, out }: ConvGeometry): Tensor {
  const N = x4[0]!;
  const [, Cg, kH, kW] = w4 as [number, number, number, number];
  const [OH, OW] = out;
  const win = windows(op, reshape(x, x4), spec, out); // [N, C, OH, OW, kH, kW]
  const grouped = reshape(win, [N, G, Cg, OH, OW, kH, kW]);
  return reshape(permute(grouped, [1, 2, 5, 6, 0, 3, 4]), [G, Cg * kH * kW, N * OH * OW]);
}

function convForward(
  cols: Tensor,
  w: Tensor,
  bias: Tensor | null,
  { groups: G, w4, out, shape }: ConvGeometry,
): Tensor {
  const [O, Cg, kH, kW] = w4 as [number, number, number, number];
  const [OH, OW] = out;
  const N = shape[0]!;
  const y = matmul(reshape(w, [G, O / G, Cg * kH * kW]), cols); // [G, O / G, N * OH * OW]
  const out4 = reshape(permute(reshape(y, [G, O / G, N, OH, OW]), [2, 0, 1, 3, 4]), shape);
  return bias === null ? out4 : add(out4, reshape(bias, [O, ...shape.slice(2).map(() => 1)]));
}

function convBackward(
  g: Tensor,
  [cols, w]: readonly Tensor[],
  geometry: ConvGeometry,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const { spec, groups: G, x4, w4, out, shape } = geometry;
  const [N, C] = x4 as [number, number];
  const [O, Cg, kH, kW] = w4 as [number, number, number, number];
  const [OH, OW] = out;
  // The output's gradient as the product's: [G, O / G, N * OH * OW].
  const gy = reshape(permute(reshape(g, [N, G, O / G, OH, OW]), [1, 2, 0, 3, 4]), [G, O / G, N * OH * OW]);
  let gx: Tensor | null = null;
  if (needs[0] === true) {
    const gCols = matmul(transpose(reshape(w!, [G, O / G, Cg * kH * kW]), 1, 2), gy); // [G, Cg * kH * kW, N * OH * OW]
    // Back to the windows' layout [N, C, OH, OW, kH, kW] (the inverse of columns' permutation).
    const gWin = reshape(permute(reshape(gCols, [G, Cg, kH, kW, N, OH, OW]), [4, 0, 1, 5, 6, 2, 3]), [
      N,
      C,
      OH,
      OW,
      kH,
      kW,
    ]);
    gx = reshape(windowsBackward(gWin, x4, spec), shape.length === 3 ? [N, C, x4[3]!] : x4);
  }
  const gw = needs[1] === true ? reshape(matmul(gy, transpose(cols!, 1, 2)), w!.shape) : null;
  const gb = needs[2] === true ? sum(g, dimsExcept(shape.length, 1)) : null;
  return [gx, gw, gb];
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
  const layout = spatial === 1 ? '[N, C, L]' : '[N, C, H, W]';
  const wLayout = spatial === 1 ? '[outC, inC/groups, k]' : '[outC, inC/groups, kH, kW]';
  if (x.ndim !== spatial + 2 && x.ndim !== spatial + 1) {
    throw new Error(
      `${op}: expected input with ${spatial + 2} dims ${layout} (or ${spatial + 1} unbatched), got ${formatShape(x.shape)}`,
    );
  }
  checkFloat(op, 'input', x);
  if (w.ndim !== spatial + 2)
    throw new Error(`${op}: expected weight with ${spatial + 2} dims ${wLayout}, got ${formatShape(w.shape)}`);
  if (w.dtype !== x.dtype)
    throw new Error(`${op}: expected input and weight of the same dtype, got ${x.dtype} and ${w.dtype}`);
  if (!Number.isInteger(groups) || groups < 1)
    throw new Error(`${op}: groups must be a positive integer, got ${groups}`);
  const C = x.shape[x.ndim - spatial - 1]!;
  const O = w.shape[0]!;
  if (w.shape[1]! * groups !== C) {
    throw new Error(
      `${op}: given groups=${groups}, weight of size ${formatShape(w.shape)}, expected input ${formatShape(x.shape)} to have ` +
        `${w.shape[1]! * groups} channels, but got ${C} channels instead`,
    );
  }
  if (O % groups !== 0)
    throw new Error(`${op}: expected the weight's ${O} output channels to be divisible by groups (${groups})`);
  if (bias !== undefined && bias !== null && (bias.ndim !== 1 || bias.shape[0] !== O)) {
    throw new Error(`${op}: expected bias of shape [${O}] (one per output channel), got ${formatShape(bias.shape)}`);
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
      throw new Error(
        `${op}: padding='same' is not supported for strided convolutions (stride ${formatShape(stride)})`,
      );
    return kernel.map((k, i) => {
      const total = dilation[i]! * (k - 1);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    });
  }
  if (typeof padding === 'string')
    throw new Error(`${op}: padding must be a number, a list, 'same' or 'valid', got '${String(padding)}'`);
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
  const y = conv(op, batched, weight, bias, spec, groups);
  return x.ndim === 3 ? y : squeeze(y, 0);
}
