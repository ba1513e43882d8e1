import type { DType, TypedArray } from '../dtype.js';
import { allocHost, storageConstructor } from '../dtype.js';
import { bfloat16Bits, bfloat16Value, float16Bits, float16Value } from '../half-precision.js';
import { contiguousStrides } from '../shape.js';
import type { Backend, Kernels, View } from './backend.js';

/**
 * The storage dtypes (float16, bfloat16, uint8, int8) and the dtype each computes in: PyTorch's
 * CPU kernels widen float16 and bfloat16 to float32 and round the result back, and uint8/int8
 * arithmetic computed in int32 and wrapped back to 8 bits gives the same values as 8-bit
 * arithmetic. So a backend only stores them: {@link withStorageDtypes} widens every operand
 * before a kernel and narrows its result after, in one place for every backend.
 */
const COMPUTE = { float16: 'float32', bfloat16: 'float32', uint8: 'int32', int8: 'int32' } as const;
export type StorageDType = keyof typeof COMPUTE;

export function isStorageDtype(dtype: DType): dtype is StorageDType {
  // Compared one by one rather than `dtype in COMPUTE`, which costs more: every kernel call of
  // a backend with storage dtypes asks this of each operand (test/dtype.test.ts checks the list).
  return dtype === 'float16' || dtype === 'bfloat16' || dtype === 'uint8' || dtype === 'int8';
}

/** The dtype kernels compute `dtype` in: float32 or int32 for a storage dtype, itself otherwise. */
export function computeDtype(dtype: DType): DType {
  return isStorageDtype(dtype) ? COMPUTE[dtype] : dtype;
}

/**
 * `backend` with the storage dtypes it lists in `dtypes` handled around its kernels. What such a
 * backend implements for them, and all it implements:
 * - `upload`/`read` of their storage form (float16 and bfloat16 as Uint16Array bits);
 * - `copy` from one of them to its compute dtype and back (any strides in, contiguous out);
 * - `assign` into one of them from a source of the same dtype.
 * Everything else reaches its kernels in float32, float64, int32 or bool.
 */
