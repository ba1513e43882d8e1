import { noGrad } from '../autograd/grad-mode.js';
import { tidy } from '../memory/scope.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { zeros } from '../ops/creation.js';
import { fromHost } from '../ops/dispatch.js';
import { add, gt, where } from '../ops/elementwise.js';
import { checkIndexRange } from '../ops/index-range.js';
import { transpose } from '../ops/view.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

/**
 * What the linalg ops share: argument checks with PyTorch's messages, constant matrices (the
 * identity, masks), and the LAPACK-style error report.
 *
 * How the factorizations run (every backend the same way): each is a composite of ordinary
 * tensor ops (matmul, gather, where, elementwise math) iterated a number of times fixed by the
 * matrix size, never by the values, so nothing is read back to the host and WebGPU runs them as
 * it runs any other op (no linalg kernels, no host round trip). Data-dependent choices (LU's
 * pivot rows, Jacobi's rotations) are computed on the device as tensors. The composites run
 * without recording a graph (inside `defineOp`), and the gradients are PyTorch's closed forms
 * written with public ops, so double backward works.
 */

/** `fn` without a graph, its temporaries disposed as it returns (they would wait for the GC). */
export const quiet = <T>(fn: () => T): T => noGrad(() => tidy(fn));

/**
 * Runs `step` `count` times on `state`, freeing each step's temporaries and the states it
 * replaced as it goes (a long Jacobi run would otherwise hold every intermediate matrix on the
 * GPU until the op returns). The tensors of the initial state are the caller's: never freed.
 */
export function iterate(state: Tensor[], count: number, step: (state: Tensor[], i: number) => Tensor[]): Tensor[] {
  let cur = state;
  for (let i = 0; i < count; i++) {
    const prev = cur;
    cur = tidy(() => step(prev, i));
    if (i > 0) for (const t of prev) if (!cur.includes(t)) t.dispose();
  }
  return cur;
}

/** The last two dims swapped (x.mT). */
export const mT = (x: Tensor): Tensor => transpose(x, -2, -1);

/** Checks for a batch of matrices of a floating dtype; returns its [rows, cols]. */
export function checkMatrix(op: string, A: Tensor, name = 'A'): [number, number] {
  if (A.ndim < 2)
    throw new ShapeError(
      `${op}: The input tensor ${name} must have at least 2 dimensions (got shape ${formatShape(A.shape)}).`,
    );
  if (!A.isFloatingPoint())
    throw new DTypeError(`${op}: Expected a floating point or complex tensor as input. Got ${A.dtype}`);
  if (A.dtype !== 'float32' && A.dtype !== 'float64')
    throw new DTypeError(`${op}: Low precision dtypes not supported. Got ${A.dtype}`);
  return [A.shape[A.ndim - 2]!, A.shape[A.ndim - 1]!];
}

/** Checks for a batch of square matrices of a floating dtype; returns n. */
export function checkSquare(op: string, A: Tensor, name = 'A'): number {
  const [m, n] = checkMatrix(op, A, name);
  if (m !== n)
    throw new ShapeError(`${op}: ${name} must be batches of square matrices, but they are ${m} by ${n} matrices`);
  return n;
}

/** A constant [rows, cols] matrix of `like`'s dtype and device with entries f(i, j). */
export function constant(rows: number, cols: number, like: Tensor, f: (i: number, j: number) => number): Tensor {
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) v[i * cols + j] = f(i, j);
  return fromHost(like.backend, v, [rows, cols], like.dtype);
}

/** A constant vector [n] of `like`'s dtype and device with entries f(i). */
export const vector = (n: number, like: Tensor, f: (i: number) => number): Tensor =>
  fromHost(
    like.backend,
    Array.from({ length: n }, (_, i) => f(i)),
    [n],
    like.dtype,
  );

/** An empty-matrix stand-in: zeros of `shape` with `like`'s dtype (int32 for counts and pivots) and device. */
export const blank = (shape: readonly number[], like: Tensor, int = false): Tensor =>
  zeros(shape, { dtype: int ? 'int32' : like.dtype, device: like.device });

/** The n x n identity, of `like`'s dtype and device. */
export const eye = (n: number, like: Tensor): Tensor => constant(n, n, like, (i, j) => (i === j ? 1 : 0));

/** The broadcast batch shape of two batches of matrices, with PyTorch's error. */
export function batchOf(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw new ShapeError(
        `${op}: the batch dimensions ${formatShape(a)} and ${formatShape(b)} cannot be broadcast (size ${x} against ${y})`,
      );
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** Checks B against square A for A X = B (`left`) or X A = B: dtypes, sizes, batch dims; returns n. */
export function checkSystem(op: string, A: Tensor, B: Tensor, left: boolean, name = 'A'): number {
  const n = checkSquare(op, A, name);
  const [bm, bn] = checkMatrix(op, B, 'B');
  if (A.dtype !== B.dtype)
    throw new DTypeError(
      `${op}: Expected ${name} and B to have the same dtype, but found ${name} of type ${A.dtype} and B of type ${B.dtype} instead`,
    );
  if ((left ? bm : bn) !== n)
    throw new ShapeError(
      `${op}: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${bm}x${bn})`,
    );
  batchOf(op, A.shape.slice(0, -2), B.shape.slice(0, -2));
  return n;
}

/**
 * Raises LAPACK's error for a nonzero `info` (int32, one per matrix of the factorized `A`), as
 * PyTorch's `_linalg_check_errors`: `message(info)` after the op's name, with the batch element
 * when `A` is a batch. On the CPU the values are looked at now; on WebGPU the device checks
 * them and the next read throws (as CUDA reports a device-side assert): the info values go
 * through the index-range check, encoded so that the batch element survives.
 */
export function checkInfo(op: string, info: Tensor, A: Tensor, message: (info: number) => string): void {
  const n = A.shape[A.ndim - 1]!;
  const batched = A.ndim > 2;
  const count = info.numel();
  const code = quiet(() => {
    const at = fromHost(
      info.backend,
      Array.from({ length: count }, (_, b) => b * (n + 1)),
      info.shape,
      'int32',
    );
    return where(gt(info, 0), add(info, at), 0);
  });
  checkIndexRange(
    op,
    code,
    1,
    null,
    (v) => {
      const where_ = batched ? `: (Batch element ${Math.floor(v / (n + 1))})` : '';
      return `${op}${where_}: ${message(v % (n + 1))}`;
    },
    ValueError,
  );
}
