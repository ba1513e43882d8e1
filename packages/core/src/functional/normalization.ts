import { noGrad } from '../autograd/grad-mode.js';
import { to } from '../ops/convert.js';
import { add, div, mul, sqrt, sub } from '../ops/elementwise.js';
import { defineOp } from '../ops/op-node.js';
import { mean, sum } from '../ops/reduce.js';
import { rsqrt } from '../ops/unary-math.js';
import { reshape } from '../ops/view.js';
import { formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, checkParam, dimsExcept, normalizedDims } from './common.js';
import { ArgumentError, ShapeError, ValueError } from '../errors.js';
import { fusedLayerNorm, fusedLayerNormBackward, fusesLayerNorm } from './layer-norm-fused.js';

/**
 * Normalisation layers' functions: statistics with public reductions, each layer one node with
 * PyTorch's grad_fn name (NativeLayerNormBackward0, NativeGroupNormBackward0,
 * NativeBatchNormBackward0) and PyTorch's gradient written with public ops.
 */

export interface NormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** (x - mean) / sqrt(var + eps) over `dims`, with the biased variance; also returns the statistics. */
function normalize(x: Tensor, dims: readonly number[], eps: number): { y: Tensor; mu: Tensor; variance: Tensor } {
  const mu = mean(x, dims, true);
  const centered = sub(x, mu);
  const variance = mean(mul(centered, centered), dims, true);
  return { y: div(centered, sqrt(add(variance, eps))), mu, variance };
}

function affine(y: Tensor, weight: Tensor | null, bias: Tensor | null, shape: readonly number[]): Tensor {
  let out = y;
  if (weight !== null) out = mul(out, shape.length === 0 ? weight : reshape(weight, shape));
  if (bias !== null) out = add(out, shape.length === 0 ? bias : reshape(bias, shape));
  return out;
}

/**
 * How a normalisation layer normalises x: over `dims` of x seen as `grouped` (x's own shape but
 * for groupNorm), with an affine broadcast as `paramShape` and its gradients summed over
 * `paramDims`; with `stats` (batchNorm in evaluation), by fixed statistics instead.
 */
interface NormGeometry {
  readonly grouped: readonly number[];
  readonly dims: readonly number[];
  readonly eps: number;
  readonly paramShape: readonly number[];
  readonly paramDims: readonly number[];
  readonly stats: { readonly mean: Tensor; readonly variance: Tensor } | null;
  readonly hasWeight: boolean;
  readonly hasBias: boolean;
  /** A layer norm over rows of this many elements by the backend's fused kernels; 0: composed. */
  readonly fusedCols?: number;
}

/**
 * One normalisation node named `name` (PyTorch's NativeLayerNormBackward0, ...): inputs x, then
 * the weight and bias where given. The gradient is PyTorch's, written with public ops; the
 * statistics are recomputed from the saved input there, so that double backward differentiates
 * them too.
 */
function normNode(
  name: string,
  x: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  geometry: NormGeometry,
  forward: () => Tensor,
): Tensor {
  const inputs = [x];
  if (weight !== null) inputs.push(weight);
  if (bias !== null) inputs.push(bias);
  return defineOp(name, inputs, forward, inputs, normBackward, geometry);
}