export function withStorageDtypes<S>(backend: Backend<S>): Backend<S> {
  if (!backend.dtypes.some(isStorageDtype)) return backend;
  const k = backend.kernels;
  const free = (s: S): void => backend.free?.(s);
  const flat = (storage: S, dtype: DType, shape: readonly number[]): View<S> => ({
    storage,
    dtype,
    shape,
    strides: contiguousStrides(shape),
    offset: 0,
  });

  /** A cast the backend does in one step: to and from a storage dtype only through its compute dtype. */
  const copy = (x: View<S>, out: DType): S => {
    if (x.dtype === out && !isStorageDtype(out)) return k.copy(x, out);
    let v = x;
    const temps: S[] = [];
    const step = (to: DType): void => {
      const s = k.copy(v, to);
      if (v !== x) temps.push(v.storage);
      v = flat(s, to, x.shape);
    };
    if (isStorageDtype(v.dtype)) step(COMPUTE[v.dtype]);
    if (isStorageDtype(out)) {
      if (v.dtype !== COMPUTE[out]) step(COMPUTE[out]);
      step(out);
    } else if (v.dtype !== out) step(out);
    temps.forEach(free);
    return v.storage;
  };

  /** `x` in its compute dtype: itself, or a widened copy (kept in `temps` to free). */
  const widen = (x: View<S>, temps: S[]): View<S> => {
    if (!isStorageDtype(x.dtype)) return x;
    const s = k.copy(x, COMPUTE[x.dtype]);
    temps.push(s);
    return flat(s, COMPUTE[x.dtype], x.shape);
  };

  /** Runs `kernel` on widened operands into `out`'s compute dtype, then narrows its result to `out`. */
  const around = (out: DType, shape: readonly number[], temps: S[], kernel: (wide: DType) => S): S => {
    const wide = computeDtype(out);
    let r = kernel(wide);
    if (wide !== out) {
      temps.push(r);
      r = k.copy(flat(r, wide, shape), out);
    }
    temps.forEach(free);
    return r;
  };

  // Kernels this wrapper does not override (the optional fused ones, which core calls only in
  // dtypes the backend computes in) are reached through the prototype: a new one cannot be lost.
  const kernels: Kernels<S> = Object.assign(Object.create(k) as Kernels<S>, {
    fill: (size, value, out) => around(out, [size], [], (w) => k.fill(size, value, w)),
    copy,
    // The elementwise kernels on dtypes the backend computes in go straight through: no list of
    // temporaries or closure per call, which small tensors' ops (an autograd chain) would pay.
    unary: (op, x, out) => {
      if (!isStorageDtype(out) && !isStorageDtype(x.dtype)) return k.unary(op, x, out);
      const t: S[] = [];
      return around(out, x.shape, t, (w) => k.unary(op, widen(x, t), w));
    },
    binary: (op, a, b, out) => {
      if (!isStorageDtype(out) && !isStorageDtype(a.dtype) && !isStorageDtype(b.dtype)) return k.binary(op, a, b, out);
      const t: S[] = [];
      return around(out, a.shape, t, (w) => k.binary(op, widen(a, t), widen(b, t), w));
    },
    compare: (op, a, b, cmp) => {
      if (!isStorageDtype(cmp) && !isStorageDtype(a.dtype) && !isStorageDtype(b.dtype)) return k.compare(op, a, b, cmp);
      const t: S[] = [];
      return around('bool', a.shape, t, () => k.compare(op, widen(a, t), widen(b, t), computeDtype(cmp)));
    },
    where: (cond, a, b, out) => {
      const t: S[] = [];
      return around(out, a.shape, t, (w) => k.where(cond, widen(a, t), widen(b, t), w));
    },
    reduce: (op, x, axes, out) => {
      const t: S[] = [];
      const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
      return around(out, kept, t, (w) => k.reduce(op, widen(x, t), axes, w));
    },
    matmul: (a, b, out) => {
      const t: S[] = [];
      const shape = [...a.shape.slice(0, -1), b.shape[b.shape.length - 1]!];
      return around(out, shape, t, (w) => k.matmul(widen(a, t), widen(b, t), w));
    },
    argReduce: (op, x, axis) => {
      const t: S[] = [];
      return around('int32', [], t, () => k.argReduce(op, widen(x, t), axis));
    },
    sort: (x, axis, descending) => {
      const t: S[] = [];
      const [values, indices] = k.sort(widen(x, t), axis, descending);
      return [around(x.dtype, x.shape, t, () => values), indices];
    },
    scan: (op, x, axis, out) => {
      const t: S[] = [];
      return around(out, x.shape, t, (w) => k.scan(op, widen(x, t), axis, w));
    },
    gather: (x, axis, index, out) => {
      const t: S[] = [];
      return around(out, index.shape, t, (w) => k.gather(widen(x, t), axis, index, w));
    },
    scatter: (x, axis, index, src, mode, out) => {
      const t: S[] = [];
      return around(out, x.shape, t, (w) => k.scatter(widen(x, t), axis, index, widen(src, t), mode, w));
    },
    scatterView: (src, size, strides, offset, out) => {
      const t: S[] = [];
      return around(out, [size], t, (w) => k.scatterView(widen(src, t), size, strides, offset, w));
    },
    assign: (dst, src) => {
      if (src.dtype === dst.dtype) {
        k.assign(dst, src);
        return;
      }
      // The backend converts into a dtype it computes in; into a storage dtype, src is cast first.
      const cast = isStorageDtype(dst.dtype) ? copy(src, dst.dtype) : null;
      const from = cast === null ? widen(src, []) : flat(cast, dst.dtype, src.shape);
      k.assign(dst, from);
      if (cast !== null) free(cast);
      else if (from !== src) free(from.storage);
    },
  } satisfies Kernels<S>);
  // The fused convolution: a storage dtype is declined, and core computes it the long way.
  const conv = k.conv?.bind(k);
  if (conv !== undefined) {
    kernels.conv = (x, w, bias, padding, dilation, out) =>
      isStorageDtype(out) ? undefined : conv(x, w, bias, padding, dilation, out);
  }

  const softmax = k.softmax?.bind(k);
  if (softmax !== undefined) {
    kernels.softmax = (x, axis, log, out) => {
      const t: S[] = [];
      return around(out, x.shape, t, (w) => softmax(widen(x, t), axis, log, w));
    };
  }

  // A view through the prototype chain, not a spread: a backend's own members stay reachable
  // however it was built (getters, `Object.create` twins, a WebGPU backend's `flush`).
  const readSync = backend.readSync?.bind(backend);
  const overrides: PropertyDescriptorMap = {
    upload: { value: (data: TypedArray, dtype: DType) => backend.upload(toStorageForm(data, dtype), dtype) },
    read: {
      value: (storage: S, dtype: DType, size: number) =>
        backend.read(storage, dtype, size).then((v) => fromStorageForm(v, dtype)),
    },
    kernels: { value: kernels },
  };
  if (readSync !== undefined) {
    overrides.readSync = {
      value: (storage: S, dtype: DType, size: number) => fromStorageForm(readSync(storage, dtype, size), dtype),
    };
  }
  return Object.create(backend, overrides) as Backend<S>;
}

/** A fresh array for `length` host values of `dtype`: a Float32Array for float16 and bfloat16. */
export function hostArray(dtype: DType, length: number): TypedArray {
  return dtype === 'float16' || dtype === 'bfloat16' ? new Float32Array(length) : allocHost(dtype, length);
}

/** Host values as `dtype`'s storage array: float16/bfloat16 values rounded to their bits. */
export function toStorageForm(data: TypedArray, dtype: DType): TypedArray {
  if (!isStorageDtype(dtype) || data instanceof storageConstructor(dtype)) return data;
  if (dtype === 'float16' || dtype === 'bfloat16') {
    const bits = dtype === 'float16' ? float16Bits : bfloat16Bits;
    const res = allocHost(dtype, data.length);
    for (let i = 0; i < data.length; i++) res[i] = bits(data[i]!);
    return res;
  }
  const res = allocHost(dtype, data.length);
  res.set(data);
  return res;
}

/** Storage read back as values: float16/bfloat16 bits as a Float32Array, which holds them exactly. */
export function fromStorageForm(data: TypedArray, dtype: DType): TypedArray {
  if (dtype !== 'float16' && dtype !== 'bfloat16') return data;
  const value = dtype === 'float16' ? float16Value : bfloat16Value;
  const res = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) res[i] = value(data[i]!);
  return res;
}
