import type { Tensor } from '../tensor.js';
import type { NestedArray } from '../read.js';
import { zeros, zerosLike } from '../ops/creation.js';
import { stack } from '../ops/join.js';
import { rootGradient } from './backward.js';
import { runBackward } from './engine.js';
import { enableGrad } from './grad-mode.js';
import { jvpOf } from './jvp-of.js';
import { AutogradError, ShapeError, ValueError } from '../errors.js';

/** Options of {@link grad}, as torch.autograd.grad's. */
export interface GradOptions {
  /** The gradient flowing into each output (may be omitted for one-element outputs). */
  gradOutputs?: Tensor | NestedArray | readonly (Tensor | NestedArray | null | undefined)[] | null;
  /** Keep the graph's saved values (default: `createGraph`). */
  retainGraph?: boolean;
  /** Record the gradient computation, for higher-order gradients. */
  createGraph?: boolean;
  /** Return null for inputs the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

type OneOrMany = Tensor | readonly Tensor[];

function asList(x: OneOrMany): readonly Tensor[] {
  return Array.isArray(x) ? (x as readonly Tensor[]) : [x as Tensor];
}

/**
 * The gradients of `outputs` with respect to `inputs` (torch.autograd.grad), returned rather
 * than accumulated into any `.grad`. One entry per input, null for an unused input when
 * `allowUnused`.
 *
 * @example
 * ```ts example
 * import { autograd, tensor } from '@ag/core';
 *
 * // d/dx of x0^3 + x1^3 is 3x^2: 12 and 27 at (2, 3); x.grad stays untouched
 * const x = tensor([2, 3], { requiresGrad: true });
 * const [g] = autograd.grad(x.pow(3).sum(), x);
 * console.log(g, x.grad);
 * ```
 *
 * ```text
 * tensor([12., 27.]) null
 * ```
 */
export function grad(outputs: OneOrMany, inputs: OneOrMany, options: GradOptions = {}): (Tensor | null)[] {
  const outs = asList(outputs);
  const ins = asList(inputs);
  const createGraph = options.createGraph ?? false;
  const go = options.gradOutputs;
  const gradOuts: readonly (Tensor | NestedArray | null | undefined)[] =
    go === undefined || go === null
      ? []
      : Array.isArray(outputs)
        ? (go as readonly (Tensor | NestedArray | null)[])
        : [go as Tensor];
  if (gradOuts.length > 0 && gradOuts.length !== outs.length) {
    throw new ValueError(`grad: got ${gradOuts.length} gradOutputs for ${outs.length} outputs`);
  }
  ins.forEach((x, i) => {
    if (!x.requiresGrad)
      throw new AutogradError(`grad: one of the differentiated Tensors (input ${i}) does not require grad`);
  });
  const roots = outs.map((t) => t._edge());
  const rootGrads = outs.map((t, i) => rootGradient(t, gradOuts[i] as Tensor | NestedArray | undefined, i));
  const captures = ins.map((x) => x._edge());
  const result = runBackward(roots, rootGrads, {
    retainGraph: options.retainGraph ?? createGraph,
    createGraph,
    captures,
  });
  return result.map((g, i) => {
    if (g === null) {
      if (options.allowUnused !== true) {
        throw new AutogradError(
          `grad: One of the differentiated Tensors (input ${i}, shape [${ins[i]!.shape.join(', ')}]) appears to not have been used in the graph. ` +
            'Set allowUnused: true if this is the desired behavior.',
        );
      }
      return null;
    }
    const dense = g.dtype === ins[i]!.dtype ? g : g.to(ins[i]!.dtype);
    return createGraph ? dense : dense.detach();
  });
}

/** Fresh leaves holding the inputs' values, requiring grad (the functional API differentiates at them). */
function leavesOf(inputs: readonly Tensor[]): Tensor[] {
  return inputs.map((x) => x.detach().requiresGrad_(true));
}

/**
 * The vector-Jacobian product of `fn` at `inputs` with `v` (torch.autograd.functional.vjp):
 * `[fn(inputs), v^T J]`, detached. `v` may be omitted when `fn` returns one element.
 */
export function vjp<I extends OneOrMany>(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: I,
  v?: Tensor,
): [Tensor, I extends Tensor ? Tensor : Tensor[]] {
  const leaves = leavesOf(asList(inputs));
  const out = enableGrad(() => fn(...leaves));
  const grads = out.requiresGrad
    ? grad(out, leaves, { gradOutputs: v ?? null, allowUnused: true })
    : leaves.map(() => null);
  const filled = grads.map((g, i) => g ?? zerosLike(leaves[i]!));
  return [out.detach(), (Array.isArray(inputs) ? filled : filled[0]!) as I extends Tensor ? Tensor : Tensor[]];
}

/**
 * The Jacobian-vector product of `fn` at `inputs` along `v` (torch.autograd.functional.jvp):
 * `[fn(inputs), J v]`, exact, by the double-backward trick: `g(u) = J^T u` is linear in a
 * dummy `u`, so the gradient of `g(u) . v` with respect to `u` is `J v`.
 */
export function jvp<I extends OneOrMany>(fn: (...inputs: Tensor[]) => Tensor, inputs: I, v: I): [Tensor, Tensor] {
  const xs = asList(inputs);
  const vs = asList(v);
  if (vs.length !== xs.length) throw new ValueError(`jvp: got ${vs.length} tangents for ${xs.length} inputs`);
  const leaves = leavesOf(xs);
  return enableGrad(() => {
    const out = fn(...leaves);
    if (!out.requiresGrad) return [out.detach(), zerosLike(out)];
    return [out.detach(), jvpOf(out, leaves, vs) ?? zerosLike(out)];
  });
}

/**
 * The Jacobian of `fn` at `inputs` (torch.autograd.functional.jacobian): shape
 * `[...output.shape, ...input.shape]`, one per input when `inputs` is an array. One backward
 * per output element.
 */
export function jacobian(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor,
  options?: { createGraph?: boolean },
): Tensor;
export function jacobian(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options?: { createGraph?: boolean },
): Tensor[];
export function jacobian(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: OneOrMany,
  options: { createGraph?: boolean } = {},
): Tensor | Tensor[] {
  const xs = asList(inputs);
  const leaves =
    options.createGraph === true ? xs.map((x) => (x.requiresGrad ? x : x.detach().requiresGrad_(true))) : leavesOf(xs);
  const result = enableGrad(() => jacobianAt(fn(...leaves), leaves, options.createGraph ?? false));
  return Array.isArray(inputs) ? result : result[0]!;
}

/** The Jacobian of an already computed `out` with respect to `leaves`, one tensor per leaf. */
function jacobianAt(out: Tensor, leaves: readonly Tensor[], createGraph: boolean): Tensor[] {
  const n = out.numel();
  const rows: Tensor[][] = leaves.map(() => []);
  const flat = out.reshape([n]);
  for (let k = 0; k < n; k++) {
    const pick = flat.select(0, k);
    const gs = pick.requiresGrad
      ? grad(pick, leaves, { retainGraph: true, createGraph, allowUnused: true })
      : leaves.map(() => null);
    gs.forEach((g, i) => rows[i]!.push(g ?? zerosLike(leaves[i]!)));
  }
  return leaves.map((x, i) => {
    const shape = [...out.shape, ...x.shape];
    if (n === 0)
      return zerosLike(x)
        .reshape([0, ...x.shape])
        .reshape(shape);
    const j = stack(rows[i]!, 0).reshape(shape);
    return createGraph ? j : j.detach();
  });
}

/**
 * The Hessian of a scalar `fn` at `inputs` (torch.autograd.functional.hessian): shape
 * `[...input.shape, ...input.shape]`; for an array of inputs, `H[i][j]` for each pair.
 */
export function hessian(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor): Tensor;
export function hessian(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[]): Tensor[][];
export function hessian(fn: (...inputs: Tensor[]) => Tensor, inputs: OneOrMany): Tensor | Tensor[][] {
  const leaves = leavesOf(asList(inputs));
  const result = enableGrad(() => {
    const out = fn(...leaves);
    if (out.numel() !== 1)
      throw new ShapeError(
        `hessian: the function must return a single-element tensor, got shape [${out.shape.join(', ')}]`,
      );
    const firsts = out.requiresGrad
      ? grad(out, leaves, { createGraph: true, allowUnused: true })
      : leaves.map(() => null);
    return firsts.map((g, i) => {
      const gi = g ?? zerosLike(leaves[i]!);
      if (!gi.requiresGrad)
        return leaves.map((x) => zeros([...gi.shape, ...x.shape], { dtype: x.dtype, device: x.device }));
      return jacobianAt(gi, leaves, false);
    });
  });
  return Array.isArray(inputs) ? result : result[0]![0]!;
}

/** The first gradients of a one-element `fn` at fresh leaves, recorded for a second backward. */
function firstGrads(op: string, fn: (...inputs: Tensor[]) => Tensor, inputs: OneOrMany, v: OneOrMany) {
  const xs = asList(inputs);
  const vs = asList(v);
  if (vs.length !== xs.length) throw new ValueError(`${op}: got ${vs.length} vectors for ${xs.length} inputs`);
  vs.forEach((vi, i) => {
    if (vi.shape.join() !== xs[i]!.shape.join())
      throw new ShapeError(
        `${op}: v[${i}] has shape [${vi.shape.join(', ')}] but input ${i} has shape [${xs[i]!.shape.join(', ')}]`,
      );
  });
  const leaves = leavesOf(xs);
  const out = fn(...leaves);
  if (out.numel() !== 1)
    throw new ShapeError(
      `${op}: the function must return a single-element tensor, got shape [${out.shape.join(', ')}]`,
    );
  const gs = out.requiresGrad ? grad(out, leaves, { createGraph: true, allowUnused: true }) : leaves.map(() => null);
  return { leaves, vs, out, gs };
}

/** The products one per input, filled with zeros where the function does not depend on an input. */
function perInput<I extends OneOrMany>(inputs: I, leaves: readonly Tensor[], gs: readonly (Tensor | null)[]) {
  const filled = gs.map((g, i) => (g ?? zerosLike(leaves[i]!)).detach());
  return (Array.isArray(inputs) ? filled : filled[0]!) as I extends Tensor ? Tensor : Tensor[];
}

/**
 * The vector-Hessian product of a one-element `fn` at `inputs` with `v`
 * (torch.autograd.functional.vhp): `[fn(inputs), v^T H]`, one backward through the gradient.
 */
export function vhp<I extends OneOrMany>(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: I,
  v: I,
): [Tensor, I extends Tensor ? Tensor : Tensor[]] {
  return enableGrad(() => {
    const { leaves, vs, out, gs } = firstGrads('vhp', fn, inputs, v);
    const used = gs.flatMap((g, i) => (g !== null && g.requiresGrad ? [i] : []));
    const second =
      used.length === 0
        ? leaves.map(() => null)
        : grad(
            used.map((i) => gs[i]!),
            leaves,
            { gradOutputs: used.map((i) => vs[i]!), allowUnused: true },
          );
    return [out.detach(), perInput(inputs, leaves, second)];
  });
}

/**
 * The Hessian-vector product of a one-element `fn` at `inputs` with `v`
 * (torch.autograd.functional.hvp): `[fn(inputs), H v]`, by the double-backward trick as
 * PyTorch computes it (`u -> (J^T u)` is linear in a dummy `u`; its gradient along `v` is `H v`),
 * so that it is exact where the Hessian is not symmetric too.
 */
export function hvp<I extends OneOrMany>(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: I,
  v: I,
): [Tensor, I extends Tensor ? Tensor : Tensor[]] {
  return enableGrad(() => {
    const { leaves, vs, out, gs } = firstGrads('hvp', fn, inputs, v);
    const used = gs.flatMap((g, i) => (g !== null && g.requiresGrad ? [i] : []));
    if (used.length === 0)
      return [
        out.detach(),
        perInput(
          inputs,
          leaves,
          leaves.map(() => null),
        ),
      ];
    const dummies = used.map((i) => zerosLike(gs[i]!).requiresGrad_(true));
    const back = grad(
      used.map((i) => gs[i]!),
      leaves,
      { gradOutputs: dummies, createGraph: true, allowUnused: true },
    );
    const live = back.flatMap((b, i) => (b !== null && b.requiresGrad ? [i] : []));
    const hv =
      live.length === 0
        ? dummies.map(() => null)
        : grad(
            live.map((i) => back[i]!),
            dummies,
            { gradOutputs: live.map((i) => vs[i]!), allowUnused: true },
          );
    const result: (Tensor | null)[] = leaves.map(() => null);
    used.forEach((i, k) => (result[i] = hv[k] ?? null));
    return [out.detach(), perInput(inputs, leaves, result)];
  });
}
