import type { DType, TypedArray } from '../dtype.js';
import { allocHost, dtypeOfTypedArray } from '../dtype.js';
import { numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { NestedArray } from '../read.js';
import { checkShape, finish, sizeArgs, target, type CreationOptions, type SizeArgs } from './creation-options.js';
import { fromHost, wrap } from './dispatch.js';
import { ArgumentError, ShapeError, ValueError } from '../errors.js';

export type { CreationOptions, SizeArgs } from './creation-options.js';

/** Flattens a rectangular nested array, checking every row has the size of the first. */
function flatten(data: NestedArray): { shape: number[]; values: number[]; allBool: boolean } {
  const shape: number[] = [];
  for (let d: NestedArray = data; Array.isArray(d); d = d[0] ?? 0) {
    shape.push(d.length);
    if (d.length === 0) break;
  }
  const values: number[] = [];
  let allBool = true;
  const walk = (d: NestedArray, depth: number): void => {
    if (depth === shape.length) {
      if (Array.isArray(d))
        throw new ShapeError(
          `tensor: too many dimensions at depth ${depth}: expected a number or boolean, got an array`,
        );
      if (typeof d !== 'boolean' && typeof d !== 'number')
        throw new ArgumentError(`tensor: expected numbers or booleans, got ${typeof d}`);
      if (typeof d === 'number') allBool = false;
      values.push(Number(d));
      return;
    }
    if (!Array.isArray(d) || d.length !== shape[depth]) {
      const got = Array.isArray(d) ? `length ${d.length}` : 'a scalar';
      throw new ShapeError(
        `tensor: expected sequence of length ${shape[depth]} at dim ${depth} (got ${got}): nested arrays must be rectangular`,
      );
    }
    for (const e of d) walk(e, depth + 1);
  };
  walk(data, 0);
  return { shape, values, allBool: allBool && values.length > 0 };
}

/**
 * A tensor from nested arrays, a scalar, or a typed array (1-D, keeping its dtype: Float32Array,
 * Float64Array, Int32Array, Uint8Array as uint8 and Int8Array as int8, unless `dtype` says
 * otherwise: `tensor(bytes, { dtype: 'bool' })` is a mask).
 *
 * @example
 * ```ts example
 * import { tensor } from '@ag/core';
 *
 * console.log(tensor([[1, 2], [3, 4]]));
 * console.log(tensor([1, 2, 3], { dtype: 'int32' }).dtype);
 * ```
 *
 * ```text
 * tensor([[1., 2.],
 *         [3., 4.]])
 * int32
 * ```
 */
export function tensor(data: NestedArray | TypedArray, options?: CreationOptions): Tensor {
  if (ArrayBuffer.isView(data)) {
    const own = dtypeOfTypedArray(data);
    if (own === null)
      throw new ArgumentError(
        `tensor: unsupported typed array ${(data as object).constructor.name}; use Float32Array, Float64Array, Int32Array, Uint8Array (uint8) or Int8Array (int8)`,
      );
    const { backend, dtype } = target('tensor', options, own);
    const values = dtype === 'bool' ? Array.from(data, (v) => (v !== 0 ? 1 : 0)) : data;
    return finish(fromHost(backend, values, [data.length], dtype), options);
  }
  const { shape, values, allBool } = flatten(data);
  const { backend, dtype } = target('tensor', options, allBool ? 'bool' : 'float32');
  checkIntegerRange(dtype, values);
  const cast = dtype === 'bool' ? values.map((v) => (v !== 0 ? 1 : 0)) : values;
  return finish(fromHost(backend, cast, shape, dtype), options);
}

const INTEGER_RANGES: Partial<Record<DType, readonly [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int32: [-2147483648, 2147483647],
};

/**
 * PyTorch refuses a Python number an integer dtype cannot hold ("value cannot be converted to
 * type uint8_t without overflow") rather than wrap it: so does `tensor` for numbers it is given.
 * Fractions truncate toward zero first, as there.
 */
function checkIntegerRange(dtype: DType, values: readonly number[]): void {
  const range = INTEGER_RANGES[dtype];
  if (range === undefined) return;
  const [min, max] = range;
  for (const v of values) {
    const t = Math.trunc(v);
    if (!(t >= min && t <= max))
      throw new ValueError(
        `tensor: value ${v} cannot be converted to dtype ${dtype} without overflow (range [${min}, ${max}])`,
      );
  }
}

/** A tensor of `shape` filled with `value` (torch.full). */
export function full(shape: readonly number[], value: number | boolean, options?: CreationOptions): Tensor {
  return filled('full', shape, value, options);
}

/** `full` for each creation op, under the op's own name in its errors. */
function filled(op: string, shape: readonly number[], value: number | boolean, options?: CreationOptions): Tensor {
  checkShape(op, shape);
  const { backend, dtype } = target(op, options, typeof value === 'boolean' ? 'bool' : 'float32');
  return finish(wrap(backend, backend.kernels.fill(numel(shape), Number(value), dtype), shape, dtype), options);
}

/** Zeros (torch.zeros): `zeros([2, 3])` or `zeros(2, 3)`, then the options. */
export function zeros(...args: SizeArgs<CreationOptions>): Tensor {
  const { shape, options } = sizeArgs('zeros', args);
  return filled('zeros', shape, 0, options);
}

/** Ones (torch.ones): `ones([2, 3])` or `ones(2, 3)`, then the options. */
export function ones(...args: SizeArgs<CreationOptions>): Tensor {
  const { shape, options } = sizeArgs('ones', args);
  return filled('ones', shape, 1, options);
}

/**
 * torch.empty: a tensor whose values are unspecified. The storage is zero-filled here (every
 * backend allocates through `fill`), so a program never reads another tensor's leftovers.
 */
export function empty(...args: SizeArgs<CreationOptions>): Tensor {
  const { shape, options } = sizeArgs('empty', args);
  return filled('empty', shape, 0, options);
}

/** Same shape, dtype and device as `x` unless `options` say otherwise. */
function likeOptions(x: Tensor, options?: CreationOptions): CreationOptions {
  return { dtype: x.dtype, device: x.device, ...options };
}

export function zerosLike(x: Tensor, options?: CreationOptions): Tensor {
  return filled('zerosLike', x.shape, 0, likeOptions(x, options));
}

export function onesLike(x: Tensor, options?: CreationOptions): Tensor {
  return filled('onesLike', x.shape, 1, likeOptions(x, options));
}

/** torch.empty_like: `empty` with `x`'s shape, dtype and device unless `options` say otherwise. */
export function emptyLike(x: Tensor, options?: CreationOptions): Tensor {
  return filled('emptyLike', x.shape, 0, likeOptions(x, options));
}

export function fullLike(x: Tensor, value: number | boolean, options?: CreationOptions): Tensor {
  return filled('fullLike', x.shape, value, likeOptions(x, options));
}

/**
 * Values from `start` up to (not including) `end` by `step`: `arange(end)`,
 * `arange(start, end, step?)`. As in PyTorch, integer arguments make integers (int32, ag's
 * int64) and any fraction makes float32, unless `dtype` says otherwise.
 *
 * @example
 * ```ts example
 * import { arange } from '@ag/core';
 *
 * console.log(arange(5));
 * console.log(arange(1, 2, 0.25));
 * ```
 *
 * ```text
 * tensor([0, 1, 2, 3, 4])
 * tensor([1.0000, 1.2500, 1.5000, 1.7500])
 * ```
 */
export function arange(start: number, end?: number, step = 1, options?: CreationOptions): Tensor {
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step))
    throw new ValueError(`arange: step must be finite and nonzero, got ${step}`);
  if ((hi - lo) / step < 0)
    throw new ValueError(
      `arange: upper bound and larger bound inconsistent with step sign (start ${lo}, end ${hi}, step ${step})`,
    );
  const n = Math.ceil((hi - lo) / step);
  const integral = Number.isInteger(lo) && Number.isInteger(hi) && Number.isInteger(step);
  const { backend, dtype } = target('arange', options, integral ? 'int32' : 'float32');
  const last = lo + (n - 1) * step;
  if (dtype === 'int32' && n > 0 && (Math.min(lo, last) < -(2 ** 31) || Math.max(lo, last) > 2 ** 31 - 1))
    throw new ValueError(
      `arange: the values from ${lo} to ${last} do not fit int32 (ag's integer dtype, for PyTorch's int64); pass a floating dtype`,
    );
  const values = allocHost('float64', n);
  for (let i = 0; i < n; i++) values[i] = lo + i * step;
  return finish(fromHost(backend, values, [n], dtype), options);
}
