import type { Backend, BinaryOp, DType, Kernels, TypedArray, UnaryOp, View } from '../src/index.js';
import { allocHost } from '../src/index.js';

/**
 * A minimal backend for core's own tests: float64 arrays, elementwise kernels, copies and full
 * sums only, enough for scalar and small vector graphs. It counts storages, so that tests can see
 * which ones core frees (through `dispose()`) and which stay alive.
 */
export interface FakeBackend extends Backend<Float64Array> {
  /** Storages made and not freed yet. */
  readonly live: Set<Float64Array>;
  /** How many storages were freed. */
  freed: number;
}

/** The values of a strided view, in row-major order. */
function values(v: View<Float64Array>): number[] {
  const out: number[] = [];
  const walk = (dim: number, at: number): void => {
    if (dim === v.shape.length) {
      out.push(v.storage[at]!);
      return;
    }
    for (let i = 0; i < v.shape[dim]!; i++) walk(dim + 1, at + i * v.strides[dim]!);
  };
  walk(0, v.offset);
  return out;
}

const binaryFns: Partial<Record<BinaryOp, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
};
const unaryFns: Partial<Record<UnaryOp, (a: number) => number>> = { neg: (a) => -a, exp: Math.exp, log: Math.log };

export function fakeBackend(name = 'fake'): FakeBackend {
  const live = new Set<Float64Array>();
  const made = (data: ArrayLike<number>): Float64Array => {
    const s = Float64Array.from(data);
    live.add(s);
    return s;
  };
  const unsupported = (kernel: string) => (): never => {
    throw new Error(`fake backend: no ${kernel} kernel`);
  };
  const kernels: Partial<Kernels<Float64Array>> = {
    fill: (size, value) => made(new Array<number>(size).fill(value)),
    copy: (x) => made(values(x)),
    unary: (op, x) => made(values(x).map(unaryFns[op] ?? unsupported(`unary ${op}`))),
    binary: (op, a, b) => {
      const f = binaryFns[op] ?? unsupported(`binary ${op}`);
      const bs = values(b);
      return made(values(a).map((v, i) => f(v, bs[i]!)));
    },
    // Writes src's values into dst's strided window, in place (initialisers, copy_).
    assign: (dst, src) => {
      const vs = values(src);
      let i = 0;
      const walk = (dim: number, at: number): void => {
        if (dim === dst.shape.length) {
          dst.storage[at] = vs[i++]!;
          return;
        }
        for (let j = 0; j < dst.shape[dim]!; j++) walk(dim + 1, at + j * dst.strides[dim]!);
      };
      walk(0, dst.offset);
    },
    reduce: (op, x, axes) => {
      if (op !== 'sum' || axes.length !== x.shape.length) unsupported(`reduce ${op} over some axes`)();
      return made([values(x).reduce((s, v) => s + v, 0)]);
    },
  };
  const backend: FakeBackend = {
    name,
    dtypes: ['float32', 'float64', 'int32', 'bool'],
    live,
    freed: 0,
    upload: (data) => made(data),
    read: (storage, dtype, size) => Promise.resolve(readSync(storage, dtype, size)),
    readSync,
    free: (storage) => {
      if (!live.delete(storage)) throw new Error('fake backend: a storage was freed twice');
      backend.freed++;
    },
    kernels: new Proxy(kernels as Kernels<Float64Array>, {
      get: (target, key: string) => (target as unknown as Record<string, unknown>)[key] ?? unsupported(key),
    }),
  };
  return backend;
}

function readSync(storage: Float64Array, dtype: DType, size: number): TypedArray {
  const out = allocHost(dtype, size);
  out.set(storage.subarray(0, size));
  return out;
}
