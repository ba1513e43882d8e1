import type { DType } from '../dtype.js';
import { isFloating } from '../dtype.js';
import { getBackend } from '../backend/registry.js';
import { broadcastShapes, contiguousStrides, formatShape, isContiguous, numel, shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';
import { defaultGenerator, Generator } from '../random/generator.js';
import {
  floatDigits,
  sampleBernoulli,
  sampleExponential,
  sampleFullRange,
  sampleIntegers,
  sampleNormal,
  samplePermutation,
  sampleUniform,
} from '../random/distributions.js';
import { checkShape, finish, sizeArgs, target, type CreationOptions, type SizeArgs } from './creation-options.js';
import { detach, withZeroGradient } from './convert.js';
import { fromHost } from './dispatch.js';
import { add, lt, mul } from './elementwise.js';
import { ArgumentError, ShapeError, ValueError } from '../errors.js';

/**
 * PyTorch's random factories and samplers. Values are drawn on the host by a `Generator` (the
 * default one unless `generator` names another), as PyTorch's CPU draws them, and uploaded: a
 * seed gives PyTorch's CPU numbers on every device.
 */

/** Which generator to draw from (PyTorch's `generator=` keyword). */
export interface GeneratorOption {
  generator?: Generator;
}

export interface RandomOptions extends CreationOptions, GeneratorOption {}

/** The generator `options` name, or the default one; an error naming `op` for anything else. */
export function generatorOf(op: string, options: GeneratorOption | undefined): Generator {
  const gen = options?.generator ?? defaultGenerator;
  if (!(gen instanceof Generator)) {
    throw new ArgumentError(`${op}: expected generator to be a Generator (new Generator()), got ${String(gen)}`);
  }
  return gen;
}

/** The shape, dtype and device of the tensor a sampler fills, and its layout when it has one. */
interface Like {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly device: string;
  readonly strides?: readonly number[];
}

function contiguous(like: Like): boolean {
  return like.strides === undefined || isContiguous(like.shape, like.strides);
}

/**
 * PyTorch's kernels fill a tensor in memory order (TensorIterator puts the largest stride
 * outermost), so into a transposed view the draws land column by column. `draws` in that order
 * become values in the logical (row-major) order a new tensor takes.
 */
function inLogicalOrder(like: Like, draws: ArrayLike<number>): ArrayLike<number> {
  if (contiguous(like)) return draws;
  const strides = like.strides!;
  const rowMajor = contiguousStrides(like.shape);
  const order = like.shape.map((_, d) => d).sort((a, b) => strides[b]! - strides[a]!);
  const out = new Float64Array(draws.length);
  let k = 0;
  const visit = (depth: number, at: number): void => {
    if (depth === order.length) {
      out[at] = draws[k++]!;
      return;
    }
    const d = order[depth]!;
    for (let i = 0; i < like.shape[d]!; i++) visit(depth + 1, at + i * rowMajor[d]!);
  };
  visit(0, 0);
  return out;
}

/** A tensor of `like`'s shape, dtype and device holding `draws`, each where PyTorch puts it. */
function filled(like: Like, draws: ArrayLike<number>): Tensor {
  return fromHost(getBackend(like.device), inLogicalOrder(like, draws), like.shape, like.dtype);
}

/** Samples of uniform_(from, to) for a tensor like `like` (Tensor.uniform_). */
export function uniformSamples(op: string, like: Like, from: number, to: number, options?: GeneratorOption): Tensor {
  if (!(from <= to))
    throw new ValueError(`${op}: expects to return a [from, to) range, but found from=${from} > to=${to}`);
  const digits = floatDigits(op, like.dtype);
  return filled(like, sampleUniform(generatorOf(op, options), numel(like.shape), from, to, digits));
}

/** Samples of normal_(mean, std) for a tensor like `like` (Tensor.normal_). */
export function normalSamples(op: string, like: Like, mean: number, std: number, options?: GeneratorOption): Tensor {
  if (!(std >= 0)) throw new ValueError(`${op}: normal expects std >= 0.0, but found std ${std}`);
  const digits = floatDigits(op, like.dtype);
  return filled(like, sampleNormal(generatorOf(op, options), numel(like.shape), mean, std, digits, contiguous(like)));
}

/** Samples of exponential_(lambd) for a tensor like `like` (Tensor.exponential_). */
export function exponentialSamples(op: string, like: Like, lambd: number, options?: GeneratorOption): Tensor {
  if (!(lambd > 0)) throw new ValueError(`${op}: exponential_ expects lambda > 0.0, but found lambda=${lambd}`);
  floatDigits(op, like.dtype);
  return filled(like, sampleExponential(generatorOf(op, options), numel(like.shape), like.dtype, lambd));
}

/** The integers a dtype holds exactly: random_ and randint keep their bounds inside. */
function integerBounds(dtype: DType): [number, number] {
  switch (dtype) {
    case 'bool':
      return [0, 1];
    case 'int32':
      return [-(2 ** 31), 2 ** 31 - 1];
    case 'float32':
      return [-(2 ** 24), 2 ** 24];
    case 'float64':
      return [-(2 ** 53), 2 ** 53];
    case 'uint8':
      return [0, 2 ** 8 - 1];
    case 'int8':
      return [-(2 ** 7), 2 ** 7 - 1];
    case 'float16':
      return [-(2 ** 11), 2 ** 11];
    case 'bfloat16':
      return [-(2 ** 8), 2 ** 8];
  }
}

/**
 * Samples of random_(from, to) for a tensor like `like`: integers in [from, to); with no bounds,
 * PyTorch's full range of the dtype ([0, 2^31 - 1] for int32, [0, 2^24] for float32, ...).
 */
export function integerSamples(
  op: string,
  like: Like,
  from: number | undefined,
  to: number | undefined,
  options?: GeneratorOption,
): Tensor {
  const gen = generatorOf(op, options);
  const n = numel(like.shape);
  if (from === undefined || to === undefined) return filled(like, sampleFullRange(gen, n, like.dtype));
  if (!Number.isInteger(from) || !Number.isInteger(to)) {
    throw new ValueError(`${op}: expected integer bounds, got from=${from}, to=${to}`);
  }
  if (from >= to) throw new ValueError(`${op}: expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
  const [lo, hi] = integerBounds(like.dtype);
  if (from < lo || to - 1 > hi) {
    throw new ValueError(
      `${op}: the range [${from}, ${to}) does not fit dtype ${like.dtype} (integers in [${lo}, ${hi}])`,
    );
  }
  return filled(like, sampleIntegers(gen, n, from, to - from, isFloating(like.dtype)));
}

/** Samples of bernoulli_(p) for a tensor like `like`: p a number, or a tensor that broadcasts. */
export function bernoulliSamples(op: string, like: Like, p: number | Tensor, options?: GeneratorOption): Tensor {
  const gen = generatorOf(op, options);
  if (typeof p === 'number') {
    if (!(p >= 0 && p <= 1)) throw new ValueError(`${op}: expects p to be in [0, 1], but got p=${p}`);
    return filled(like, sampleBernoulli(gen, numel(like.shape), p));
  }
  if (!(p instanceof Tensor)) throw new ArgumentError(`${op}: expected p to be a number or a Tensor, got ${String(p)}`);
  // A uniform of p's own precision per element, compared with p on its device: u < p, as
  // PyTorch's CPU kernel compares them (no host read, so WebGPU needs no await).
  const digits = floatDigits(op, p.dtype);
  if (!shapesEqual(broadcastShapes(op, like.shape, p.shape), like.shape)) {
    throw new ShapeError(`${op}: p of shape ${formatShape(p.shape)} does not broadcast to ${formatShape(like.shape)}`);
  }
  const draws = sampleUniform(gen, numel(like.shape), 0, 1, digits);
  const u = fromHost(p.backend, inLogicalOrder(like, draws), like.shape, p.dtype);
  return lt(u, detach(p)).to({ dtype: like.dtype, device: like.device });
}

/** Uniform samples in [0, 1) (torch.rand): `rand([2, 3])` or `rand(2, 3)`, then the options. */
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  const { shape, options } = sizeArgs('rand', args);
  checkShape('rand', shape);
  const { backend, dtype } = target('rand', options, 'float32');
  return finish(uniformSamples('rand', { shape, dtype, device: backend.name }, 0, 1, options), options);
}

/** Standard normal samples (torch.randn): `randn([2, 3])` or `randn(2, 3)`, then the options. */
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  const { shape, options } = sizeArgs('randn', args);
  checkShape('randn', shape);
  const { backend, dtype } = target('randn', options, 'float32');
  return finish(normalSamples('randn', { shape, dtype, device: backend.name }, 0, 1, options), options);
}

/**
 * Integers uniform in [low, high) (torch.randint): `randint(high, shape)` or
 * `randint(low, high, shape)`. int32 unless `dtype` says otherwise (PyTorch's default is int64).
 */
export function randint(high: number, shape: readonly number[], options?: RandomOptions): Tensor;
export function randint(low: number, high: number, shape: readonly number[], options?: RandomOptions): Tensor;
export function randint(
  lowOrHigh: number,
  highOrShape: number | readonly number[],
  shapeOrOptions?: readonly number[] | RandomOptions,
  maybeOptions?: RandomOptions,
): Tensor {
  const [low, high, shape, options] = Array.isArray(highOrShape)
    ? [0, lowOrHigh, highOrShape as readonly number[], shapeOrOptions as RandomOptions | undefined]
    : [lowOrHigh, highOrShape as number, shapeOrOptions as readonly number[], maybeOptions];
  if (!Array.isArray(shape))
    throw new ArgumentError(`randint: expected a shape (an array of sizes), got ${String(shape)}`);
  checkShape('randint', shape);
  const { backend, dtype } = target('randint', options, 'int32');
  return finish(integerSamples('randint', { shape, dtype, device: backend.name }, low, high, options), options);
}

/** A random permutation of 0..n-1 (torch.randperm), int32 unless `dtype` says otherwise. */
export function randperm(n: number, options?: RandomOptions): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`randperm: n must be a non-negative integer, got ${n}`);
  const { backend, dtype } = target('randperm', options, 'int32');
  const [lo, hi] = integerBounds(dtype);
  if (n > 0 && (n - 1 > hi || lo > 0)) throw new ValueError(`randperm: n=${n} is too large for dtype ${dtype}`);
  const ids = samplePermutation(generatorOf('randperm', options), n);
  return finish(fromHost(backend, ids, [n], dtype), options);
}

/** Same shape, dtype and device as `x` unless `options` say otherwise. */
function likeOptions(x: Tensor, options?: RandomOptions): RandomOptions {
  return { dtype: x.dtype, device: x.device, ...options };
}

/** rand with `x`'s shape, dtype and device (torch.rand_like). */
export function randLike(x: Tensor, options?: RandomOptions): Tensor {
  return rand(x.shape, likeOptions(x, options));
}

/** randn with `x`'s shape, dtype and device (torch.randn_like). */
export function randnLike(x: Tensor, options?: RandomOptions): Tensor {
  return randn(x.shape, likeOptions(x, options));
}

/** randint with `x`'s shape, dtype and device (torch.randint_like): `(x, high)` or `(x, low, high)`. */
export function randintLike(x: Tensor, low: number, high?: number, options?: RandomOptions): Tensor {
  const [lo, hi] = high === undefined ? [0, low] : [low, high];
  return randint(lo, hi, x.shape, likeOptions(x, options));
}

/**
 * Normal samples (torch.normal): `normal(mean, std, shape)` with numbers, or with a tensor of
 * means and/or of standard deviations (the result takes their broadcast shape). As in PyTorch,
 * unit normals are drawn first, then scaled by std and shifted by mean. With tensors the result
 * is in the graph (NormalBackward1/2/3) with a zero gradient, as in PyTorch.
 */
export function normal(
  mean: number | Tensor,
  std: number | Tensor = 1,
  shape?: readonly number[],
  options?: RandomOptions,
): Tensor {
  if (typeof mean === 'number' && typeof std === 'number') {
    if (shape === undefined)
      throw new ArgumentError('normal: with a number mean and std, give the shape of the result');
    checkShape('normal', shape);
    const { backend, dtype } = target('normal', options, 'float32');
    return finish(normalSamples('normal', { shape, dtype, device: backend.name }, mean, std, options), options);
  }
  if (shape !== undefined) {
    throw new ArgumentError(
      'normal: a shape is taken only with a number mean and std; a tensor mean or std gives the shape',
    );
  }
  for (const [name, v] of [
    ['mean', mean],
    ['std', std],
  ] as const) {
    if (typeof v !== 'number' && !(v instanceof Tensor))
      throw new ArgumentError(`normal: expected ${name} to be a number or a Tensor, got ${String(v)}`);
  }
  const tensors = [mean, std].filter((v): v is Tensor => v instanceof Tensor);
  const out =
    tensors.length === 2 ? broadcastShapes('normal', tensors[0]!.shape, tensors[1]!.shape) : tensors[0]!.shape;
  const like = { shape: out, dtype: tensors[0]!.dtype, device: tensors[0]!.device };
  // PyTorch's NormalBackward1/2/3: the samples depend on no input smoothly, the gradient is 0.
  const name =
    typeof std === 'number' ? 'NormalBackward1' : typeof mean === 'number' ? 'NormalBackward2' : 'NormalBackward3';
  const samples = (): Tensor =>
    typeof std === 'number'
      ? add(normalSamples('normal', like, 0, std, options), mean)
      : add(mul(normalSamples('normal', like, 0, 1, options), std), mean);
  return withZeroGradient(name, tensors, samples);
}

/**
 * Samples of 0 and 1 (torch.bernoulli): with `p` a number, each element is 1 with probability
 * p; without, `x` holds the probabilities (BernoulliBackward0, a zero gradient). The result
 * has `x`'s shape and dtype.
 */
export function bernoulli(x: Tensor, p?: number | GeneratorOption, options?: GeneratorOption): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`bernoulli: expected a Tensor, got ${String(x)}`);
  // A new contiguous result (empty_like(x, LEGACY_CONTIGUOUS_MEMORY_FORMAT)): drawn in logical order.
  const like = { shape: x.shape, dtype: x.dtype, device: x.device };
  // bernoulli(x, p) fills a new tensor (no gradient); bernoulli(x) is BernoulliBackward0, zero grad.
  if (typeof p === 'number') return bernoulliSamples('bernoulli', like, p, options);
  const samples = (): Tensor => bernoulliSamples('bernoulli', like, x, p ?? options);
  return withZeroGradient('BernoulliBackward0', [x], samples);
}
