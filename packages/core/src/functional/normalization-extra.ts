import { noGrad } from '../autograd/grad-mode.js';
import { add, div, mul, pow } from '../ops/elementwise.js';
import { pad } from '../ops/pad.js';
import { mean } from '../ops/reduce.js';
import { repeat } from '../ops/reshape-ops.js';
import { narrow } from '../ops/slicing.js';
import { rsqrt } from '../ops/unary-math.js';
import { reshape } from '../ops/view.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, checkParam, normalizedDims } from './common.js';
import { batchNorm } from './normalization.js';
import { ShapeError, ValueError } from '../errors.js';

/**
 * Instance, RMS and local response normalisation, composed as PyTorch composes them (so their
 * grad_fn is PyTorch's: ViewBackward0, MulBackward0, DivBackward0), of public ops that
 * differentiate again.
 */

export interface InstanceNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** Normalise by each instance's own statistics (default); false uses the running ones. */
  useInputStats?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * Normalises each channel of each sample of x [N, C, *] over its spatial dims
 * (torch.nn.functional.instance_norm), as PyTorch does: a batch norm of x viewed as [1, N C, *]
 * with the per-channel weight, bias and running statistics repeated per sample; the running
 * statistics, when given and `useInputStats`, are updated with the mean over the samples.
 */
export function instanceNorm(
  x: Tensor,
  runningMean?: Tensor | null,
  runningVar?: Tensor | null,
  options: InstanceNormOptions = {},
): Tensor {
  const op = 'instanceNorm';
  checkFloat(op, 'input', x);
  if (x.ndim < 3)
    throw new ShapeError(`${op}: expected input of shape [N, C, *] (at least 3 dims), got ${formatShape(x.shape)}`);
  const [N, C] = x.shape as [number, number];
  const useInputStats = options.useInputStats ?? true;
  const spatial = x.numel() / Math.max(N * C, 1);
  if (useInputStats && spatial <= 1) {
    throw new ValueError(
      `${op}: expected more than 1 spatial element when training, got input of shape ${formatShape(x.shape)}`,
    );
  }
  for (const [name, p] of Object.entries({
    runningMean,
    runningVar,
    weight: options.weight,
    bias: options.bias,
  }))
    checkParam(op, name, p, [C]);
  const perSample = (p: Tensor | null | undefined): Tensor | null =>
    p === undefined || p === null ? null : repeat(p, [N]);
  // Fresh copies: the batch norm updates them in place (repeat may give a broadcast view).
  const rm = perSample(runningMean)?.clone() ?? null;
  const rv = perSample(runningVar)?.clone() ?? null;
  const y = batchNorm(reshape(x, [1, N * C, ...x.shape.slice(2)]), rm, rv, {
    weight: perSample(options.weight),
    bias: perSample(options.bias),
    training: useInputStats,
    momentum: options.momentum ?? 0.1,
    eps: options.eps ?? 1e-5,
  });
  if (useInputStats) {
    noGrad(() => {
      if (rm !== null) runningMean!.copy_(mean(reshape(rm, [N, C]), 0));
      if (rv !== null) runningVar!.copy_(mean(reshape(rv, [N, C]), 0));
    });
  }
  return reshape(y, x.shape);
}

/** The machine epsilon of a dtype: rmsNorm's default eps, as PyTorch's torch.finfo(dtype).eps. */
const EPS: Record<string, number> = { float32: 2 ** -23, float64: 2 ** -52, float16: 2 ** -10, bfloat16: 2 ** -7 };

/**
 * x / sqrt(mean(x^2) + eps) over the last dims, of sizes `normalizedShape`, times `weight`
 * (torch.nn.functional.rms_norm); eps defaults to the dtype's machine epsilon.
 */
export function rmsNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  weight?: Tensor | null,
  eps?: number | null,
): Tensor {
  const op = 'rmsNorm';
  checkFloat(op, 'input', x);
  const { shape, dims } = normalizedDims(op, x, normalizedShape);
  checkParam(op, 'weight', weight, shape);
  const e = eps ?? EPS[x.dtype]!;
  const y = mul(x, rsqrt(add(mean(mul(x, x), dims, true), e)));
  return weight === undefined || weight === null ? y : mul(y, weight);
}

/**
 * Divides each element by (k + alpha * mean of the squares of the `size` neighbouring channels)^beta
 * (torch.nn.functional.local_response_norm): the channels zero-padded by size / 2 before and
 * (size - 1) / 2 after, the window's sum over `size` as PyTorch's average pooling counts it.
 */
export function localResponseNorm(x: Tensor, size: number, alpha = 1e-4, beta = 0.75, k = 1): Tensor {
  const op = 'localResponseNorm';
  checkFloat(op, 'input', x);
  if (x.ndim < 3)
    throw new ShapeError(`${op}: expected input of shape [N, C, *] (at least 3 dims), got ${formatShape(x.shape)}`);
  if (!Number.isInteger(size) || size < 1) throw new ValueError(`${op}: size must be a positive integer, got ${size}`);
  if (x.numel() === 0) return x;
  const C = x.shape[1]!;
  // F.pad's amounts, last dim first: only the channel dim is padded.
  const amounts = [...new Array<number>(2 * (x.ndim - 2)).fill(0), Math.floor(size / 2), Math.floor((size - 1) / 2)];
  const sq = pad(mul(x, x), amounts);
  let acc = narrow(sq, 1, 0, C);
  for (let j = 1; j < size; j++) acc = add(acc, narrow(sq, 1, j, C));
  return div(x, pow(add(mul(acc, alpha / size), k), beta));
}
