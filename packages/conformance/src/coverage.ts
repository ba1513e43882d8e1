import type {
  ArgReduceOp,
  Backend,
  BinaryOp,
  CompareOp,
  DType,
  Kernels,
  ReduceOp,
  ScanOp,
  ScatterMode,
  Tensor,
  UnaryOp,
} from '@ag/core';
import { full, noGrad, tensor, where } from '@ag/core';
import { allCases } from './cases/index.js';
import { runCase, useBackend } from './run.js';

/**
 * Which primitive kernels the suite exercises, in which dtype. A recording wrapper around a
 * backend's kernels notes each call as a primitive (the kernel, with its op or mode: `unary:exp`,
 * `scatter:add`) and the dtype it computes in (its `out` argument; the compared dtype for
 * `compare`; the input's for `argReduce` and `sort`, whose indices are always int32; the destination's for
 * `assign`; `from->to` for `copy`, so casts count pair by pair).
 *
 * The pairs the suite must cover are those core can send the backend at all: a probe calls the
 * public op behind every primitive on every dtype (and pair of dtypes) the backend stores, and
 * whatever reaches a kernel is reachable. Pairs core never dispatches (exp on int32, computed in
 * float32; neg on bool, refused) drop out by themselves, from core's own dtype rules, with no
 * hand-written list of impossible pairs.
 */

/** A primitive and the dtype it ran in: `unary:exp float32`. */
export type KernelUse = `${string} ${string}`;

/** A backend whose kernels record what runs, while `recording` is on. */
export interface RecordingBackend {
  readonly backend: Backend;
  /** Runs `f` and returns the kernel uses it made (nested calls included). */
  record(f: () => Promise<void>): Promise<Set<KernelUse>>;
}

/** Wraps `inner`'s kernels to record their uses; the wrapper shares inner's storage. */
export function recordingBackend(inner: Backend): RecordingBackend {
  let uses: Set<KernelUse> | null = null;
  const note = (primitive: string, dtype: string) => uses?.add(`${primitive} ${dtype}`);
  const k = inner.kernels;
  const kernels: Kernels = {
    fill: (size, value, out) => (note('fill', out), k.fill(size, value, out)),
    copy: (x, out) => (note('copy', `${x.dtype}->${out}`), k.copy(x, out)),
    unary: (op, x, out) => (note(`unary:${op}`, out), k.unary(op, x, out)),
    binary: (op, a, b, out) => (note(`binary:${op}`, out), k.binary(op, a, b, out)),
    compare: (op, a, b, cmp) => (note(`compare:${op}`, cmp), k.compare(op, a, b, cmp)),
    where: (cond, a, b, out) => (note('where', out), k.where(cond, a, b, out)),
    reduce: (op, x, axes, out) => (note(`reduce:${op}`, out), k.reduce(op, x, axes, out)),
    matmul: (a, b, out) => (note('matmul', out), k.matmul(a, b, out)),
    argReduce: (op, x, axis) => (note(`argReduce:${op}`, x.dtype), k.argReduce(op, x, axis)),
    scan: (op, x, axis, out) => (note(`scan:${op}`, out), k.scan(op, x, axis, out)),
    sort: (x, axis, descending) => (note('sort', x.dtype), k.sort(x, axis, descending)),
    gather: (x, axis, index, out) => (note('gather', out), k.gather(x, axis, index, out)),
    scatter: (x, axis, index, src, mode, out) => (
      note(`scatter:${mode}`, out),
      k.scatter(x, axis, index, src, mode, out)
    ),
    scatterView: (src, size, strides, offset, out) => (
      note('scatterView', out),
      k.scatterView(src, size, strides, offset, out)
    ),
    assign: (dst, src) => {
      note('assign', dst.dtype);
      k.assign(dst, src);
    },
  };
  const backend = Object.create(inner, { kernels: { value: kernels } }) as Backend;
  return {
    backend,
    async record(f) {
      const mine = new Set<KernelUse>();
      const outer = uses;
      uses = mine;
      try {
        await f();
      } finally {
        uses = outer;
        if (outer !== null) for (const u of mine) outer.add(u);
      }
      return mine;
    },
  };
}

