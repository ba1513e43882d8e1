import type { Backend } from '../backend/backend.js';
import { keep } from '../memory/scope.js';
import { getBackend } from '../backend/registry.js';
import type { DType } from '../dtype.js';
import { elementBytes } from '../memory/accounting.js';
import { hostArray } from '../backend/storage-dtypes.js';
import { contiguousStrides, numel, shapesEqual } from '../shape.js';
import { TensorStorage } from '../storage.js';
import { Tensor } from '../tensor.js';
import { markView } from '../autograd/view-history.js';
import { DTypeError, DeviceError } from '../errors.js';

/**
 * The steps every op shares: wrapping a kernel's fresh storage as a tensor, turning scalars into
 * tensors, checking devices and dtypes (recording the op in the autograd graph: op-node.ts).
 */

/** A new contiguous tensor over storage a kernel returned. */
export function wrap(backend: Backend, handle: unknown, shape: readonly number[], dtype: DType): Tensor {
  const size = numel(shape);
  return new Tensor(new TensorStorage(backend, handle, dtype, size), shape, stridesOf(shape), 0, dtype);
}

const SCALAR_STRIDES: readonly number[] = [];
let lastShape: readonly number[] = SCALAR_STRIDES;
let lastStrides: readonly number[] = SCALAR_STRIDES;

/**
 * Row-major strides for `shape`, shared (read-only, as every tensor's strides) by the results
 * of consecutive ops on one shape list: down a chain of ops, results carry their input's shape
 * list (see broadcastShapes), so the last list's strides are reused rather than rebuilt.
 */
function stridesOf(shape: readonly number[]): readonly number[] {
  if (shape.length === 0) return SCALAR_STRIDES;
  if (shape !== lastShape) {
    lastStrides = contiguousStrides(shape);
    lastShape = shape;
  }
  return lastStrides;
}

/** A view of `x`'s storage (no copy). */
export function viewOf(x: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  return new Tensor(x._store, shape, strides, offset, x.dtype);
}

/**
 * A view op's result: a view of `x`'s storage that autograd knows as a view of x's base, so that
 * an in-place write through it rewrites the base's history (autograd/view-history.ts).
 */
export function viewOp(x: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  return markView(viewOf(x, shape, strides, offset), x);
}

/** Host values uploaded to a device as a new contiguous tensor. */
export function fromHost(backend: Backend, values: ArrayLike<number>, shape: readonly number[], dtype: DType): Tensor {
  checkDtypeOnDevice('tensor', backend, dtype);
  const data = hostArray(dtype, values.length);
  data.set(values);
  return wrap(backend, backend.upload(data, dtype), shape, dtype);
}

/**
 * Scalar operands already on a device, by backend, dtype and value. `x.mul(2)` in a loop then
 * costs no allocation and, on a GPU, no upload. They are internal: no op writes into them, so
 * sharing one is safe. Bounded: a table is dropped when it grows past a few hundred values.
 * Keyed by the number itself (a Map compares numbers by value, NaN included), with -0 apart,
 * as a Map takes -0 and 0 for the same key.
 */
type ScalarTable = Map<number | '-0', Tensor>;
const scalarCache = new WeakMap<Backend, Map<DType, ScalarTable>>();
const SCALAR_CACHE_LIMIT = 512;

// The last backend's tables, which spares the WeakMap look-up in the usual one-device program
// (at the price of keeping that one backend reachable after it is unregistered).
let lastBackend: Backend | null = null;
let lastTables = new Map<DType, ScalarTable>();

// The last few scalars handed out, looked up before the tables (a loop's `y.mul(a).add(b)`
// asks for the same two or three every iteration): compared by value with Object.is, which
// tells -0 from 0 and finds NaN, as the tables' keys do.
const RECENT = 4;
const recentValues = new Array<number>(RECENT).fill(Number.NaN);
const recentDtypes = new Array<DType | null>(RECENT).fill(null);
const recentBackends = new Array<Backend | null>(RECENT).fill(null);
const recentTensors = new Array<Tensor | null>(RECENT).fill(null);
let recentNext = 0;

