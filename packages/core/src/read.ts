import type { TypedArray } from './dtype.js';
import { formatShape } from './shape.js';
import type { Tensor } from './tensor.js';
import { formatRepr } from './format/repr.js';

/** Values as nested arrays, like PyTorch's `tolist()`: numbers, or booleans for bool tensors. */
export type NestedArray = number | boolean | NestedArray[];

/** The storage and element count to read: `x`'s own when dense, else a contiguous copy's. */
function dense(x: Tensor): { storage: unknown; size: number } {
  const size = x.numel;
  if (x.isContiguous() && x.offset === 0) return { storage: x.storage, size };
  return { storage: x.backend.kernels.copy(x, x.dtype), size };
}

function checkAlive(x: Tensor, op: string): void {
  if (x.isDisposed) throw new Error(`${op}: the tensor was disposed; its values are gone`);
}

export function toTypedArray(x: Tensor): Promise<TypedArray> {
  checkAlive(x, 'toTypedArray');
  const { storage, size } = dense(x);
  return x.backend.read(storage, x.dtype, size);
}

/** Host values of `x`, synchronously, or an error pointing to the async form. */
export function hostValues(x: Tensor, op: string): TypedArray {
  checkAlive(x, op);
  const backend = x.backend;
  if (backend.readSync === undefined) {
    throw new Error(
      `${op}: device '${backend.name}' keeps values off the host, so they can only be read asynchronously: ` +
        'use `await t.toArray()`, `await t.item()`, `await t.toTypedArray()` or `await t.repr()`',
    );
  }
  const { storage, size } = dense(x);
  return backend.readSync(storage, x.dtype, size);
}

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
  if (x.numel !== 1) {
    throw new Error(
      `item: a Tensor with ${x.numel} elements (shape ${formatShape(x.shape)}) cannot be converted to a scalar; only one-element tensors can`,
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