function normBackward(
  g: Tensor,
  saved: readonly Tensor[],
  a: NormGeometry,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const x = saved[0]!;
  const weight = a.hasWeight ? saved[1]! : null;
  const fused = a.fusedCols === undefined ? null : fusedLayerNormBackward(g, x, weight, a.fusedCols, a.eps);
  if (fused !== null) {
    const [dx, dw, db] = fused;
    const keep = (i: number, t: Tensor, shape: readonly number[]) =>
      needs[i] === true ? reshape(t, shape) : (t.dispose(), null);
    const out = [keep(0, dx, x.shape)];
    if (a.hasWeight) out.push(keep(1, dw, weight!.shape));
    else dw.dispose();
    if (a.hasBias) out.push(keep(out.length, db, saved[out.length]!.shape));
    else db.dispose();
    return out;
  }
  const xg = reshape(x, a.grouped);
  let xhat: Tensor;
  let rstd: Tensor;
  if (a.stats === null) {
    const centered = sub(xg, mean(xg, a.dims, true));
    rstd = rsqrt(add(mean(mul(centered, centered), a.dims, true), a.eps));
    xhat = mul(centered, rstd);
  } else {
    rstd = rsqrt(add(a.stats.variance, a.eps));
    xhat = mul(sub(xg, a.stats.mean), rstd);
  }
  const gxhat = reshape(
    weight === null ? g : mul(g, a.paramShape.length === 0 ? weight : reshape(weight, a.paramShape)),
    a.grouped,
  );
  const out: (Tensor | null)[] = [null];
  if (needs[0] === true) {
    // With batch statistics: rstd (gxhat - mean(gxhat) - xhat mean(gxhat xhat)); with fixed ones: rstd gxhat.
    const gx =
      a.stats !== null
        ? mul(gxhat, rstd)
        : mul(rstd, sub(sub(gxhat, mean(gxhat, a.dims, true)), mul(xhat, mean(mul(gxhat, xhat), a.dims, true))));
    out[0] = reshape(gx, x.shape);
  }
  if (a.hasWeight)
    out.push(needs[1] === true ? reshape(sum(mul(g, reshape(xhat, x.shape)), a.paramDims), weight!.shape) : null);
  if (a.hasBias) out.push(needs[out.length] === true ? reshape(sum(g, a.paramDims), saved[out.length]!.shape) : null);
  return out;
}

/** Normalises over the last dims, of sizes `normalizedShape`, with an optional elementwise affine. */
export function layerNorm(x: Tensor, normalizedShape: number | readonly number[], options: NormOptions = {}): Tensor {
  const op = 'layerNorm';
  checkFloat(op, 'input', x);
  const { shape, dims, lead } = normalizedDims(op, x, normalizedShape);
  checkParam(op, 'weight', options.weight, shape);
  checkParam(op, 'bias', options.bias, shape);
  const eps = options.eps ?? 1e-5;
  const weight = options.weight ?? null;
  const bias = options.bias ?? null;
  const cols = numel(shape);
  const fuses = fusesLayerNorm(x, weight, bias);
  const geometry: NormGeometry = {
    grouped: x.shape,
    dims,
    eps,
    paramShape: [],
    paramDims: x.shape.slice(0, lead).map((_, i) => i),
    stats: null,
    hasWeight: weight !== null,
    hasBias: bias !== null,
    ...(fuses ? { fusedCols: cols } : {}),
  };
  return normNode('NativeLayerNormBackward0', x, weight, bias, geometry, () =>
    fuses ? fusedLayerNorm(x, weight, bias, cols, eps) : affine(normalize(x, dims, eps).y, weight, bias, []),
  );
}

/** The shape that broadcasts a per-channel [C] vector over [N, C, ...]. */
function channelShape(x: Tensor): number[] {
  return x.shape.map((d, i) => (i === 1 ? d : 1));
}