/** A 0-d tensor holding a JavaScript scalar, on the device of the tensor it meets. */
export function scalarTensor(value: number | boolean, dtype: DType, backend: Backend): Tensor {
  const v = Number(value);
  for (let i = 0; i < RECENT; i++) {
    if (recentDtypes[i] === dtype && recentBackends[i] === backend && Object.is(recentValues[i], v)) {
      return recentTensors[i]!;
    }
  }
  const t = cachedScalar(v, dtype, backend);
  const i = recentNext;
  recentNext = (i + 1) % RECENT;
  recentValues[i] = v;
  recentDtypes[i] = dtype;
  recentBackends[i] = backend;
  recentTensors[i] = t;
  return t;
}

function cachedScalar(v: number, dtype: DType, backend: Backend): Tensor {
  let byDtype = backend === lastBackend ? lastTables : scalarCache.get(backend);
  if (byDtype === undefined) {
    byDtype = new Map();
    scalarCache.set(backend, byDtype);
  }
  lastBackend = backend;
  lastTables = byDtype;
  let table = byDtype.get(dtype);
  if (table === undefined) {
    table = new Map();
    byDtype.set(dtype, table);
  }
  const key = Object.is(v, -0) ? '-0' : v;
  let t = table.get(key);
  if (t === undefined) {
    if (table.size >= SCALAR_CACHE_LIMIT) {
      table.clear();
      // The recent ones go with the table: `memory()` counts only what the tables hold.
      recentTensors.fill(null);
      recentDtypes.fill(null);
    }
    t = keep(wrap(backend, backend.kernels.fill(1, v, dtype), [], dtype));
    t._store.markInternal();
    table.set(key, t);
    scalarViews.set(t, t);
  }
  return t;
}

/**
 * Each cached scalar's last broadcast view (itself until it has one). `y.mul(2)` on a [16]
 * tensor reads the scalar through a stride-0 view of shape [16]: one view per scalar and shape
 * rather than one per op. Shared, like the scalar, since nothing writes into either; kept from
 * `tidy`'s disposal as the scalar is.
 */
const scalarViews = new WeakMap<Tensor, Tensor>();

/** A cached scalar `x` broadcast to `shape`, or null when `x` is not a cached scalar. */
export function cachedScalarView(x: Tensor, shape: readonly number[]): Tensor | null {
  const last = scalarViews.get(x);
  if (last === undefined) return null;
  if (last.shape === shape || shapesEqual(last.shape, shape)) return last;
  const view = keep(viewOf(x, shape, new Array<number>(shape.length).fill(0), 0));
  scalarViews.set(x, view);
  return view;
}

/** How many scalar operands are cached on `backend`, and their bytes (for `memory()`). */
export function cachedScalars(backend: Backend): { tensors: number; bytes: number } {
  let tensors = 0;
  let bytes = 0;
  for (const [dtype, table] of scalarCache.get(backend) ?? []) {
    tensors += table.size;
    bytes += table.size * elementBytes(dtype);
  }
  return { tensors, bytes };
}

export function checkDtypeOnDevice(op: string, backend: Backend, dtype: DType): void {
  if (!backend.dtypes.includes(dtype)) {
    throw new DTypeError(
      `${op}: dtype ${dtype} is not supported on device '${backend.name}' (supported: ${backend.dtypes.join(', ')})`,
    );
  }
}

/** {@link commonBackend} of two operands, without the list of a rest parameter (every binary op asks). */
export function pairBackend(op: string, a: Tensor | number | boolean, b: Tensor | number | boolean): Backend {
  if (a instanceof Tensor && (!(b instanceof Tensor) || b._store.backend === a._store.backend)) return a._store.backend;
  return commonBackend(op, a, b);
}

/** The backend all tensor operands share; an op never moves data between devices by itself. */
export function commonBackend(op: string, ...tensors: readonly (Tensor | number | boolean)[]): Backend {
  let backend: Backend | null = null;
  for (const t of tensors) {
    if (!(t instanceof Tensor)) continue;
    const b = t._store.backend;
    if (backend === null) backend = b;
    else if (b !== backend) {
      throw new DeviceError(
        `${op}: expected all tensors to be on the same device, but found at least two devices, '${backend.name}' and '${b.name}'. ` +
          "Move one with `.to('device')` first.",
      );
    }
  }
  return backend ?? getBackend();
}
