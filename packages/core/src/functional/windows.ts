import { pad } from '../ops/pad.js';
import { asStrided, scatterStrided } from '../ops/strided.js';
import { contiguous, reshape } from '../ops/view.js';
import { contiguousStrides, formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { ShapeError } from '../errors.js';

/**
 * Sliding windows over the last n dims (n = the kernel's length: 2 for conv2d and pooling, 3 for
 * conv3d), the building block of convolution and pooling: the input padded once, then viewed
 * (no copy) as [..., O1..On, k1..kn] with `asStrided`, whose gradient scatter-adds into the input
 * where windows overlap.
 */

export interface WindowSpec {
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  /** Padding before and after, per spatial dim: [[top, bottom], [left, right]] (after only sizes the output). */
  readonly padding: readonly (readonly [number, number])[];
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

/** F.pad's amounts (last dim first) for the padding before and `after` after each spatial dim. */
function padAmounts(spec: WindowSpec, after: readonly number[]): number[] {
  const amounts: number[] = [];
  for (let i = spec.kernel.length - 1; i >= 0; i--) amounts.push(spec.padding[i]![0], after[i]!);
  return amounts;
}

/** The strides of the windows view of a tensor of strides `st`: each spatial dim's stride times the step, then times the dilation. */
function windowStrides(st: readonly number[], spec: WindowSpec): number[] {
  const n = spec.kernel.length;
  const sp = st.slice(-n);
  return [...st.slice(0, -n), ...sp.map((s, i) => s * spec.stride[i]!), ...sp.map((s, i) => s * spec.dilation[i]!)];
}

/**
 * The windows of `x` [..., S1..Sn] as a view [..., O1..On, k1..kn]. `fill` pads (zeros for
 * convolution, -Infinity for max pooling) before, and after as far as the windows reach.
 */
export function windows(op: string, x: Tensor, spec: WindowSpec, out: readonly number[], fill = 0): Tensor {
  if (out.some((o) => o <= 0)) {
    throw new ShapeError(
      `${op}: the output size would be ${out.join('x')} for input ${formatShape(x.shape)}: the kernel (with dilation and padding) is larger than the input`,
    );
  }
  const amounts = padAmounts(spec, paddingAfter(x.shape, spec, out));
  const padded = amounts.every((a) => a === 0) ? contiguous(x) : pad(x, amounts, { value: fill });
  const lead = padded.shape.slice(0, -spec.kernel.length);
  return asStrided(padded, [...lead, ...out, ...spec.kernel], windowStrides(padded.strides, spec), padded.offset);
}

/** Padding after so that every window lies inside (ceil mode may reach past the given padding); only as much as the windows reach. */
function paddingAfter(shape: readonly number[], spec: WindowSpec, out: readonly number[]): number[] {
  const n = spec.kernel.length;
  return out.map((o, i) =>
    Math.max(
      (o - 1) * spec.stride[i]! +
        spec.dilation[i]! * (spec.kernel[i]! - 1) +
        1 -
        shape[shape.length - n + i]! -
        spec.padding[i]![0],
      0,
    ),
  );
}

/**
 * The gradient of {@link windows}: `g` [..., O1..On, k1..kn] added into the input's positions
 * (overlapping windows add up), the padding cropped off. Public ops, so it differentiates again;
 * `g` may be a broadcast view (the scatter reads any layout).
 */
export function windowsBackward(g: Tensor, shape: readonly number[], spec: WindowSpec): Tensor {
  const n = spec.kernel.length;
  const out = g.shape.slice(g.ndim - 2 * n, g.ndim - n);
  const after = paddingAfter(shape, spec, out);
  const lead = shape.length - n;
  const paddedShape = shape.map((s, d) => (d < lead ? s : s + spec.padding[d - lead]![0] + after[d - lead]!));
  const strides = windowStrides(contiguousStrides(paddedShape), spec);
  const padded = reshape(scatterStrided(g, numel(paddedShape), strides, 0), paddedShape);
  const amounts = padAmounts(spec, after);
  return amounts.every((a) => a === 0)
    ? padded
    : pad(
        padded,
        amounts.map((a) => -a),
      );
}
