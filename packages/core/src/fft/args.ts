import { formatShape, normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { to } from '../ops/convert.js';
import { DTypeError, IndexError, ShapeError, ValueError } from '../errors.js';

/**
 * The arguments of the `fft` namespace, checked and resolved as PyTorch's SpectralOps.cpp does
 * (`norm_from_string`, `canonicalize_fft_shape_and_dim_args`), with its messages; and which
 * tensors hold complex values.
 */

/** PyTorch's normalization modes: which direction is scaled (by 1/n; 'ortho' both by 1/sqrt(n)). */
export type FftNorm = 'backward' | 'ortho' | 'forward';

/** The scale of a transform of size n: `inverse` says which direction it runs. */
export function normScale(op: string, norm: FftNorm | null | undefined, n: number, inverse: boolean): number {
  const mode = norm ?? 'backward';
  if (mode === 'ortho') return 1 / Math.sqrt(n);
  if (mode === 'backward') return inverse ? 1 / n : 1;
  if (mode === 'forward') return inverse ? 1 : 1 / n;
  throw new ValueError(`${op}: Invalid normalization mode: ${JSON.stringify(mode)}`);
}

/** A transform's size: at least 1 (PyTorch's message). */
export function checkPoints(op: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new ValueError(`${op}: Invalid number of data points (${n}) specified`);
  return n;
}

/**
 * Tensors declared complex by `viewAsComplex`: their trailing dim of 2 is (real, imaginary). Only
 * that declaration makes `fft`, `fft2` and `fftn` read a tensor as complex (the inverse
 * transforms always do); a new tensor made from one by any other op is plain again.
 */
const declaredComplex = new WeakSet<Tensor>();

export const declareComplex = (t: Tensor): Tensor => (declaredComplex.add(t), t);
export const isDeclaredComplex = (t: Tensor): boolean => declaredComplex.has(t);

/** A real input: float32 or float64; integers and bools become float32, as PyTorch promotes them. */
export function realInput(op: string, x: Tensor): Tensor {
  if (isDeclaredComplex(x))
    throw new DTypeError(`${op} expects a real input tensor, but got a complex one (declared by viewAsComplex)`);
  if (x.dtype === 'float32' || x.dtype === 'float64') return x;
  if (x.isFloatingPoint()) throw new DTypeError(`${op}: Unsupported dtype ${x.dtype} (expected float32 or float64)`);
  return to(x, 'float32');
}

/** A complex input: a float32 or float64 tensor [..., 2] of (real, imaginary) pairs. */
export function complexInput(op: string, z: Tensor): Tensor {
  if (z.ndim < 2 || z.shape[z.ndim - 1] !== 2 || !(z.dtype === 'float32' || z.dtype === 'float64'))
    throw new (z.dtype === 'float32' || z.dtype === 'float64' ? ShapeError : DTypeError)(
      `${op}: expected complex values as a float32 or float64 tensor of shape [..., 2] (real and imaginary parts, torch.view_as_real's layout) with at least one dim before the pair, got ${z.dtype} of shape ${formatShape(z.shape)}`,
    );
  return z;
}

/** The sizes of the dims a transform sees: the complex dims of pairs, else all. */
export const signalShape = (x: Tensor, complex: boolean): readonly number[] =>
  complex ? x.shape.slice(0, -1) : x.shape;

/** One dim and its transform size (1-D transforms: `n` defaults to the input's length). */
export function dimAndSize(op: string, shape: readonly number[], n: number | null | undefined, dim: number) {
  if (shape.length === 0) throw new IndexError(`${op}: Dimension specified as ${dim} but tensor has no dimensions`);
  const d = normalizeDim(op, dim, shape.length);
  return { dims: [d], sizes: [checkPoints(op, n ?? shape[d]!)] };
}

/**
 * The dims and sizes of an n-dimensional transform from `s` and `dim` (either may be null):
 * `dim` alone takes the input's sizes, `s` alone the last len(s) dims, neither all dims; an
 * entry -1 of `s` keeps that dim's size.
 */
export function dimsAndSizes(
  op: string,
  shape: readonly number[],
  s: readonly number[] | null | undefined,
  dim: number | readonly number[] | null | undefined,
): { dims: number[]; sizes: number[] } {
  const ndim = shape.length;
  let dims: number[];
  if (dim !== null && dim !== undefined) {
    dims = (typeof dim === 'number' ? [dim] : dim).map((d) => normalizeDim(op, d, ndim));
    if (new Set(dims).size !== dims.length)
      throw new ValueError(
        `${op}: FFT dims must be unique, got dim [${[dim].flat().join(', ')}], that is [${dims.join(', ')}]`,
      );
    if (s !== null && s !== undefined && s.length !== dims.length)
      throw new ValueError(
        `${op}: When given, dim and shape arguments must have the same length (got s of ${s.length} values and dim of ${dims.length})`,
      );
  } else if (s !== null && s !== undefined) {
    if (s.length > ndim)
      throw new ShapeError(`${op}: Got shape with ${s.length} values but input tensor only has ${ndim} dimensions.`);
    dims = s.map((_, i) => ndim - s.length + i);
  } else {
    dims = shape.map((_, i) => i);
  }
  const sizes = dims.map((d, i) => {
    const v = s?.[i];
    return checkPoints(op, v === undefined || v === -1 ? shape[d]! : v);
  });
  return { dims, sizes };
}
