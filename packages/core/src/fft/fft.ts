import type { Tensor } from '../tensor.js';
import { zerosLike } from '../ops/creation.js';
import { stack } from '../ops/join.js';
import {
  checkPoints,
  complexInput,
  dimAndSize,
  dimsAndSizes,
  isDeclaredComplex,
  normScale,
  realInput,
  signalShape,
  type FftNorm,
} from './args.js';
import { dftMatrix, transformOp, type Step, type StepKind } from './transform.js';
import { ValueError } from '../errors.js';

/**
 * torch.fft's transforms. Complex values are real tensors [..., 2] of (real, imaginary) pairs
 * (torch.view_as_real's layout; see transform.ts for why there is no complex dtype):
 *
 * - `fft`, `fft2`, `fftn` and `rfft*` read a real tensor as a real signal: `fft(x)` of x [8]
 *   is [8, 2]. To give `fft`, `fft2` or `fftn` complex values, declare them:
 *   `fft(viewAsComplex(z))` (z [..., 2]).
 * - `ifft*` and `irfft*` always read complex pairs [..., 2]; a real signal goes in as
 *   `complex(x, zerosLike(x))`.
 *
 * `dim` and `s` count the complex dims (the trailing pair is not a dim of the signal). Each call
 * is one graph node with PyTorch's grad_fn name.
 */

/** One transform dim as the caller plans it: the dim, the transform's size and its kind. */
type Plan = readonly [dim: number, n: number, kind: StepKind];

const inCount = (kind: StepKind): 1 | 2 => (kind === 'c2c' || kind === 'c2r' ? 2 : 1);

/** Builds the matrices of `plan` for the input `x` (pairs if `complex`) and runs it as one node. */
function run(
  op: string,
  name: string,
  x: Tensor,
  complex: boolean,
  plan: readonly Plan[],
  inverse: boolean,
  norm: FftNorm | null | undefined,
): Tensor {
  normScale(op, norm, 1, inverse); // the mode is checked even when no dim is transformed
  const shape = signalShape(x, complex);
  if (plan.length === 0) return complex ? transformOp(name, x, []) : stack([x, zerosLike(x)], -1);
  const steps = plan.map(([dim, n, kind]): Step => ({
    dim,
    W: dftMatrix(kind, shape[dim]!, n, inverse ? 1 : -1, normScale(op, norm, n, inverse), x),
    inC: inCount(kind),
    outC: kind === 'c2r' ? 1 : 2,
  }));
  return transformOp(name, x, steps);
}

/** A complex-to-complex transform over `dims`, the input real (made complex by the first dim) or pairs. */
function c2cOrR2c(
  op: string,
  input: Tensor,
  complex: boolean,
  plan: { dims: number[]; sizes: number[] },
  inverse: boolean,
  norm: FftNorm | null | undefined,
  realName: string,
): Tensor {
  const { dims, sizes } = plan;
  const x = complex ? complexInput(op, input) : realInput(op, input);
  // A real input: the last dim first, real to complex (all n outputs), then the others.
  const order = complex
    ? dims.map((d, i) => [d, sizes[i]!] as const)
    : [...dims.keys()].reverse().map((i) => [dims[i]!, sizes[i]!] as const);
  const steps = order.map(([d, n], i): Plan => [d, n, !complex && i === 0 ? 'r2c' : 'c2c']);
  return run(op, complex ? 'FftC2CBackward0' : realName, x, complex, steps, inverse, norm);
}

/** torch.fft.fft: the DFT along `dim`, zero-padded or trimmed to `n`; real input gives all n terms. */
export function fft(input: Tensor, n?: number | null, dim = -1, norm?: FftNorm | null): Tensor {
  const complex = isDeclaredComplex(input);
  const plan = dimAndSize('fft.fft', signalShape(input, complex), n, dim);
  return c2cOrR2c('fft.fft', input, complex, plan, false, norm, 'FftR2CBackward0');
}

/** torch.fft.ifft: the inverse DFT along `dim` of complex pairs [..., 2]. */
export function ifft(input: Tensor, n?: number | null, dim = -1, norm?: FftNorm | null): Tensor {
  const z = complexInput('fft.ifft', input);
  return c2cOrR2c('fft.ifft', z, true, dimAndSize('fft.ifft', signalShape(z, true), n, dim), true, norm, '');
}

/** torch.fft.fft2: `fftn` over two dims, the last two by default. */
export function fft2(
  input: Tensor,
  s?: readonly number[] | null,
  dim: readonly number[] = [-2, -1],
  norm?: FftNorm | null,
): Tensor {
  return fftnAs('fft.fft2', input, s, dim, norm);
}

/** torch.fft.ifft2: `ifftn` over two dims, the last two by default. */
export function ifft2(
  input: Tensor,
  s?: readonly number[] | null,
  dim: readonly number[] = [-2, -1],
  norm?: FftNorm | null,
): Tensor {
  return ifftnAs('fft.ifft2', input, s, dim, norm);
}

/** torch.fft.fftn: the DFT over `dim` (all dims, or the last len(s)), each padded or trimmed to `s`. */
export function fftn(
  input: Tensor,
  s?: readonly number[] | null,
  dim?: number | readonly number[] | null,
  norm?: FftNorm | null,
): Tensor {
  return fftnAs('fft.fftn', input, s, dim, norm);
}