/** The public op behind each primitive, per op: a new primitive without one fails to compile. */
const unaryProbe: { readonly [K in UnaryOp]: (x: Tensor) => Tensor } = {
  neg: (x) => x.neg(),
  exp: (x) => x.exp(),
  log: (x) => x.log(),
  abs: (x) => x.abs(),
  sign: (x) => x.sign(),
  sqrt: (x) => x.sqrt(),
  sin: (x) => x.sin(),
  cos: (x) => x.cos(),
  tanh: (x) => x.tanh(),
  sigmoid: (x) => x.sigmoid(),
  relu: (x) => x.relu(),
  floor: (x) => x.floor(),
  ceil: (x) => x.ceil(),
  logicalNot: (x) => x.logicalNot(),
  exp2: (x) => x.exp2(),
  expm1: (x) => x.expm1(),
  log2: (x) => x.log2(),
  log10: (x) => x.log10(),
  log1p: (x) => x.log1p(),
  tan: (x) => x.tan(),
  asin: (x) => x.asin(),
  acos: (x) => x.acos(),
  atan: (x) => x.atan(),
  sinh: (x) => x.sinh(),
  cosh: (x) => x.cosh(),
  asinh: (x) => x.asinh(),
  acosh: (x) => x.acosh(),
  atanh: (x) => x.atanh(),
  erf: (x) => x.erf(),
  erfc: (x) => x.erfc(),
  erfinv: (x) => x.erfinv(),
  lgamma: (x) => x.lgamma(),
  digamma: (x) => x.digamma(),
  round: (x) => x.round(),
  trunc: (x) => x.trunc(),
};
const binaryProbe: { readonly [K in BinaryOp]: (a: Tensor, b: Tensor) => Tensor } = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  pow: (a, b) => a.pow(b),
  maximum: (a, b) => a.maximum(b),
  minimum: (a, b) => a.minimum(b),
  atan2: (a, b) => a.atan2(b),
  remainder: (a, b) => a.remainder(b),
  fmod: (a, b) => a.fmod(b),
  bitwiseAnd: (a, b) => a.bitwiseAnd(b),
  bitwiseOr: (a, b) => a.bitwiseOr(b),
  bitwiseXor: (a, b) => a.bitwiseXor(b),
  bitwiseLeftShift: (a, b) => a.bitwiseLeftShift(b),
  bitwiseRightShift: (a, b) => a.bitwiseRightShift(b),
};
const compareProbe: { readonly [K in CompareOp]: (a: Tensor, b: Tensor) => Tensor } = {
  eq: (a, b) => a.eq(b),
  ne: (a, b) => a.ne(b),
  lt: (a, b) => a.lt(b),
  le: (a, b) => a.le(b),
  gt: (a, b) => a.gt(b),
  ge: (a, b) => a.ge(b),
};
const reduceProbe: { readonly [K in ReduceOp]: (x: Tensor) => Tensor } = {
  sum: (x) => x.sum(0),
  prod: (x) => x.prod(0),
  max: (x) => x.amax(0),
  min: (x) => x.amin(0),
};
const argReduceProbe: { readonly [K in ArgReduceOp]: (x: Tensor) => Tensor } = {
  argmax: (x) => x.argmax(0),
  argmin: (x) => x.argmin(0),
};
const scanProbe: { readonly [K in ScanOp]: (x: Tensor) => Tensor } = {
  cumsum: (x) => x.cumsum(0),
  cumprod: (x) => x.cumprod(0),
  cummax: (x) => x.cummax(0).values,
  cummin: (x) => x.cummin(0).values,
  logcumsumexp: (x) => x.logcumsumexp(0),
};
const scatterProbe: { readonly [K in ScatterMode]: (x: Tensor, index: Tensor, src: Tensor) => Tensor } = {
  assign: (x, i, s) => x.scatter(1, i, s),
  add: (x, i, s) => x.scatterAdd(1, i, s),
};

/**
 * Every kernel use core can make on `backend` (which must be in use, {@link useBackend}): the
 * probe described at the top of this file. Ops core refuses for a dtype are skipped.
 */
export async function reachableKernelUses(rec: RecordingBackend): Promise<Set<KernelUse>> {
  const dtypes = rec.backend.dtypes;
  const make = (d: DType, shape: readonly number[] = [2, 2]): Tensor =>
    full(shape, d === 'bool' ? true : 1, { dtype: d });
  const index = tensor(
    [
      [1, 0],
      [0, 1],
    ],
    { dtype: 'int32' },
  );
  const attempt = (f: () => unknown): void => {
    try {
      f();
    } catch {
      // core refuses this op on these dtypes: nothing reaches the backend
    }
  };
  return rec.record(async () => {
    noGrad(() => {
      for (const d of dtypes) {
        attempt(() => full([2], 0, { dtype: d }));
        for (const f of Object.values(unaryProbe)) attempt(() => f(make(d)));
        for (const f of [...Object.values(reduceProbe), ...Object.values(argReduceProbe), ...Object.values(scanProbe)])
          attempt(() => f(make(d)));
        attempt(() => make(d).sort(0));
        attempt(() => make(d).gather(1, index));
        for (const f of Object.values(scatterProbe)) attempt(() => f(make(d), index, make(d)));
        attempt(() => make(d, [3, 2]).t().contiguous());
        for (const e of dtypes) {
          attempt(() => make(d).to({ dtype: e }));
          for (const f of [...Object.values(binaryProbe), ...Object.values(compareProbe)])
            attempt(() => f(make(d), make(e)));
          attempt(() => make(d).matmul(make(e)));
          attempt(() => where(make('bool'), make(d), make(e)));
          attempt(() =>
            make(d)
              .narrow(0, 0, 1)
              .copy_(make(e, [1, 2])),
          );
        }
      }
    });
    // The gradient of a view (scatterView) exists for the dtypes that can require grad.
    for (const d of dtypes) {
      attempt(() => {
        const x = full([2, 2], 1, { dtype: d, requiresGrad: true });
        x.narrow(0, 0, 1).sum().backward();
      });
    }
    await Promise.resolve();
  });
}

/**
 * The kernel uses the suite checks on `backend` and those it misses of all core can make.
 * Each op and script case runs once (error cases check validation before any kernel, and the
 * finite-difference gradient check is left out: it compares the kernels with themselves, so the
 * dtype it switches to, float64, is not counted as checked). A case that fails still counts; the
 * backend's conformance run reports it.
 */
export async function kernelCoverage(backend: Backend): Promise<{ covered: Set<KernelUse>; missing: KernelUse[] }> {
  const rec = recordingBackend(backend);
  const undo = useBackend(rec.backend);
  try {
    const covered = await rec.record(async () => {
      for (const c of [...allCases.ops, ...allCases.scripts]) {
        await runCase(c, { backend: rec.backend, gradcheck: false }).catch(() => undefined);
      }
    });
    const reachable = await reachableKernelUses(rec);
    return { covered, missing: [...reachable].filter((u) => !covered.has(u)).sort() };
  } finally {
    undo();
  }
}
