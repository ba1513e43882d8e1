import { broadcast, sizeOf } from './graph.js';
import { maskFor } from './ops-elementwise.js';
import { ALL, num, type Build, type OpSpec } from './op-spec.js';

/**
 * Indexing (indexSelect and gather with repeated indices, so gradients accumulate; maskedFill)
 * and in-place ops on tensors that are not leaves (possibly views, which then write their base).
 */

const indexSelectBuild: Build = (ctx, c) => {
  const a = ctx.pickNode(c, (n) => n.shape.length >= 1);
  if (a === null) return null;
  const s = ctx.nodes[a]!.shape;
  const dim = c.pick(s.length);
  const length = s[dim] === 0 ? 0 : 1 + c.pick(4);
  const index = ctx.addConst(
    [length],
    Array.from({ length }, () => c.pick(s[dim]!)),
    'int32',
  );
  return { args: [a, index], params: { dim }, shape: s.map((d, i) => (i === dim ? length : d)) };
};

const gatherBuild: Build = (ctx, c) => {
  const a = ctx.pickNode(c, (n) => n.shape.length >= 1);
  if (a === null) return null;
  const s = ctx.nodes[a]!.shape;
  const dim = c.pick(s.length);
  const shape = s.map((d, i) => (i !== dim ? d - c.pick(d) : d === 0 ? 0 : 1 + c.pick(3)));
  const values = Array.from({ length: sizeOf(shape) }, () => c.pick(s[dim]!));
  return { args: [a, ctx.addConst(shape, values, 'int32')], params: { dim }, shape };
};

const maskedFillBuild: Build = (ctx, c) => {
  const a = ctx.pickNode(c);
  if (a === null) return null;
  const shape = [...ctx.nodes[a]!.shape];
  return { args: [a, maskFor(ctx, c, shape)], params: { value: ctx.dtype === 'int32' ? 2 : 0.5 }, shape };
};

/** An in-place op's target (a writable node) and, for two operands, a source that broadcasts to it. */
function inPlaceBuild(operand: boolean): Build {
  return (ctx, c) => {
    const a = ctx.pickNode(c, (_, i) => ctx.writable(i));
    if (a === null) return null;
    const target = ctx.nodes[a]!;
    const shape = [...target.shape];
    if (!operand) return { args: [a], params: {}, shape };
    const fits = (n: { shape: readonly number[]; root: number }) =>
      n.root !== target.root && broadcast(n.shape, shape)?.join() === shape.join() && n.shape.length <= shape.length;
    const b = ctx.pickNode(c, fits);
    return b === null ? null : { args: [a, b], params: {}, shape };
  };
}

function inPlace(operand: boolean, run: OpSpec['run'], code: OpSpec['code']): OpSpec {
  return { dtypes: ALL, build: inPlaceBuild(operand), run, code, inPlace: true };
}

export const indexOps: Record<string, OpSpec> = {
  indexSelect: {
    dtypes: ALL,
    build: indexSelectBuild,
    run: ([x, i], p) => x!.indexSelect(num(p, 'dim'), i!),
    code: ([x, i], p) => `${x}.indexSelect(${num(p, 'dim')}, ${i})`,
  },
  gather: {
    dtypes: ALL,
    build: gatherBuild,
    run: ([x, i], p) => x!.gather(num(p, 'dim'), i!),
    code: ([x, i], p) => `${x}.gather(${num(p, 'dim')}, ${i})`,
  },
  maskedFill: {
    dtypes: ALL,
    build: maskedFillBuild,
    run: ([x, m], p) => x!.maskedFill(m!, num(p, 'value')),
    code: ([x, m], p) => `${x}.maskedFill(${m}, ${num(p, 'value')})`,
  },
  add_: inPlace(
    true,
    ([a, b]) => a!.add_(b!),
    ([a, b]) => `${a}.add_(${b})`,
  ),
  mul_: inPlace(
    true,
    ([a, b]) => a!.mul_(b!),
    ([a, b]) => `${a}.mul_(${b})`,
  ),
  clamp_: inPlace(
    false,
    ([a]) => a!.clamp_(-1, 1),
    ([a]) => `${a}.clamp_(-1, 1)`,
  ),
};
