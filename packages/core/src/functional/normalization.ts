import { noGrad } from '../autograd/grad-mode.js';
import { detach, to } from '../ops/convert.js';
import { add, div, mul, sqrt, sub } from '../ops/elementwise.js';
import { mean } from '../ops/reduce.js';
import { reshape } from '../ops/view.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './common.js';

/**
 * Normalisation layers' functions: statistics with public reductions, so the gradients through
 * the mean and the variance come from the ops' rules.
 */

export interface NormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** (x - mean) / sqrt(var + eps) over `dims`, with the biased variance; also returns the variance. */
function normalize(x: Tensor, dims: readonly number[], eps: number): { y: Tensor; mu: Tensor; variance: Tensor } {
  const mu = mean(x, dims, true);
  const centered = sub(x, mu);
  const variance = mean(mul(centered, centered), dims, true);
  return { y: div(centered, sqrt(add(variance, eps))), mu, variance };
}

function affine(y: Tensor, weight: Tensor | null | undefined, bias: Tensor | null | undefined, shape: readonly number[]): Tensor {
  let out = y;
  if (weight !== undefined && weight !== null) out = mul(out, shape.length === 0 ? weight : reshape(weight, shape));
  if (bias !== undefined && bias !== null) out = add(out, shape.length === 0 ? bias : reshape(bias, shape));
  return out;
}

function checkParam(op: string, name: string, p: Tensor | null | undefined, shape: readonly number[]): void {
  if (p === undefined || p === null) return;
  if (!shapesEqual(p.shape, shape)) throw new Error(`${op}: expected ${name} of shape ${formatShape(shape)}, got ${formatShape(p.shape)}`);
}

/** Normalises over the last dims, of sizes `normalizedShape`, with an optional elementwise affine. */
export function layerNorm(x: Tensor, normalizedShape: number | readonly number[], options: NormOptions = {}): Tensor {
  const op = 'layerNorm';
  checkFloat(op, 'input', x);
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  const lead = x.ndim - shape.length;
  if (shape.length === 0 || lead < 0 || !shapesEqual(x.shape.slice(lead), shape)) {
    throw new Error(`${op}: given normalizedShape ${formatShape(shape)}, expected input with shape [*, ${shape.join(', ')}], got ${formatShape(x.shape)}`);
  }
  checkParam(op, 'weight', options.weight, shape);
  checkParam(op, 'bias', options.bias, shape);
  const dims = shape.map((_, i) => lead + i);
  const { y } = normalize(x, dims, options.eps ?? 1e-5);
  return affine(y, options.weight, options.bias, []);
}

/** The shape that broadcasts a per-channel [C] vector over [N, C, ...]. */
function channelShape(x: Tensor): number[] {
  return x.shape.map((d, i) => (i === 1 ? d : 1));
}

/** Normalises groups of channels of [N, C, ...] per sample, then a per-channel affine. */
export function groupNorm(x: Tensor, numGroups: number, options: NormOptions = {}): Tensor {
  const op = 'groupNorm';
  checkFloat(op, 'input', x);
  if (x.ndim < 2) throw new Error(`${op}: expected input of shape [N, C, *] (at least 2 dims), got ${formatShape(x.shape)}`);
  const [N, C] = [x.shape[0]!, x.shape[1]!];
  if (!Number.isInteger(numGroups) || numGroups <= 0 || C % numGroups !== 0) {
    throw new Error(`${op}: expected the number of channels (${C}) of input ${formatShape(x.shape)} to be divisible by numGroups (${numGroups})`);
  }
  checkParam(op, 'weight', options.weight, [C]);
  checkParam(op, 'bias', options.bias, [C]);
  const grouped = reshape(x, [N, numGroups, -1]);
  const { y } = normalize(grouped, [2], options.eps ?? 1e-5);
  return affine(reshape(y, x.shape), options.weight, options.bias, channelShape(x));
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
  if (x.ndim < 2) throw new Error(`${op}: expected input of shape [N, C, *] (at least 2 dims), got ${formatShape(x.shape)}`);
  const C = x.shape[1]!;
  for (const [name, p] of [['runningMean', runningMean], ['runningVar', runningVar], ['weight', options.weight], ['bias', options.bias]] as const) {
    checkParam(op, name, p, [C]);
  }
  const eps = options.eps ?? 1e-5;
  const shape = channelShape(x);
  const training = options.training ?? false;
  if (!training) {
    if (runningMean === undefined || runningMean === null || runningVar === undefined || runningVar === null) {
      throw new Error(`${op}: runningMean and runningVar are required when training is false`);
    }
    const y = div(sub(x, reshape(runningMean, shape)), sqrt(add(reshape(runningVar, shape), eps)));
    return affine(y, options.weight, options.bias, shape);
  }
  const count = x.numel / Math.max(C, 1);
  if (count <= 1) throw new Error(`${op}: expected more than 1 value per channel when training, got input of shape ${formatShape(x.shape)}`);
  const dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
  const { y, mu, variance } = normalize(x, dims, eps);
  const momentum = options.momentum ?? 0.1;
  const update = (running: Tensor | null | undefined, batch: Tensor): void => {
    if (running === undefined || running === null) return;
    const fresh = add(mul(running, 1 - momentum), mul(to(reshape(batch, [C]), running.dtype), momentum));
    running.copy_(fresh);
  };
  noGrad(() => {
    update(runningMean, detach(mu));
    update(runningVar, mul(detach(variance), count / (count - 1)));
  });
  return affine(y, options.weight, options.bias, shape);
}
