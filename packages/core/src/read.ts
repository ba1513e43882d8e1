import type { TypedArray } from './dtype.js';
import { formatShape } from './shape.js';
import type { Tensor } from './tensor.js';
import { formatRepr } from './format/repr.js';
import { DeviceError, ShapeError, ValueError } from './errors.js';

/** Values as nested arrays, like PyTorch's `tolist()`: numbers, or booleans for bool tensors. */
export type NestedArray = number | boolean | NestedArray[];

/** The storage and element count to read: `x`'s own when dense, else a contiguous copy's. */
function dense(x: Tensor): { storage: unknown; size: number } {
  const size = x.numel();
  if (x.isContiguous() && x.offset === 0) return { storage: x.storage, size };
  return { storage: x.backend.kernels.copy(x, x.dtype), size };
}

function checkAlive(x: Tensor, op: string): void {
  if (x.isDisposed) throw new ValueError(`${op}: the tensor was disposed; its values are gone`);
}

export function toTypedArray(x: Tensor): Promise<TypedArray> {
  checkAlive(x, 'toTypedArray');
  const { storage, size } = dense(x);
  return x.backend.read(storage, x.dtype, size);
}

/**
 * Values read ahead from devices without a synchronous read, by tensor, with the storage version
 * they were read at: what lets a copy to another device (`to`, and its gradient back) run as a
 * synchronous op once an awaited form (`toAsync`, `backwardAsync`) has read the values.
 */
const readAheadValues = new WeakMap<Tensor, { readonly version: number; readonly values: TypedArray }>();

/** Reads `x`'s values to host memory now (where its device reads only asynchronously), for {@link hostValues}. */
export async function readAhead(x: Tensor): Promise<void> {
  if (x.backend.readSync !== undefined) return;
  const version = x._store.version;
  const values = await toTypedArray(x);
  readAheadValues.set(x, { version, values });
}

/**
 * Records `values` as `x`'s, for a tensor just made from host values (nn.utils.rnn's lengths and
 * batch sizes): read synchronously on any device afterwards, as PyTorch keeps them on the CPU.
 */
export function rememberHostValues(x: Tensor, values: TypedArray): Tensor {
  readAheadValues.set(x, { version: x._store.version, values });
  return x;
}

/** Drops what {@link readAhead} read for `x`, once the copy that needed it is made. */
export function forgetReadAhead(x: Tensor): void {
  readAheadValues.delete(x);
}

/**
 * Host values of `x`, synchronously: read where the backend keeps them in host memory, or
 * read ahead (see {@link readAhead}) and unchanged since; else an error naming `hint`, the
 * awaited form that does the same.
 */
export function hostValues(x: Tensor, op: string, hint = ASYNC_READS): TypedArray {
  checkAlive(x, op);
  const backend = x.backend;
  if (backend.readSync === undefined) {
    const ahead = readAheadValues.get(x);
    if (ahead !== undefined && ahead.version === x._store.version) return ahead.values;
    throw new DeviceError(
      `${op}: device '${backend.name}' keeps values off the host, so they can only be read asynchronously: ${hint}`,
    );
  }
  const { storage, size } = dense(x);
  return backend.readSync(storage, x.dtype, size);
}

const ASYNC_READS = 'use `await t.toArray()`, `await t.item()`, `await t.toTypedArray()` or `await t.repr()`';

export function toTypedArraySync(x: Tensor): TypedArray {
  return hostValues(x, 'toTypedArraySync');
}

function nest(x: Tensor, values: TypedArray): NestedArray {
  const asValue = x.dtype === 'bool' ? (v: number) => v !== 0 : (v: number) => v;
  if (x.ndim === 0) return asValue(values[0]!);
  let i = 0;
  const build = (d: number): NestedArray[] => {
    const n = x.shape[d]!;
    const out = new Array<NestedArray>(n);
    for (let j = 0; j < n; j++) out[j] = d === x.ndim - 1 ? asValue(values[i++]!) : build(d + 1);
    return out;
  };
  return build(0);
}

export function toArray(x: Tensor): Promise<NestedArray> {
  return toTypedArray(x).then((values) => nest(x, values));
}

export function toArraySync(x: Tensor): NestedArray {
  return nest(x, hostValues(x, 'toArraySync'));
}

function checkOneElement(x: Tensor): void {
  if (x.numel() !== 1) {
    throw new ShapeError(
      `item: a Tensor with ${x.numel()} elements (shape ${formatShape(x.shape)}) cannot be converted to a scalar; only one-element tensors can`,
    );
  }
}

/** Checks synchronously, so that a bad call throws where it is made rather than rejecting later. */
export function item(x: Tensor): Promise<number> {
  checkOneElement(x);
  return toTypedArray(x).then((values) => values[0]!);
}

export function itemSync(x: Tensor): number {
  checkOneElement(x);
  return hostValues(x, 'itemSync')[0]!;
}

function reprOf(x: Tensor, values: ArrayLike<number>): string {
  return formatRepr({
    values,
    shape: x.shape,
    dtype: x.dtype,
    device: x.device,
    gradFnName: x.gradFn?.name ?? null,
    requiresGrad: x.requiresGrad,
  });
}

export async function repr(x: Tensor): Promise<string> {
  return reprOf(x, await toTypedArray(x));
}

/** The printed form where values are on the host; a summary that says how to print elsewhere. */
export function reprSync(x: Tensor): string {
  if (x.isDisposed) return `tensor(<disposed>, shape=${formatShape(x.shape)}, dtype=${x.dtype})`;
  if (x.backend.readSync === undefined) {
    return `tensor(<on device '${x.device}': await t.repr() to print values>, shape=${formatShape(x.shape)}, dtype=${x.dtype})`;
  }
  return reprOf(x, hostValues(x, 'toString'));
}
