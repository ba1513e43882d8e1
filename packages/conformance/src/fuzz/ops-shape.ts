import type { Tensor } from '@ag/core';
import { sizeOf, type FuzzDType } from './graph.js';
import { ALL, FLOATS, list, num, show, type Build, type OpSpec, type Params } from './op-spec.js';

/** Reductions with dim (one, two or all) and keepdim, matmul against a new leaf, and views. */

type Dim = number | readonly number[] | null;

const dimOf = (p: Params): Dim => p.dim as Dim;
const showDim = (d: Dim): string => (d === null ? 'null' : typeof d === 'number' ? String(d) : show(d));

/** The dims a reduction reduces, and the count of elements it reduces over. */
function reduced(shape: readonly number[], dim: Dim): { axes: number[]; count: number } {
  const axes = dim === null ? shape.map((_, i) => i) : typeof dim === 'number' ? [dim] : [...dim];
  return { axes, count: axes.reduce((n, a) => n * shape[a]!, 1) };
}

/**
 * A reduction's builder: all dims, one or (`pairs`) two, keepdim or not. `empty` says whether it
 * is defined over no elements (sum and prod are; mean is NaN and amax an error).
 */
function reduction(pairs: boolean, empty: boolean): Build {
  return (ctx, c) => {
    const a = ctx.pickNode(c);
    if (a === null) return null;
    const shape = ctx.nodes[a]!.shape;
    const n = shape.length;
    const kind = c.pick(pairs && n >= 2 ? 3 : n >= 1 ? 2 : 1);
    const d0 = c.pick(n);
    const d1 = (d0 + 1 + c.pick(n - 1)) % n;
    const dim: Dim = kind === 0 ? null : kind === 1 ? d0 : [d0, d1];
    const keepdim = c.pick(2) === 1;
    const { axes, count } = reduced(shape, dim);
    if (count === 0 && !empty) return null;
    const out = shape.flatMap((s, i) => (!axes.includes(i) ? [s] : keepdim ? [1] : []));
    return { args: [a], params: { dim, keepdim, correction: count < 2 ? 0 : 1 }, shape: out };
  };
}

function reduce(
  dtypes: readonly FuzzDType[],
  name: string,
  pairs: boolean,
  empty: boolean,
  run: (x: Tensor, dim: Dim, keepdim: boolean, p: Params) => Tensor,
  savesOutput = false,
): OpSpec {
  return {
    dtypes,
    build: reduction(pairs, empty),
    run: ([x], p) => run(x!, dimOf(p), p.keepdim as boolean, p),
    code: ([x], p) =>
      name === 'var'
        ? `${x}.var(${showDim(dimOf(p))}, { correction: ${num(p, 'correction')}, keepdim: ${String(p.keepdim)} })`
        : `${x}.${name}(${showDim(dimOf(p))}, ${String(p.keepdim)})`,
    savesOutput,
  };
}

/** `a @ b` with a new leaf `b` of a shape that fits: a vector, a matrix, or a batch that broadcasts. */
const matmulBuild: Build = (ctx, c) => {
  const a = ctx.pickNode(c, (n) => n.shape.length >= 1 && n.shape.length <= 3);
  if (a === null) return null;
  const sa = ctx.nodes[a]!.shape;
  const k = sa[sa.length - 1]!;
  const m = c.of([2, 1, 3, 0]);
  const variant = c.pick(sa.length === 1 ? 2 : 3);
  const batchOfB = sa.length === 3 ? c.of([1, sa[0]!]) : 2;
  const sb = variant === 0 ? [k] : variant === 1 ? [k, m] : [batchOfB, k, m];
  const b = ctx.addLeaf(sb, c.pick(2 ** 30));
  const batch = sa.length === 3 ? [sa[0]!] : sb.length === 3 ? [sb[0]!] : [];
  const rows = sa.length >= 2 ? [sa[sa.length - 2]!] : [];
  return { args: [a, b], params: {}, shape: [...batch, ...rows, ...(variant === 0 ? [] : [m])] };
};

function view(build: Build, run: OpSpec['run'], code: OpSpec['code']): OpSpec {
  return { dtypes: ALL, build, run, code, view: true };
}

/** A view builder on a node of at least `minDims` dims. */
function viewOf(
  minDims: number,
  make: (shape: readonly number[], c: Parameters<Build>[1]) => { params: Params; shape: number[] } | null,
): Build {
  return (ctx, c) => {
    const a = ctx.pickNode(c, (n) => n.shape.length >= minDims);
    if (a === null) return null;
    const r = make(ctx.nodes[a]!.shape, c);
    return r && { args: [a], ...r };
  };
}

