import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { permute, reshape } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, pair } from './common.js';
import { outputSize, windows, windowsBackward, type WindowSpec } from './windows.js';
import { ShapeError } from '../errors.js';

/**
 * Unfold (im2col) and fold (col2im): the sliding blocks of an image as columns, and columns
 * added back into an image where blocks overlap. Each is the other's gradient, so they are one
 * node each (Im2ColBackward0, Col2ImBackward0) whose backward is the other: gradients of
 * gradients work.
 */

export interface FoldOptions {
  dilation?: number | readonly number[];
  padding?: number | readonly number[];
  stride?: number | readonly number[];
}

interface Blocks {
  readonly spec: WindowSpec;
  /** The image's shape [N, C, H, W] and the number of blocks along each spatial dim. */
  readonly image: readonly number[];
  readonly out: readonly number[];
}

function blockSpec(op: string, kernelSize: number | readonly number[], options: FoldOptions): WindowSpec {
  const padding = pair(op, 'padding', options.padding ?? 0, 2, 0);
  return {
    kernel: pair(op, 'kernelSize', kernelSize, 2, 1),
    dilation: pair(op, 'dilation', options.dilation ?? 1, 2, 1),
    stride: pair(op, 'stride', options.stride ?? 1, 2, 1),
    padding: padding.map((p) => [p, p] as const),
  };
}

function blockCounts(op: string, size: readonly number[], spec: WindowSpec): number[] {
  const out = size.map((s, i) =>
    outputSize(s, spec.kernel[i]!, spec.stride[i]!, spec.dilation[i]!, spec.padding[i]![0], spec.padding[i]![1]),
  );
  if (out.some((o) => o <= 0)) {
    throw new ShapeError(
      `${op}: the kernel ${formatShape(spec.kernel)} (dilation ${formatShape(spec.dilation)}, padding ${formatShape(spec.padding.map((p) => p[0]))}) does not fit in the image ${formatShape(size)}: no sliding blocks`,
    );
  }
  return out;
}

/** x [N, C, H, W] (or [C, H, W]) to [N, C kH kW, L] (or [C kH kW, L]): the windows' view, laid out as PyTorch's columns (one copy). */
function unfoldNode(x: Tensor, b: Blocks): Tensor {
  const [N, C] = b.image as [number, number];
  const [kH, kW] = b.spec.kernel as [number, number];
  const L = b.out[0]! * b.out[1]!;
  const lead = x.ndim === 4 ? [N] : [];
  return defineOp(
    'Im2ColBackward0',
    [x],
    () =>
      reshape(permute(windows('unfold', reshape(x, b.image), b.spec, b.out), [0, 1, 4, 5, 2, 3]), [
        ...lead,
        C * kH * kW,
        L,
      ]),
    NOTHING_SAVED,
    (g) => [foldNode(g, b)],
    null,
  );
}

/** cols [N, C kH kW, L] (or [C kH kW, L]) to [N, C, H, W] (or [C, H, W]): each block added at its place, the padding cropped. */
function foldNode(cols: Tensor, b: Blocks): Tensor {
  const [N, C] = b.image as [number, number];
  const [kH, kW] = b.spec.kernel as [number, number];
  const [OH, OW] = b.out as [number, number];
  return defineOp(
    'Col2ImBackward0',
    [cols],
    () =>
      reshape(
        windowsBackward(permute(reshape(cols, [N, C, kH, kW, OH, OW]), [0, 1, 4, 5, 2, 3]), b.image, b.spec),
        cols.ndim === 3 ? b.image : b.image.slice(1),
      ),
    NOTHING_SAVED,
    (g) => [unfoldNode(g, b)],
    null,
  );
}

/**
 * The sliding blocks of x [N, C, H, W] (or [C, H, W]) as columns [N, C kH kW, L]
 * (torch.nn.functional.unfold), L the number of blocks, channel-major then kernel position.
 */
export function unfold(x: Tensor, kernelSize: number | readonly number[], options: FoldOptions = {}): Tensor {
  const op = 'unfold';
  if (x.ndim !== 3 && x.ndim !== 4)
    throw new ShapeError(
      `${op}: expected input with 4 dims [N, C, H, W] (or 3 unbatched), got ${formatShape(x.shape)}`,
    );
  checkFloat(op, 'input', x);
  const spec = blockSpec(op, kernelSize, options);
  const image = x.ndim === 4 ? x.shape : [1, ...x.shape];
  return unfoldNode(x, { spec, image, out: blockCounts(op, image.slice(2), spec) });
}

/**
 * Columns x [N, C kH kW, L] (or [C kH kW, L]) added back into an image [N, C, H, W] of
 * `outputSize` [H, W] (torch.nn.functional.fold): the adjoint of {@link unfold}, overlapping
 * blocks summed.
 */
export function fold(
  x: Tensor,
  outputSize: number | readonly number[],
  kernelSize: number | readonly number[],
  options: FoldOptions = {},
): Tensor {
  const op = 'fold';
  if (x.ndim !== 2 && x.ndim !== 3)
    throw new ShapeError(
      `${op}: expected input with 3 dims [N, C * kH * kW, L] (or 2 unbatched), got ${formatShape(x.shape)}`,
    );
  checkFloat(op, 'input', x);
  const spec = blockSpec(op, kernelSize, options);
  const size = pair(op, 'outputSize', outputSize, 2, 1);
  const [N, CK, L] = (x.ndim === 3 ? x.shape : [1, ...x.shape]) as [number, number, number];
  const K = spec.kernel[0]! * spec.kernel[1]!;
  if (CK % K !== 0) {
    throw new ShapeError(
      `${op}: expected the input's dim 1 (size ${CK}) to be divisible by the product of kernelSize (${K}), got input ${formatShape(x.shape)}`,
    );
  }
  const out = blockCounts(op, size, spec);
  if (out[0]! * out[1]! !== L) {
    throw new ShapeError(
      `${op}: given outputSize ${formatShape(size)} and kernelSize ${formatShape(spec.kernel)}, expected the input's last dim to match the number of sliding blocks ${out[0]} * ${out[1]} = ${out[0]! * out[1]!}, but got ${L}`,
    );
  }
  return foldNode(x, { spec, image: [N, CK / K, ...size], out });
}
