import {
  functional as F,
  getBackend,
  gradcheck,
  gradgradcheck,
  linear,
  logsumexp,
  norm,
  std,
  tensor,
  variance,
  zeros,
  type DType,
  type Tensor,
} from '@ag/core';
import type { Check, ScriptCase } from '../case.js';

/**
 * One policy for names: every public op records ONE node, named as PyTorch's grad_fn, whatever
 * it is composed of. Each case checks the name of an op's result, and, for the ops whose
 * gradient is written by hand on that node, the gradient against finite differences
 * (gradcheck) and, where `second` is set, the gradient of the gradient (gradgradcheck; not for
 * ops linear in their input, whose gradient does not depend on it).
 */

function precise(): { dtype: DType; eps: number; atol: number; rtol: number } {
  return getBackend().dtypes.includes('float64')
    ? { dtype: 'float64', eps: 1e-6, atol: 1e-5, rtol: 1e-3 }
    : { dtype: 'float32', eps: 1e-2, atol: 2e-2, rtol: 5e-2 };
}

/** Distinct values (no ties for max pooling or the infinity norm), reshaped to `shape`. */
function values(shape: readonly number[], seed = 0, scale = 1, offset = 0): number[] {
  const n = shape.reduce((p, d) => p * d, 1);
  return Array.from({ length: n }, (_, i) => offset + scale * (Math.sin(1.7 * i + 0.3 + seed) + 0.01 * i));
}

/** A leaf of `shape` (requires grad) in `dtype`. */
function leaf(dtype: DType, shape: readonly number[], seed = 0, scale = 1, offset = 0): Tensor {
  return tensor(values(shape, seed, scale, offset), { dtype })
    .reshape(shape)
    .detach()
    .requiresGrad_(true);
}

function constant(dtype: DType, shape: readonly number[], seed = 0, scale = 1, offset = 0): Tensor {
  return tensor(values(shape, seed, scale, offset), { dtype }).reshape(shape);
}

const int32 = (v: readonly number[]): Tensor => tensor([...v], { dtype: 'int32' });

interface NameCase {
  /** PyTorch's grad_fn name of the result. */
  readonly name: string;
  /** The op, and its inputs that require grad (gradcheck checks them all). */
  readonly make: (dtype: DType) => { readonly fn: (...inputs: Tensor[]) => Tensor; readonly inputs: readonly Tensor[] };
  /** Whether to gradcheck (the op's gradient is written on its node). */
  readonly grad?: boolean;
  /** Whether to gradgradcheck too. */
  readonly second?: boolean;
  /** The node an input's gradient goes to, by input number, where the graph says more (crossEntropy). */
  readonly below?: readonly [number, string];
}

