import { add } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { defineOp } from '../ops/op-node.js';
import { sum } from '../ops/reduce.js';
import { reshape, squeeze, transpose, unsqueeze } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, dimsExcept, pair } from './common.js';
import { asProduct, columns, convForward, convInputGrad, LAYOUTS, type ConvGeometry } from './conv-core.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * Transposed convolution: the adjoint of the convolution from its output to its input. Its
 * forward is that convolution's input gradient (the weight's transpose times x, added into the
 * windows of the output), its input gradient that convolution itself, its weight gradient the
 * convolution's weight gradient with the roles of x and g swapped. One node, ConvolutionBackward0,
 * as PyTorch's; the gradients are public ops, so they differentiate again.
 */

export interface ConvTransposeOptions {
  stride?: number | readonly number[];
  /** dilation * (kernel - 1) - padding zeros are added to both sides of the input, in effect: the output is cropped by `padding`. */
  padding?: number | readonly number[];
  /** Extra size added to one side of each output dim (less than the stride or the dilation): picks among the input sizes a strided convolution maps to the same size. */
  outputPadding?: number | readonly number[];
  groups?: number;
  dilation?: number | readonly number[];
}

function convTransposeNd(
  op: string,
  n: number,
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  options: ConvTransposeOptions,
): Tensor {
  if (x.ndim !== n + 2 && x.ndim !== n + 1) {
    throw new ShapeError(
      `${op}: expected input with ${n + 2} dims ${LAYOUTS[n]} (or ${n + 1} unbatched), got ${formatShape(x.shape)}`,
    );
  }
  checkFloat(op, 'input', x);
  if (weight.ndim !== n + 2)
    throw new ShapeError(
      `${op}: expected weight with ${n + 2} dims [inC, outC/groups, ...kernel], got ${formatShape(weight.shape)}`,
    );
  if (weight.dtype !== x.dtype)
    throw new DTypeError(`${op}: expected input and weight of the same dtype, got ${x.dtype} and ${weight.dtype}`);
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1)
    throw new ValueError(`${op}: groups must be a positive integer, got ${groups}`);
  const C = x.shape[x.ndim - n - 1]!;
  if (weight.shape[0] !== C) {
    throw new ShapeError(
      `${op}: given transposed=1, weight of size ${formatShape(weight.shape)}, expected input ${formatShape(x.shape)} to have ${weight.shape[0]} channels, but got ${C} channels instead`,
    );
  }
  if (C % groups !== 0)
    throw new ShapeError(`${op}: expected the input's ${C} channels to be divisible by groups (${groups})`);
  const O = weight.shape[1]! * groups;
  const b = bias ?? null;
  if (b !== null && (b.ndim !== 1 || b.shape[0] !== O))
    throw new ShapeError(`${op}: expected bias of shape [${O}] (one per output channel), got ${formatShape(b.shape)}`);
  const stride = pair(op, 'stride', options.stride ?? 1, n, 1);
  const padding = pair(op, 'padding', options.padding ?? 0, n, 0);
  const outputPadding = pair(op, 'outputPadding', options.outputPadding ?? 0, n, 0);
  const dilation = pair(op, 'dilation', options.dilation ?? 1, n, 1);
  if (outputPadding.some((p, i) => p >= stride[i]! && p >= dilation[i]!)) {
    throw new ValueError(
      `${op}: outputPadding must be smaller than either stride or dilation, got outputPadding ${formatShape(outputPadding)}, stride ${formatShape(stride)} and dilation ${formatShape(dilation)}`,
    );
  }
  const kernel = weight.shape.slice(2);
  const sizes = x.shape.slice(-n);
  const outSizes = sizes.map(
    (s, i) => (s - 1) * stride[i]! - 2 * padding[i]! + dilation[i]! * (kernel[i]! - 1) + outputPadding[i]! + 1,
  );
  if (outSizes.some((s) => s <= 0)) {
    throw new ShapeError(
      `${op}: the output size would be ${outSizes.join('x')} for input ${formatShape(x.shape)}: too small`,
    );
  }
  const batched = x.ndim === n + 2 ? x : unsqueeze(x, 0);
  // The convolution this one is the adjoint of: its input is our output, its output our input.
  const geometry: ConvGeometry = {
    spec: { kernel, stride, dilation, padding: padding.map((p) => [p, p] as const) },
    groups,
    xs: [batched.shape[0]!, O, ...outSizes],
    ws: weight.shape,
    out: sizes,
    shape: batched.shape,
  };
  const inputs = b === null ? [batched, weight] : [batched, weight, b];
  const y = defineOp(
    'ConvolutionBackward0',
    inputs,
    () => {
      const y = convInputGrad(asProduct(batched, geometry), weight, geometry);
      return b === null ? y : add(y, reshape(b, [O, ...outSizes.map(() => 1)]));
    },
    [batched, weight],
    (g, [xs, w], geom, needs) => {
      const cols = needs[0] === true || needs[1] === true ? columns(op, g, geom) : null;
      const gx = needs[0] === true ? convForward(cols!, w, null, geom) : null;
      const gw = needs[1] === true ? reshape(matmul(asProduct(xs, geom), transpose(cols!, 1, 2)), w.shape) : null;
      const gb = needs[2] === true ? sum(g, dimsExcept(g.ndim, 1)) : null;
      return [gx, gw, gb];
    },
    // transposed: for an exporter (onnx/), which would otherwise read this node as a convolution.
    { ...geometry, transposed: true },
  );
  return x.ndim === n + 2 ? y : squeeze(y, 0);
}

/**
 * 2-D transposed convolution (torch.nn.functional.conv_transpose2d): x [N, inC, H, W] (or
 * unbatched), weight [inC, outC / groups, kH, kW]; output size (H - 1) stride - 2 padding +
 * dilation (kH - 1) + outputPadding + 1.
 */
export function convTranspose2d(
  x: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  options: ConvTransposeOptions = {},
): Tensor {
  return convTransposeNd('convTranspose2d', 2, x, weight, bias, options);
}

/** 1-D transposed convolution (torch.nn.functional.conv_transpose1d): x [N, inC, L] (or unbatched), weight [inC, outC / groups, k]. */
export function convTranspose1d(
  x: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  options: ConvTransposeOptions = {},
): Tensor {
  return convTransposeNd('convTranspose1d', 1, x, weight, bias, options);
}
