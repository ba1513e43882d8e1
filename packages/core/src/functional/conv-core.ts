import { tidy } from '../memory/scope.js';
import { add } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { wrap } from '../ops/dispatch.js';
import { anyRequiresGrad, defineOp } from '../ops/op-node.js';
import { activeTracer } from '../ops/trace-hook.js';
import { sum } from '../ops/reduce.js';
import { permute, reshape, transpose } from '../ops/view.js';
import type { Tensor } from '../tensor.js';
import { dimsExcept } from './common.js';
import { outputSize, windows, windowsBackward, type WindowSpec } from './windows.js';

/**
 * Convolution as im2col: the padded input viewed as windows (no copy), laid out as one row per
 * output position (the one copy), times the weight in one matmul per group; recorded as one node,
 * ConvolutionBackward0. Its gradient is written with public ops: the weight's is the output's
 * gradient times the columns, the input's the weight times the output's gradient put back
 * through the windows (a scatter-add where they overlap), the bias's a sum. The columns keep
 * their graph to the input, so double backward reaches the input through them too.
 */

/** The input's layout, by its number of spatial dims. */
export const LAYOUTS = ['', '[N, C, L]', '[N, C, H, W]', '[N, C, D, H, W]'];

export interface ConvGeometry {
  readonly spec: WindowSpec;
  readonly groups: number;
  /** The input's shape [N, C, ...S] and the weight's [O, C / groups, ...k] (n = k's length spatial dims). */
  readonly xs: readonly number[];
  readonly ws: readonly number[];
  /** The output's spatial sizes. */
  readonly out: readonly number[];
  /** The result's shape: [N, O, ...out]. */
  readonly shape: readonly number[];
}

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);
/** [from, from + 1, ..., from + n - 1]. */
export const span = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

