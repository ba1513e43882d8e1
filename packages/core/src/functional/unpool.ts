import { zeros } from '../ops/creation.js';
import { gatherOp, scatter } from '../ops/indexing.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { reshape } from '../ops/view.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, checkIndices, pair } from './common.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

export interface MaxUnpoolOptions {
  /** The pooling's stride; the kernel size by default. */
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  /** The size to restore, [H, W] or with the leading dims, when the pooling's output size could come from several. */
  outputSize?: readonly number[] | null;
}

/**
 * The partial inverse of maxPool2d (torch.nn.functional.max_unpool2d): each value of x put at
 * its flat index (h * W + w, as maxPool2d's `returnIndices` gives) in a zero plane of the
 * pooled input's size, (H - 1) stride - 2 padding + kernelSize unless `outputSize` says. One
 * node, MaxUnpool2DBackward0, whose gradient gathers at the indices.
 */
export function maxUnpool2d(
  x: Tensor,
  indices: Tensor,
  kernelSize: number | readonly number[],
  options: MaxUnpoolOptions = {},
): Tensor {
  const op = 'maxUnpool2d';
  if (x.ndim !== 3 && x.ndim !== 4)
    throw new ShapeError(
      `${op}: expected input with 4 dims [N, C, H, W] (or 3 unbatched), got ${formatShape(x.shape)}`,
    );
  checkFloat(op, 'input', x);
  if (indices.dtype !== 'int32' || !shapesEqual(indices.shape, x.shape)) {
    throw new (indices.dtype !== 'int32' ? DTypeError : ShapeError)(
      `${op}: expected int32 indices of the input's shape ${formatShape(x.shape)}, got ${indices.dtype} of shape ${formatShape(indices.shape)}`,
    );
  }
  const kernel = pair(op, 'kernelSize', kernelSize, 2, 1);
  const stride =
    options.stride === undefined || options.stride === null ? kernel : pair(op, 'stride', options.stride, 2, 1);
  const padding = pair(op, 'padding', options.padding ?? 0, 2, 0);
  const lead = x.shape.slice(0, -2);
  const [H, W] = x.shape.slice(-2) as [number, number];
  const defaults = [H, W].map((s, i) => (s - 1) * stride[i]! - 2 * padding[i]! + kernel[i]!);
  let size = defaults;
  if (options.outputSize !== undefined && options.outputSize !== null) {
    size = [...options.outputSize].slice(-2);
    // PyTorch's _unpool_output_size: within a stride above the default (pooling floors its division).
    if (size.length !== 2 || size.some((s, i) => !(s > defaults[i]! - stride[i]! && s < defaults[i]! + stride[i]!))) {
      throw new ValueError(
        `${op}: invalid outputSize ${formatShape(options.outputSize)}: expected sizes between ${formatShape(defaults.map((d, i) => d - stride[i]! + 1))} and ${formatShape(defaults.map((d, i) => d + stride[i]! - 1))}`,
      );
    }
  }
  const [OH, OW] = size as [number, number];
  checkIndices(op, 'index', indices, OH * OW);
  const d = lead.length;
  const flatIndices = reshape(indices, [...lead, H * W]);
  return defineOp(
    'MaxUnpool2DBackward0',
    [x],
    () => {
      const into = zeros([...lead, OH * OW], { dtype: x.dtype, device: x.device });
      return reshape(scatter(into, d, flatIndices, reshape(x, [...lead, H * W])), [...lead, OH, OW]);
    },
    NOTHING_SAVED,
    (g) => [reshape(gatherOp(reshape(g, [...lead, OH * OW]), d, flatIndices), x.shape)],
    null,
  );
}