const cases = {
  crossEntropy: {
    name: 'NllLossBackward0',
    below: [0, 'LogSoftmaxBackward0'],
    make: (d) => ({ fn: (x) => F.crossEntropy(x, int32([2, 0, 1])), inputs: [leaf(d, [3, 4])] }),
    grad: true,
    second: true,
  },
  'nllLoss/weight-ignore-mean': {
    name: 'NllLossBackward0',
    make: (d) => ({
      fn: (x, w) => F.nllLoss(x, int32([2, 0, 1, 3]), { weight: w, ignoreIndex: 0 }),
      inputs: [leaf(d, [4, 4]), leaf(d, [4], 1, 0.5, 1)],
    }),
    grad: true,
    second: true,
  },
  'nllLoss/sum-4d': {
    name: 'NllLossBackward0',
    make: (d) => ({
      fn: (x) => F.nllLoss(x, int32([0, 2, 1, 1]).reshape([1, 2, 2]), { reduction: 'sum' }),
      inputs: [leaf(d, [1, 3, 2, 2])],
    }),
    grad: true,
  },
  conv2d: {
    name: 'ConvolutionBackward0',
    make: (d) => ({
      fn: (x, w, b) => F.conv2d(x, w, b, { stride: [2, 1], padding: 1, groups: 2 }),
      inputs: [leaf(d, [2, 4, 4, 3]), leaf(d, [2, 2, 3, 2], 1), leaf(d, [2], 2)],
    }),
    grad: true,
    second: true,
  },
  'conv2d/dilation-no-bias': {
    name: 'ConvolutionBackward0',
    make: (d) => ({
      fn: (x, w) => F.conv2d(x, w, null, { dilation: 2, padding: 'same' }),
      inputs: [leaf(d, [1, 2, 5, 5]), leaf(d, [3, 2, 3, 3], 1)],
    }),
    grad: true,
  },
  conv1d: {
    name: 'ConvolutionBackward0',
    make: (d) => ({
      fn: (x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 1 }),
      inputs: [leaf(d, [2, 2, 7]), leaf(d, [3, 2, 3], 1), leaf(d, [3], 2)],
    }),
    grad: true,
  },
  logsumexp: {
    name: 'LogsumexpBackward0',
    make: (d) => ({ fn: (x) => logsumexp(x, 1), inputs: [leaf(d, [3, 4])] }),
    grad: true,
    second: true,
  },
  'norm/p2': {
    name: 'LinalgVectorNormBackward0',
    make: (d) => ({ fn: (x) => norm(x, 2, 1), inputs: [leaf(d, [3, 4])] }),
    grad: true,
    second: true,
  },
  'norm/p1': {
    name: 'LinalgVectorNormBackward0',
    make: (d) => ({ fn: (x) => norm(x, 1), inputs: [leaf(d, [3, 4])] }),
    grad: true,
  },
  'norm/p3': {
    name: 'LinalgVectorNormBackward0',
    make: (d) => ({ fn: (x) => norm(x, 3, 0, true), inputs: [leaf(d, [3, 4])] }),
    grad: true,
    second: true,
  },
  'norm/inf': {
    name: 'LinalgVectorNormBackward0',
    make: (d) => ({ fn: (x) => norm(x, Infinity, 1), inputs: [leaf(d, [3, 4])] }),
    grad: true,
  },
  std: {
    name: 'StdBackward0',
    make: (d) => ({ fn: (x) => std(x, 1), inputs: [leaf(d, [3, 4])] }),
    grad: true,
    second: true,
  },
  var: {
    name: 'VarBackward0',
    make: (d) => ({ fn: (x) => variance(x, 0, { correction: 0 }), inputs: [leaf(d, [3, 4])] }),
    grad: true,
  },
  mseLoss: {
    name: 'MseLossBackward0',
    make: (d) => ({ fn: (x, y) => F.mseLoss(x, y), inputs: [leaf(d, [2, 3]), leaf(d, [2, 3], 1)] }),
    grad: true,
    second: true,
  },
  l1Loss: {
    name: 'MeanBackward0',
    make: (d) => ({ fn: (x) => F.l1Loss(x, constant(d, [2, 3], 1)), inputs: [leaf(d, [2, 3])] }),
  },
  smoothL1Loss: {
    name: 'SmoothL1LossBackward0',
    make: (d) => ({
      fn: (x, y) => F.smoothL1Loss(x, y, { beta: 0.5, reduction: 'sum' }),
      inputs: [leaf(d, [2, 3]), leaf(d, [2, 3], 1)],
    }),
    grad: true,
  },
  'smoothL1Loss/beta-0': {
    name: 'MeanBackward0',
    make: (d) => ({ fn: (x) => F.smoothL1Loss(x, constant(d, [3], 1), { beta: 0 }), inputs: [leaf(d, [3])] }),
  },
  huberLoss: {
    name: 'HuberLossBackward0',
    make: (d) => ({ fn: (x, y) => F.huberLoss(x, y, { delta: 0.7 }), inputs: [leaf(d, [2, 3]), leaf(d, [2, 3], 1)] }),
    grad: true,
  },
  binaryCrossEntropy: {
    name: 'BinaryCrossEntropyBackward0',
    make: (d) => ({
      fn: (x, y, w) => F.binaryCrossEntropy(x, y, { weight: w }),
      inputs: [leaf(d, [2, 3], 0, 0.3, 0.5), leaf(d, [2, 3], 1, 0.4, 0.5), leaf(d, [3], 2, 0.5, 1)],
    }),
    grad: true,
    second: true,
  },
  binaryCrossEntropyWithLogits: {
    name: 'BinaryCrossEntropyWithLogitsBackward0',
    make: (d) => ({
      fn: (x, y, p, w) => F.binaryCrossEntropyWithLogits(x, y, { posWeight: p, weight: w, reduction: 'sum' }),
      inputs: [
        leaf(d, [2, 3], 0, 2),
        leaf(d, [2, 3], 1, 0.4, 0.5),
        leaf(d, [3], 2, 0.5, 1.5),
        leaf(d, [2, 1], 3, 0.5, 1),
      ],
    }),
    grad: true,
    second: true,
  },
  'linear/bias': {
    name: 'AddmmBackward0',
    make: (d) => ({ fn: (x, w, b) => linear(x, w, b), inputs: [leaf(d, [3, 4]), leaf(d, [2, 4], 1), leaf(d, [2], 2)] }),
    grad: true,
    second: true,
  },
  'linear/no-bias': {
    name: 'MmBackward0',
    below: [1, 'TBackward0'],
    make: (d) => ({ fn: (w, x) => linear(x, w), inputs: [leaf(d, [2, 4], 1), leaf(d, [3, 4])] }),
  },
  embedding: {
    name: 'EmbeddingBackward0',
    make: (d) => ({ fn: (w) => F.embedding(int32([1, 3, 1, 0, 2, 3]).reshape([2, 3]), w), inputs: [leaf(d, [4, 2])] }),
    grad: true,
  },
  // The padding row's output is its weights but takes no gradient (as PyTorch): no gradcheck.
  'embedding/padding': {
    name: 'EmbeddingBackward0',
    make: (d) => ({ fn: (w) => F.embedding(int32([1, 3, 0]), w, 3), inputs: [leaf(d, [4, 2])] }),
  },
  layerNorm: {
    name: 'NativeLayerNormBackward0',
    make: (d) => ({
      fn: (x, w, b) => F.layerNorm(x, [3], { weight: w, bias: b }),
      inputs: [leaf(d, [2, 2, 3]), leaf(d, [3], 1, 0.5, 1), leaf(d, [3], 2)],
    }),
    grad: true,
    second: true,
  },
  groupNorm: {
    name: 'NativeGroupNormBackward0',
    make: (d) => ({
      fn: (x, w, b) => F.groupNorm(x, 2, { weight: w, bias: b }),
      inputs: [leaf(d, [2, 4, 3]), leaf(d, [4], 1, 0.5, 1), leaf(d, [4], 2)],
    }),
    grad: true,
    second: true,
  },
  'batchNorm/training': {
    name: 'NativeBatchNormBackward0',
    make: (d) => ({
      fn: (x, w, b) => F.batchNorm(x, null, null, { training: true, weight: w, bias: b }),
      inputs: [leaf(d, [3, 2, 2]), leaf(d, [2], 1, 0.5, 1), leaf(d, [2], 2)],
    }),
    grad: true,
    second: true,
  },
  'batchNorm/eval': {
    name: 'NativeBatchNormBackward0',
    make: (d) => ({
      fn: (x, w) => F.batchNorm(x, constant(d, [2], 3), constant(d, [2], 4, 0.2, 1), { weight: w }),
      inputs: [leaf(d, [3, 2, 2]), leaf(d, [2], 1, 0.5, 1)],
    }),
    grad: true,
  },
  maxPool2d: {
    name: 'MaxPool2DWithIndicesBackward0',
    make: (d) => ({ fn: (x) => F.maxPool2d(x, 3, { stride: 2, padding: 1 }), inputs: [leaf(d, [1, 2, 5, 4])] }),
    grad: true,
  },
  avgPool2d: {
    name: 'AvgPool2DBackward0',
    make: (d) => ({
      fn: (x) => F.avgPool2d(x, [2, 3], { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }),
      inputs: [leaf(d, [2, 5, 4])],
    }),
    grad: true,
  },
  adaptiveAvgPool2d: {
    name: 'AdaptiveAvgPool2DBackward0',
    make: (d) => ({ fn: (x) => F.adaptiveAvgPool2d(x, [2, 3]), inputs: [leaf(d, [1, 2, 5, 4])] }),
    grad: true,
  },
  copy_: {
    name: 'CopyBackwards',
    make: (d) => ({ fn: (x) => zeros([2, 3], { dtype: d }).copy_(x), inputs: [leaf(d, [3])] }),
    grad: true,
  },
  // In-place writes through views (CopySlices): the base's node, against finite differences.
  'copySlices/narrow-mul_': {
    name: 'CopySlices',
    make: (d) => ({
      fn: (x, w) => {
        const y = x.mul(1);
        y.narrow(0, 1, 2).mul_(w); // x * w there: bilinear, so the second order has cross terms
        return y;
      },
      inputs: [leaf(d, [4]), leaf(d, [2], 1)],
    }),
    below: [0, 'MulBackward0'],
    grad: true,
    second: true,
  },
  'copySlices/select-copy_': {
    name: 'CopySlices',
    make: (d) => ({
      fn: (x, s) => {
        const h = x.mul(1);
        h.t().select(0, 1).copy_(s.exp());
        return h;
      },
      inputs: [leaf(d, [2, 3]), leaf(d, [2], 2)],
    }),
    below: [0, 'MulBackward0'],
    grad: true,
    second: true,
  },
  gelu: { name: 'GeluBackward0', make: (d) => ({ fn: (x) => F.gelu(x), inputs: [leaf(d, [4])] }) },
  silu: { name: 'SiluBackward0', make: (d) => ({ fn: (x) => F.silu(x), inputs: [leaf(d, [4])] }) },
  softplus: { name: 'SoftplusBackward0', make: (d) => ({ fn: (x) => F.softplus(x), inputs: [leaf(d, [4])] }) },
  mish: { name: 'MishBackward0', make: (d) => ({ fn: (x) => F.mish(x), inputs: [leaf(d, [4])] }) },
  elu: { name: 'EluBackward0', make: (d) => ({ fn: (x) => F.elu(x), inputs: [leaf(d, [4])] }) },
  'dropout/training': {
    name: 'MulBackward0',
    make: (d) => ({ fn: (x) => F.dropout(x, 0.5, true), inputs: [leaf(d, [4])] }),
  },
} as const satisfies Record<string, NameCase>;

async function run(check: Check, c: NameCase): Promise<void> {
  const { dtype, ...tol } = precise();
  const { fn, inputs } = c.make(dtype);
  const y = fn(...inputs);
  check.equal(y.gradFn?.name, c.name, 'grad_fn name');
  if (c.below !== undefined) check.equal(y.gradFn?.nextFunctions[c.below[0]]?.[0]?.name, c.below[1], 'the node below');
  if (c.grad === true) check.equal(await gradcheck(fn, inputs, tol), true, 'gradcheck');
  if (c.second === true) check.equal(await gradgradcheck(fn, inputs, tol), true, 'gradgradcheck');
}

export const gradFnNameCases = (Object.keys(cases) as (keyof typeof cases)[]).map((id) => ({
  id: `grad-fn/${id}` as const,
  run: (check: Check) => run(check, cases[id]),
})) satisfies readonly ScriptCase[];