/** Normalises groups of channels of [N, C, ...] per sample, then a per-channel affine. */
export function groupNorm(x: Tensor, numGroups: number, options: NormOptions = {}): Tensor {
  const op = 'groupNorm';
  checkFloat(op, 'input', x);
  if (x.ndim < 2)
    throw new ShapeError(`${op}: expected input of shape [N, C, *] (at least 2 dims), got ${formatShape(x.shape)}`);
  const [N, C] = [x.shape[0]!, x.shape[1]!];
  if (!Number.isInteger(numGroups) || numGroups <= 0 || C % numGroups !== 0) {
    throw new ShapeError(
      `${op}: expected the number of channels (${C}) of input ${formatShape(x.shape)} to be divisible by numGroups (${numGroups})`,
    );
  }
  checkParam(op, 'weight', options.weight, [C]);
  checkParam(op, 'bias', options.bias, [C]);
  const eps = options.eps ?? 1e-5;
  const weight = options.weight ?? null;
  const bias = options.bias ?? null;
  const geometry: NormGeometry = {
    grouped: [N, numGroups, x.numel() / Math.max(N * numGroups, 1)],
    dims: [2],
    eps,
    paramShape: channelShape(x),
    paramDims: dimsExcept(x.ndim, 1),
    stats: null,
    hasWeight: weight !== null,
    hasBias: bias !== null,
  };
  return normNode('NativeGroupNormBackward0', x, weight, bias, geometry, () =>
    affine(reshape(normalize(reshape(x, geometry.grouped), [2], eps).y, x.shape), weight, bias, geometry.paramShape),
  );
}

export interface BatchNormOptions extends NormOptions {
  /** Batch statistics (and running-stat updates) when true; the running statistics when false. */
  training?: boolean;
  /** Weight of the new batch statistic in the running average. */
  momentum?: number;
}

/**
 * Batch normalisation of [N, C, ...] per channel. In training it normalises with the batch
 * statistics (biased variance) and, when running statistics are given, updates them in place:
 * running = (1 - momentum) running + momentum batch, with the unbiased variance, as PyTorch.
 * In evaluation it normalises with the running statistics.
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null | undefined,
  runningVar: Tensor | null | undefined,
  options: BatchNormOptions = {},
): Tensor {
  const op = 'batchNorm';
  checkFloat(op, 'input', x);
  if (x.ndim < 2)
    throw new ShapeError(`${op}: expected input of shape [N, C, *] (at least 2 dims), got ${formatShape(x.shape)}`);
  const C = x.shape[1]!;
  for (const [name, p] of [
    ['runningMean', runningMean],
    ['runningVar', runningVar],
    ['weight', options.weight],
    ['bias', options.bias],
  ] as const) {
    checkParam(op, name, p, [C]);
  }
  const eps = options.eps ?? 1e-5;
  const shape = channelShape(x);
  const weight = options.weight ?? null;
  const bias = options.bias ?? null;
  const dims = dimsExcept(x.ndim, 1);
  const training = options.training ?? false;
  const base = {
    grouped: x.shape,
    dims,
    eps,
    paramShape: shape,
    paramDims: dims,
    hasWeight: weight !== null,
    hasBias: bias !== null,
  };
  if (!training) {
    if (runningMean === undefined || runningMean === null || runningVar === undefined || runningVar === null) {
      throw new ArgumentError(`${op}: runningMean and runningVar are required when training is false`);
    }
    const stats = { mean: reshape(runningMean, shape).detach(), variance: reshape(runningVar, shape).detach() };
    return normNode('NativeBatchNormBackward0', x, weight, bias, { ...base, stats }, () =>
      affine(div(sub(x, stats.mean), sqrt(add(stats.variance, eps))), weight, bias, shape),
    );
  }
  const count = x.numel() / Math.max(C, 1);
  if (count <= 1)
    throw new ValueError(
      `${op}: expected more than 1 value per channel when training, got input of shape ${formatShape(x.shape)}`,
    );
  const momentum = options.momentum ?? 0.1;
  const update = (running: Tensor | null | undefined, batch: Tensor): void => {
    if (running === undefined || running === null) return;
    const fresh = add(mul(running, 1 - momentum), mul(to(reshape(batch, [C]), running.dtype), momentum));
    running.copy_(fresh);
  };
  return normNode('NativeBatchNormBackward0', x, weight, bias, { ...base, stats: null }, () => {
    const { y, mu, variance } = normalize(x, dims, eps);
    noGrad(() => {
      update(runningMean, mu);
      update(runningVar, mul(variance, count / (count - 1)));
    });
    return affine(y, weight, bias, shape);
  });
}