/** The shared convolution of a batched x [N, C, ...S] by w [O, C / groups, ...k]: one node. */
export function convolve(
  op: string,
  x: Tensor,
  w: Tensor,
  bias: Tensor | null | undefined,
  spec: WindowSpec,
  groups: number,
): Tensor {
  const b = bias ?? null;
  const inputs = b === null ? [x, w] : [x, w, b];
  const out = spec.kernel.map((k, i) =>
    outputSize(x.shape[2 + i]!, k, spec.stride[i]!, spec.dilation[i]!, spec.padding[i]![0], spec.padding[i]![1]),
  );
  const geometry: ConvGeometry = {
    spec,
    groups,
    xs: x.shape,
    ws: w.shape,
    out,
    shape: [x.shape[0]!, w.shape[0]!, ...out],
  };
  const fused = fusedConv(x, w, b, geometry);
  if (fused !== null) {
    // The backend's fused kernel, or the columns where it declines; the backward builds the
    // columns from the saved input when the weight's gradient needs them.
    const forward = (): Tensor => fused() ?? tidy(() => convForward(columns(op, x, geometry), w, b, geometry));
    if (!anyRequiresGrad(inputs)) return forward();
    return defineOp(
      'ConvolutionBackward0',
      inputs,
      forward,
      [x, w],
      (g, [xs, ws], geo, needs) => convBackward(g, [needs[1] === true ? columns(op, xs, geo) : xs, ws], geo, needs),
      geometry,
    );
  }
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

/**
 * The backend's fused convolution (Kernels.conv) as a thunk, where it may apply: stride 1, one
 * group, float32 operands on one backend, and no export trace (which needs the ops one by one);
 * the thunk gives undefined where the backend declines.
 */
function fusedConv(
  x: Tensor,
  w: Tensor,
  bias: Tensor | null,
  { spec, groups, shape }: ConvGeometry,
): (() => Tensor | undefined) | null {
  const backend = x.backend;
  const { kernels } = backend;
  if (kernels.conv === undefined || groups !== 1 || spec.stride.some((s) => s !== 1) || activeTracer() !== null)
    return null;
  if (x.dtype !== 'float32' || w.dtype !== 'float32' || (bias !== null && bias.dtype !== 'float32')) return null;
  if (w.backend !== backend || (bias !== null && bias.backend !== backend)) return null;
  return () => {
    const storage = kernels.conv?.(x, w, bias, spec.padding, spec.dilation, 'float32');
    return storage === undefined ? undefined : wrap(backend, storage, shape, 'float32');
  };
}

/** The input's windows as [G, C / G * prod(k), N * prod(out)]: rows (n, o...) keep the input's rows contiguous, so the one copy moves runs of the last output size. */
export function columns(op: string, x: Tensor, { spec, groups: G, xs, ws, out }: ConvGeometry): Tensor {
  const n = spec.kernel.length;
  const N = xs[0]!;
  const Cg = ws[1]!;
  const win = windows(op, x, spec, out); // [N, C, ...out, ...k]
  const grouped = reshape(win, [N, G, Cg, ...out, ...spec.kernel]);
  return reshape(permute(grouped, [1, 2, ...span(3 + n, n), 0, ...span(3, n)]), [
    G,
    Cg * prod(spec.kernel),
    N * prod(out),
  ]);
}

/** The convolution from the columns: one matmul per group, laid out as [N, O, ...out], plus the bias. */
export function convForward(
  cols: Tensor,
  w: Tensor,
  bias: Tensor | null,
  { groups: G, ws, out, shape, spec }: ConvGeometry,
): Tensor {
  const n = out.length;
  const O = ws[0]!;
  const y = matmul(reshape(w, [G, O / G, ws[1]! * prod(spec.kernel)]), cols); // [G, O / G, N * prod(out)]
  const outN = reshape(permute(reshape(y, [G, O / G, shape[0]!, ...out]), [2, 0, 1, ...span(3, n)]), shape);
  return bias === null ? outN : add(outN, reshape(bias, [O, ...out.map(() => 1)]));
}

/** The output's gradient [N, O, ...out] in the product's layout [G, O / G, N * prod(out)]. */
export function asProduct(g: Tensor, { groups: G, ws, out, shape }: ConvGeometry): Tensor {
  const O = ws[0]!;
  return reshape(permute(reshape(g, [shape[0]!, G, O / G, ...out]), [1, 2, 0, ...span(3, out.length)]), [
    G,
    O / G,
    shape[0]! * prod(out),
  ]);
}

/**
 * The input's gradient from the output's (in the product's layout): the weight's transpose times
 * it, back to the windows' layout, then added into the input's positions through the windows.
 * Also the forward of the transposed convolution.
 */
export function convInputGrad(gy: Tensor, w: Tensor, { spec, groups: G, xs, ws, out }: ConvGeometry): Tensor {
  const n = out.length;
  const [O, Cg] = ws as [number, number];
  const gCols = matmul(transpose(reshape(w, [G, O / G, Cg * prod(spec.kernel)]), 1, 2), gy); // [G, Cg * prod(k), N * prod(out)]
  // Back to the windows' layout [N, C, ...out, ...k] (the inverse of columns' permutation).
  const laid = permute(reshape(gCols, [G, Cg, ...spec.kernel, xs[0]!, ...out]), [
    2 + n,
    0,
    1,
    ...span(3 + n, n),
    ...span(2, n),
  ]);
  return windowsBackward(reshape(laid, [xs[0]!, xs[1]!, ...out, ...spec.kernel]), xs, spec);
}

export function convBackward(
  g: Tensor,
  [cols, w]: readonly Tensor[],
  geometry: ConvGeometry,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const gy = asProduct(g, geometry);
  const gx = needs[0] === true ? convInputGrad(gy, w!, geometry) : null;
  const gw = needs[1] === true ? reshape(matmul(gy, transpose(cols!, 1, 2)), w!.shape) : null;
  const gb = needs[2] === true ? sum(g, dimsExcept(geometry.shape.length, 1)) : null;
  return [gx, gw, gb];
}
