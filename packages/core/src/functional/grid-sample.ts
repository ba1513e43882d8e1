import { onesLike, zeros, zerosLike } from '../ops/creation.js';
import { to } from '../ops/convert.js';
import { fromHost } from '../ops/dispatch.js';
import { add, floor, ge, gt, le, logicalAnd, lt, mul, sub, where } from '../ops/elementwise.js';
import { gatherOp, scatterAddOp } from '../ops/indexing.js';
import { stack } from '../ops/join.js';
import { matmul } from '../ops/matmul.js';
import { defineOp, NOTHING_SAVED } from '../ops/op-node.js';
import { sum } from '../ops/reduce.js';
import { select } from '../ops/slicing.js';
import { clamp, round } from '../ops/unary-math.js';
import { expand, reshape, transpose } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * Spatial transformers: affineGrid makes the sampling grid of an affine map, gridSample reads an
 * image at a grid's points (x, y in [-1, 1]) as PyTorch's grid_sampler_2d: the coordinates
 * unnormalised (alignCorners: -1 and 1 are the corner pixels' centres, else their outer edges),
 * clipped for 'border' padding, then 1 (nearest) or 4 (bilinear) taps gathered with weights.
 * One node, GridSampler2DBackward0: the input's gradient scatter-adds the weighted output
 * gradient; the grid's is the weights' derivative, as PyTorch's (zero for nearest).
 */

export interface GridSampleOptions {
  mode?: 'bilinear' | 'nearest';
  /** 'zeros' (default): points outside read 0; 'border': they read the nearest edge pixel. */
  paddingMode?: 'zeros' | 'border';
  alignCorners?: boolean;
}

interface Tap {
  /** Flat indices y W + x, 0 where the tap falls outside, [N, 1, P]. */
  readonly index: Tensor;
  /** The tap's weight (0 outside) and its derivatives by the unnormalised x and y. */
  readonly w: Tensor;
  readonly dx: Tensor | null;
  readonly dy: Tensor | null;
}

/** One axis of the grid, [N, 1, P], unnormalised to pixel coordinates (clipped for 'border'), and d(coordinate)/d(grid value). */
function unnormalize(g: Tensor, size: number, align: boolean, border: boolean): { c: Tensor; d: Tensor | number } {
  const scale = align ? (size - 1) / 2 : size / 2;
  const c = add(mul(g, scale), (size - 1) / 2);
  if (!border) return { c, d: scale };
  // PyTorch's clip_coordinates_set_grad: no gradient at or past the edges.
  const inside = to(logicalAnd(gt(c, 0), lt(c, size - 1)), g.dtype);
  return { c: clamp(c, 0, size - 1), d: mul(inside, scale) };
}

function taps(H: number, W: number, cx: Tensor, cy: Tensor, bilinear: boolean): Tap[] {
  const tap = (xi: Tensor, yi: Tensor, w: Tensor, dx: Tensor | null, dy: Tensor | null): Tap => {
    const valid = logicalAnd(logicalAnd(ge(xi, 0), le(xi, W - 1)), logicalAnd(ge(yi, 0), le(yi, H - 1)));
    const validF = to(valid, w.dtype);
    const index = to(where(valid, add(mul(yi, W), xi), 0), 'int32');
    return {
      index,
      w: mul(w, validF),
      dx: dx === null ? null : mul(dx, validF),
      dy: dy === null ? null : mul(dy, validF),
    };
  };
  if (!bilinear) {
    // nearbyint: halves to even, as torch.round.
    return [tap(round(cx), round(cy), onesLike(cx), null, null)];
  }
  const x0 = floor(cx);
  const y0 = floor(cy);
  const x1 = add(x0, 1);
  const y1 = add(y0, 1);
  const wx1 = sub(cx, x0);
  const wy1 = sub(cy, y0);
  const wx0 = sub(1, wx1);
  const wy0 = sub(1, wy1);
  const neg = (t: Tensor) => mul(t, -1);
  return [
    tap(x0, y0, mul(wx0, wy0), neg(wy0), neg(wx0)),
    tap(x1, y0, mul(wx1, wy0), wy0, neg(wx1)),
    tap(x0, y1, mul(wx0, wy1), neg(wy1), wx0),
    tap(x1, y1, mul(wx1, wy1), wy1, wx1),
  ];
}

/**
 * Samples x [N, C, H, W] at grid [N, Ho, Wo, 2] (torch.nn.functional.grid_sample): out[n, c, i, j]
 * is x[n, c] at the point grid[n, i, j] = (x, y), -1 the left or top and 1 the right or bottom.
 */
export function gridSample(x: Tensor, grid: Tensor, options: GridSampleOptions = {}): Tensor {
  const op = 'gridSample';
  checkFloat(op, 'input', x);
  checkFloat(op, 'grid', grid);
  if (x.ndim !== 4) throw new ShapeError(`${op}: expected input with 4 dims [N, C, H, W], got ${formatShape(x.shape)}`);
  if (grid.ndim !== 4 || grid.shape[3] !== 2 || grid.shape[0] !== x.shape[0]) {
    throw new ShapeError(
      `${op}: expected grid of shape [N, H_out, W_out, 2] with the input's N (${x.shape[0]}), got ${formatShape(grid.shape)}`,
    );
  }
  if (grid.dtype !== x.dtype)
    throw new DTypeError(`${op}: expected input and grid of the same dtype, got ${x.dtype} and ${grid.dtype}`);
  const mode = options.mode ?? 'bilinear';
  const padding = options.paddingMode ?? 'zeros';
  if (mode !== 'bilinear' && mode !== 'nearest')
    throw new ValueError(`${op}: mode must be 'bilinear' or 'nearest', got ${JSON.stringify(mode)}`);
  if (padding !== 'zeros' && padding !== 'border')
    throw new ValueError(`${op}: paddingMode must be 'zeros' or 'border', got ${JSON.stringify(padding)}`);
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [, Ho, Wo] = grid.shape as [number, number, number];
  const P = Ho * Wo;
  const align = options.alignCorners ?? false;
  const border = padding === 'border';
  const bilinear = mode === 'bilinear';
  // The grid's taps, as a function of the grid (recomputed in backward, so they differentiate there).
  const geometry = (gr: Tensor) => {
    const flat = reshape(gr, [N, 1, P, 2]);
    const ax = unnormalize(select(flat, 3, 0), W, align, border);
    const ay = unnormalize(select(flat, 3, 1), H, align, border);
    return { ax, ay, taps: taps(H, W, ax.c, ay.c, bilinear) };
  };
  const values = (input: Tensor, t: Tap) => gatherOp(reshape(input, [N, C, H * W]), 2, expand(t.index, [N, C, P]));
  return defineOp(
    'GridSampler2DBackward0',
    [x, grid],
    () => {
      const { taps: ts } = geometry(grid);
      return reshape(
        ts.map((t) => mul(values(x, t), t.w)).reduce((a, b) => add(a, b)),
        [N, C, Ho, Wo],
      );
    },
    [x, grid],
    (g, [input, gr], _attrs, needs) => {
      const { ax, ay, taps: ts } = geometry(gr);
      const gflat = reshape(g, [N, C, P]);
      let gx: Tensor | null = null;
      if (needs[0] === true) {
        const into = zeros([N, C, H * W], { dtype: g.dtype, device: g.device });
        const flat = ts.reduce((acc, t) => scatterAddOp(acc, 2, expand(t.index, [N, C, P]), mul(gflat, t.w)), into);
        gx = reshape(flat, input.shape);
      }
      let gg: Tensor | null = null;
      if (needs[1] === true) {
        if (!bilinear) gg = zerosLike(gr);
        else {
          // d out / d coordinate, summed over the channels with the output's gradient.
          const along = (pick: (t: Tap) => Tensor, d: Tensor | number) => {
            const dv = ts.map((t) => mul(values(input, t), pick(t))).reduce((a, b) => add(a, b));
            return mul(sum(mul(gflat, dv), 1), typeof d === 'number' ? d : reshape(d, [N, P]));
          };
          gg = reshape(stack([along((t) => t.dx!, ax.d), along((t) => t.dy!, ay.d)], -1), gr.shape);
        }
      }
      return [gx, gg];
    },
    null,
  );
}

/**
 * The sampling grid [N, H, W, 2] of the affine maps theta [N, 2, 3] for an output of `size`
 * [N, C, H, W] (torch.nn.functional.affine_grid): each pixel's normalised (x, y, 1) times
 * theta's transpose, the pixels at (2 i + 1) / W - 1 (or spread from -1 to 1 with alignCorners).
 */
export function affineGrid(theta: Tensor, size: readonly number[], alignCorners = false): Tensor {
  const op = 'affineGrid';
  checkFloat(op, 'theta', theta);
  if (size.length !== 4 || !size.every((s) => Number.isInteger(s) && s > 0)) {
    throw new ValueError(`${op}: expected size [N, C, H, W] of positive integers, got ${formatShape(size)}`);
  }
  const [N, , H, W] = size as [number, number, number, number];
  if (theta.ndim !== 3 || theta.shape[0] !== N || theta.shape[1] !== 2 || theta.shape[2] !== 3) {
    throw new ShapeError(
      `${op}: expected theta of shape [${N}, 2, 3] for size ${formatShape(size)}, got ${formatShape(theta.shape)}`,
    );
  }
  const steps = (n: number) =>
    Array.from({ length: n }, (_, i) => (n <= 1 ? 0 : alignCorners ? -1 + (2 * i) / (n - 1) : (2 * i + 1) / n - 1));
  const xs = steps(W);
  const ys = steps(H);
  const base = new Float64Array(H * W * 3);
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) base.set([xs[j]!, ys[i]!, 1], (i * W + j) * 3);
  const b = fromHost(theta.backend, base, [H * W, 3], theta.dtype);
  // Linear in theta: its gradient is g^T base, per sample.
  return defineOp(
    'AffineGridGeneratorBackward0',
    [theta],
    () => reshape(matmul(b, transpose(theta, 1, 2)), [N, H, W, 2]),
    NOTHING_SAVED,
    (g) => [transpose(matmul(transpose(b, 0, 1), reshape(g, [N, H * W, 2])), 1, 2)],
    null,
  );
}