/** A permutation of n dims from the choices (the identity once they run out). */
function permutation(n: number, c: Parameters<Build>[1]): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = c.pick(i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

export const shapeOps: Record<string, OpSpec> = {
  sum: reduce(ALL, 'sum', true, true, (x, d, k) => x.sum(d, k)),
  mean: reduce(FLOATS, 'mean', true, false, (x, d, k) => x.mean(d, k)),
  amax: reduce(ALL, 'amax', true, false, (x, d, k) => x.amax(d, k), true),
  prod: reduce(FLOATS, 'prod', false, true, (x, d, k) => x.prod(d as number | null, k), true),
  var: reduce(FLOATS, 'var', true, false, (x, d, k, p) => x.var(d, { correction: num(p, 'correction'), keepdim: k })),
  matmul: {
    dtypes: ALL,
    build: matmulBuild,
    run: ([a, b]) => a!.matmul(b!),
    code: ([a, b]) => `${a}.matmul(${b})`,
  },
  transpose: view(
    viewOf(1, (s, c) => {
      const d0 = c.pick(s.length);
      const d1 = c.pick(s.length);
      const shape = [...s];
      [shape[d0], shape[d1]] = [s[d1]!, s[d0]!];
      return { params: { d0, d1 }, shape };
    }),
    ([x], p) => x!.transpose(num(p, 'd0'), num(p, 'd1')),
    ([x], p) => `${x}.transpose(${num(p, 'd0')}, ${num(p, 'd1')})`,
  ),
  permute: view(
    viewOf(2, (s, c) => {
      const dims = permutation(s.length, c);
      return { params: { dims }, shape: dims.map((d) => s[d]!) };
    }),
    ([x], p) => x!.permute(list(p, 'dims')),
    ([x], p) => `${x}.permute(${show(list(p, 'dims'))})`,
  ),
  reshape: view(
    viewOf(0, (s, c) => {
      const kind = c.pick(s.length >= 2 ? 3 : 2);
      if (kind === 0) return { params: { to: [-1] }, shape: [sizeOf(s)] };
      const i = c.pick(kind === 1 ? s.length + 1 : s.length - 1);
      const to =
        kind === 1 ? [...s.slice(0, i), 1, ...s.slice(i)] : [...s.slice(0, i), s[i]! * s[i + 1]!, ...s.slice(i + 2)];
      return { params: { to }, shape: to };
    }),
    ([x], p) => x!.reshape(list(p, 'to')),
    ([x], p) => `${x}.reshape(${show(list(p, 'to'))})`,
  ),
  narrow: view(
    viewOf(1, (s, c) => {
      const dim = c.pick(s.length);
      const start = c.pick(s[dim]! + 1);
      const length = s[dim]! - start - c.pick(s[dim]! - start + 1);
      return { params: { dim, start, length }, shape: s.map((d, i) => (i === dim ? length : d)) };
    }),
    ([x], p) => x!.narrow(num(p, 'dim'), num(p, 'start'), num(p, 'length')),
    ([x], p) => `${x}.narrow(${num(p, 'dim')}, ${num(p, 'start')}, ${num(p, 'length')})`,
  ),
  stepSlice: view(
    viewOf(1, (s, c) => {
      const dim = c.pick(s.length);
      const start = c.pick(2);
      return {
        params: { dim, start },
        shape: s.map((d, i) => (i === dim ? Math.max(0, Math.ceil((d - start) / 2)) : d)),
      };
    }),
    ([x], p) => x!.slice(num(p, 'dim'), num(p, 'start'), null, 2),
    ([x], p) => `${x}.slice(${num(p, 'dim')}, ${num(p, 'start')}, null, 2)`,
  ),
  expand: {
    ...view(
      viewOf(0, (s, c) => {
        const lead = c.pick(3);
        const to = [...(lead === 0 ? [] : [lead + 1]), ...s.map((d) => (d === 1 ? c.of([1, 2, 3]) : d))];
        return { params: { to }, shape: to };
      }),
      ([x], p) => x!.expand(list(p, 'to')),
      ([x], p) => `${x}.expand(${show(list(p, 'to'))})`,
    ),
    expands: true,
  },
  unsqueeze: view(
    viewOf(0, (s, c) => {
      const dim = c.pick(s.length + 1);
      return { params: { dim }, shape: [...s.slice(0, dim), 1, ...s.slice(dim)] };
    }),
    ([x], p) => x!.unsqueeze(num(p, 'dim')),
    ([x], p) => `${x}.unsqueeze(${num(p, 'dim')})`,
  ),
  squeeze: view(
    viewOf(1, (s, c) => {
      const ones = s.flatMap((d, i) => (d === 1 ? [i] : []));
      if (ones.length === 0) return null;
      const dim = c.of(ones);
      return { params: { dim }, shape: s.filter((_, i) => i !== dim) };
    }),
    ([x], p) => x!.squeeze(num(p, 'dim')),
    ([x], p) => `${x}.squeeze(${num(p, 'dim')})`,
  ),
};