/** torch.fft.ifftn: the inverse DFT over `dim` of complex pairs [..., 2]. */
export function ifftn(
  input: Tensor,
  s?: readonly number[] | null,
  dim?: number | readonly number[] | null,
  norm?: FftNorm | null,
): Tensor {
  return ifftnAs('fft.ifftn', input, s, dim, norm);
}

function fftnAs(op: string, input: Tensor, s: Sizes, dim: Dims, norm: FftNorm | null | undefined): Tensor {
  const complex = isDeclaredComplex(input);
  const plan = dimsAndSizes(op, signalShape(input, complex), s, dim);
  // PyTorch promotes a real input to complex first: the node is a C2C one either way.
  return c2cOrR2c(op, input, complex, plan, false, norm, 'FftC2CBackward0');
}

function ifftnAs(op: string, input: Tensor, s: Sizes, dim: Dims, norm: FftNorm | null | undefined): Tensor {
  const z = complexInput(op, input);
  return c2cOrR2c(op, z, true, dimsAndSizes(op, signalShape(z, true), s, dim), true, norm, '');
}

type Sizes = readonly number[] | null | undefined;
type Dims = number | readonly number[] | null | undefined;

/** torch.fft.rfft: the DFT of a real signal along `dim`, its n / 2 + 1 non-negative frequencies. */
export function rfft(input: Tensor, n?: number | null, dim = -1, norm?: FftNorm | null): Tensor {
  const x = realInput('fft.rfft', input);
  return rfftnPlan('fft.rfft', x, dimAndSize('fft.rfft', x.shape, n, dim), norm);
}

/** torch.fft.irfft: the real signal of length n (default 2 (m - 1)) from the onesided spectrum [..., m, 2]. */
export function irfft(input: Tensor, n?: number | null, dim = -1, norm?: FftNorm | null): Tensor {
  const op = 'fft.irfft';
  const z = complexInput(op, input);
  const shape = signalShape(z, true);
  const { dims } = dimAndSize(op, shape, null, dim);
  return irfftnPlan(op, z, dims, [n ?? 2 * (shape[dims[0]!]! - 1)], norm);
}

/** torch.fft.rfft2: `rfftn` over two dims, the last two by default. */
export function rfft2(
  input: Tensor,
  s?: readonly number[] | null,
  dim: readonly number[] = [-2, -1],
  norm?: FftNorm | null,
): Tensor {
  return rfftnAs('fft.rfft2', input, s, dim, norm);
}

/** torch.fft.irfft2: `irfftn` over two dims, the last two by default. */
export function irfft2(
  input: Tensor,
  s?: readonly number[] | null,
  dim: readonly number[] = [-2, -1],
  norm?: FftNorm | null,
): Tensor {
  return irfftnAs('fft.irfft2', input, s, dim, norm);
}

/** torch.fft.rfftn: the DFT of a real signal over `dim`, onesided along the last of them. */
export function rfftn(
  input: Tensor,
  s?: readonly number[] | null,
  dim?: number | readonly number[] | null,
  norm?: FftNorm | null,
): Tensor {
  return rfftnAs('fft.rfftn', input, s, dim, norm);
}

/** torch.fft.irfftn: the inverse of rfftn; the last dim's output size is s[-1], else 2 (m - 1). */
export function irfftn(
  input: Tensor,
  s?: readonly number[] | null,
  dim?: number | readonly number[] | null,
  norm?: FftNorm | null,
): Tensor {
  return irfftnAs('fft.irfftn', input, s, dim, norm);
}

function rfftnAs(op: string, input: Tensor, s: Sizes, dim: Dims, norm: FftNorm | null | undefined): Tensor {
  const x = realInput(op, input);
  return rfftnPlan(op, x, dimsAndSizes(op, x.shape, s, dim), norm);
}

function rfftnPlan(op: string, x: Tensor, plan: { dims: number[]; sizes: number[] }, norm: FftNorm | null | undefined) {
  const { dims, sizes } = plan;
  if (dims.length === 0) throw new ValueError(`${op} must transform at least one axis`);
  const last = dims.length - 1;
  // The last dim onesided, real to complex; then the others, complex to complex.
  const steps: Plan[] = [[dims[last]!, sizes[last]!, 'r2c-onesided']];
  for (let i = 0; i < last; i++) steps.push([dims[i]!, sizes[i]!, 'c2c']);
  return run(op, 'FftR2CBackward0', x, false, steps, false, norm);
}

function irfftnAs(op: string, input: Tensor, s: Sizes, dim: Dims, norm: FftNorm | null | undefined): Tensor {
  const z = complexInput(op, input);
  const shape = signalShape(z, true);
  const { dims, sizes } = dimsAndSizes(op, shape, s, dim);
  if (dims.length === 0) throw new ValueError(`${op} must transform at least one axis`);
  // The last dim's size is the output's: from s, else from the onesided input's length.
  if (s === null || s === undefined) sizes[sizes.length - 1] = 2 * (shape[dims.at(-1)!]! - 1);
  return irfftnPlan(op, z, dims, sizes, norm);
}

function irfftnPlan(
  op: string,
  z: Tensor,
  dims: readonly number[],
  sizes: readonly number[],
  norm: FftNorm | null | undefined,
) {
  const last = dims.length - 1;
  const steps: Plan[] = [];
  for (let i = 0; i < last; i++) steps.push([dims[i]!, sizes[i]!, 'c2c']);
  steps.push([dims[last]!, checkPoints(op, sizes[last]!), 'c2r']);
  return run(op, 'FftC2RBackward0', z, true, steps, true, norm);
}
