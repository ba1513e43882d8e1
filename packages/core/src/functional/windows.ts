import { pad } from '../ops/pad.js';
import { asStrided, scatterStrided } from '../ops/strided.js';
import { contiguous, reshape } from '../ops/view.js';
import { contiguousStrides, formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';

/**
 * Sliding windows over the last two dims, the building block of convolution and pooling: the
 * input padded once, then viewed (no copy) as [..., OH, OW, kH, kW] with `asStrided`, whose
 * gradient scatter-adds into the input where windows overlap.
 */

export interface WindowSpec {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
  /** Padding before and after, per spatial dim: [[top, bottom], [left, right]] (after only sizes the output). */
  readonly padding: readonly [readonly [number, number], readonly [number, number]];
}

/** Output size along one dim; `ceil` rounds up, keeping the last window starting inside the input or its leading padding (PyTorch's ceil_mode). */
export function outputSize(
  size: number,
  k: number,
  stride: number,
  dilation: number,
  before: number,
  after: number,
  ceil = false,
): number {
  const span = size + before + after - dilation * (k - 1) - 1;
  if (span < 0) return 0;
  let out = (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceil && (out - 1) * stride >= size + before) out--;
  return out;
}

/**
 * The windows of `x` [..., H, W] as a view [..., OH, OW, kH, kW]. `fill` pads (zeros for
 * convolution, -Infinity for max pooling) before, and after as far as the windows reach.
 */
export function windows(op: string, x: Tensor, spec: WindowSpec, out: readonly [number, number], fill = 0): Tensor {
  const [[pt], [pl]] = spec.padding;
  const [kH, kW] = spec.kernel;
  const [sH, sW] = spec.stride;
  const [dH, dW] = spec.dilation;
  const [OH, OW] = out;
  if (OH <= 0 || OW <= 0) {
    throw new Error(
      `${op}: the output size would be ${OH}x${OW} for input ${formatShape(x.shape)}: the kernel (with dilation and padding) is larger than the input`,
    );
  }
  const [needH, needW] = paddingAfter(x.shape, spec, out);
  const padded =
    pt === 0 && needH === 0 && pl === 0 && needW === 0
      ? contiguous(x)
      : pad(x, [pl, needW, pt, needH], { value: fill });
  const lead = padded.shape.slice(0, -2);
  const st = padded.strides;
  const rowStride = st[st.length - 2]!;
  const colStride = st[st.length - 1]!;
  return asStrided(
    padded,
    [...lead, OH, OW, kH, kW],
    [...st.slice(0, -2), rowStride * sH, colStride * sW, rowStride * dH, colStride * dW],
    padded.offset,
  );
}

/** Padding after so that every window lies inside (ceil mode may reach past the given padding); only as much as the windows reach. */
function paddingAfter(
  shape: readonly number[],
  spec: WindowSpec,
  [OH, OW]: readonly [number, number],
): [number, number] {
  const H = shape[shape.length - 2]!;
  const W = shape[shape.length - 1]!;
  const needH = Math.max(
    (OH - 1) * spec.stride[0] + spec.dilation[0] * (spec.kernel[0] - 1) + 1 - H - spec.padding[0][0],
    0,
  );
  const needW = Math.max(
    (OW - 1) * spec.stride[1] + spec.dilation[1] * (spec.kernel[1] - 1) + 1 - W - spec.padding[1][0],
    0,
  );
  return [needH, needW];
}

/**
 * The gradient of {@link windows}: `g` [..., OH, OW, kH, kW] added into the input's positions
 * (overlapping windows add up), the padding cropped off. Public ops, so it differentiates again;
 * `g` may be a broadcast view (the scatter reads any layout).
 */
export function windowsBackward(g: Tensor, shape: readonly number[], spec: WindowSpec): Tensor {
  const [[pt], [pl]] = spec.padding;
  const out: [number, number] = [g.shape[g.ndim - 4]!, g.shape[g.ndim - 3]!];
  const [needH, needW] = paddingAfter(shape, spec, out);
  const lead = shape.slice(0, -2);
  const paddedShape = [...lead, shape[shape.length - 2]! + pt + needH, shape[shape.length - 1]! + pl + needW];
  const st = contiguousStrides(paddedShape);
  const rowStride = st[st.length - 2]!;
  const colStride = st[st.length - 1]!;
  const strides = [
    ...st.slice(0, -2),
    rowStride * spec.stride[0],
    colStride * spec.stride[1],
    rowStride * spec.dilation[0],
    colStride * spec.dilation[1],
  ];
  const padded = reshape(scatterStrided(g, numel(paddedShape), strides, 0), paddedShape);
  return pt === 0 && needH === 0 && pl === 0 && needW === 0 ? padded : pad(padded, [-pl, -needW, -pt, -needH]);
}
