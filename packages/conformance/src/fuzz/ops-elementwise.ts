import type { Tensor } from '@ag/core';
import { broadcast, sizeOf, type Choices, type FuzzDType } from './graph.js';
import { ALL, FLOATS, num, type Build, type BuildContext, type OpSpec } from './op-spec.js';

/**
 * Elementwise ops. Every unary op keeps its domain valid and its values bounded whatever its input
 * (log of x²+1, sqrt of x²+0.5, division by b²+0.5), so chains of them stay finite.
 */

const sameShape: Build = (ctx, c) => {
  const a = ctx.pickNode(c);
  return a === null ? null : { args: [a], params: {}, shape: [...ctx.nodes[a]!.shape] };
};

function unary(
  dtypes: readonly FuzzDType[],
  run: (x: Tensor) => Tensor,
  code: (x: string) => string,
  savesOutput = true,
): OpSpec {
  return { dtypes, build: sameShape, run: ([x]) => run(x!), code: ([x]) => code(x!), savesOutput };
}

const SCALES = [0.5, -1.5, 2];

/** A random mask of a shape that broadcasts to `shape` (some of its dims 1). */
export function maskFor(ctx: BuildContext, c: Choices, shape: readonly number[]): number {
  const m = shape.map((d) => (c.pick(3) === 0 ? 1 : d));
  const values = Array.from({ length: sizeOf(m) }, () => c.pick(2));
  return ctx.addConst(m, values, 'bool');
}

/** Two operands that broadcast: `b` is picked among the nodes whose shape broadcasts with `a`'s. */
function operands(ctx: BuildContext, c: Choices): { a: number; b: number; shape: number[] } | null {
  const a = ctx.pickNode(c);
  if (a === null) return null;
  const sa = ctx.nodes[a]!.shape;
  const b = ctx.pickNode(c, (n) => broadcast(sa, n.shape) !== null)!;
  return { a, b, shape: broadcast(sa, ctx.nodes[b]!.shape)! };
}

const pair: Build = (ctx, c) => {
  const o = operands(ctx, c);
  return o === null ? null : { args: [o.a, o.b], params: {}, shape: o.shape };
};

function binary(
  dtypes: readonly FuzzDType[],
  run: (a: Tensor, b: Tensor) => Tensor,
  code: (a: string, b: string) => string,
  savesOutput = false,
): OpSpec {
  return { dtypes, build: pair, run: ([a, b]) => run(a!, b!), code: ([a, b]) => code(a!, b!), savesOutput };
}

export const elementwiseOps: Record<string, OpSpec> = {
  neg: unary(
    ALL,
    (x) => x.neg(),
    (x) => `${x}.neg()`,
    false,
  ),
  abs: unary(
    ALL,
    (x) => x.abs(),
    (x) => `${x}.abs()`,
  ),
  tanh: unary(
    FLOATS,
    (x) => x.tanh(),
    (x) => `${x}.tanh()`,
  ),
  sin: unary(
    FLOATS,
    (x) => x.sin(),
    (x) => `${x}.sin()`,
  ),
  sigmoid: unary(
    FLOATS,
    (x) => x.sigmoid(),
    (x) => `${x}.sigmoid()`,
  ),
  relu: unary(
    FLOATS,
    (x) => x.relu(),
    (x) => `${x}.relu()`,
  ),
  expTanh: unary(
    FLOATS,
    (x) => x.tanh().exp(),
    (x) => `${x}.tanh().exp()`,
  ),
  logSquare: unary(
    FLOATS,
    (x) => x.mul(x).add(1).log(),
    (x) => `${x}.mul(${x}).add(1).log()`,
  ),
  sqrtSquare: unary(
    FLOATS,
    (x) => x.mul(x).add(0.5).sqrt(),
    (x) => `${x}.mul(${x}).add(0.5).sqrt()`,
  ),
  logAbs: unary(
    FLOATS,
    (x) => x.abs().add(1).log(),
    (x) => `${x}.abs().add(1).log()`,
  ),
  cube: unary(
    FLOATS,
    (x) => x.tanh().pow(3),
    (x) => `${x}.tanh().pow(3)`,
  ),
  clamp: unary(
    ALL,
    (x) => x.clamp(-1, 1),
    (x) => `${x}.clamp(-1, 1)`,
  ),
  scale: {
    dtypes: FLOATS,
    build: (ctx, c) => {
      const r = sameShape(ctx, c);
      return r && { ...r, params: { by: c.of(SCALES) } };
    },
    run: ([x], p) => x!.mul(num(p, 'by')),
    code: ([x], p) => `${x}.mul(${num(p, 'by')})`,
  },
  add: binary(
    ALL,
    (a, b) => a.add(b),
    (a, b) => `${a}.add(${b})`,
  ),
  sub: binary(
    ALL,
    (a, b) => a.sub(b),
    (a, b) => `${a}.sub(${b})`,
  ),
  mul: binary(
    ALL,
    (a, b) => a.mul(b),
    (a, b) => `${a}.mul(${b})`,
  ),
  div: binary(
    FLOATS,
    (a, b) => a.div(b.mul(b).add(0.5)),
    (a, b) => `${a}.div(${b}.mul(${b}).add(0.5))`,
    true,
  ),
  maximum: binary(
    ALL,
    (a, b) => a.maximum(b),
    (a, b) => `${a}.maximum(${b})`,
    true,
  ),
  where: {
    dtypes: ALL,
    build: (ctx, c) => {
      const o = operands(ctx, c);
      return o && { args: [maskFor(ctx, c, o.shape), o.a, o.b], params: {}, shape: o.shape };
    },
    run: ([m, a, b]) => a!.where(m!, b!),
    code: ([m, a, b]) => `${a}.where(${m}, ${b})`,
  },
};
