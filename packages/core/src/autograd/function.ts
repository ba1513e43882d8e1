import { Tensor } from '../tensor.js';
import { viewOf } from '../ops/dispatch.js';
import { isGradEnabled, noGrad } from './grad-mode.js';
import type { Edge } from './node.js';
import { modifiedError, Node, splitEdges } from './node.js';
import { activeSavedHooks, PackedSaved } from './saved-hooks.js';
import { leafInplaceError, moveRetainedGrad } from './view-history.js';
import { AutogradError } from '../errors.js';

/**
 * What a custom function's `forward` and `backward` share (PyTorch's `ctx`): the tensors saved
 * for backward, which inputs need a gradient, and any attributes `forward` sets.
 */
export class FunctionCtx {
  /** Per argument of `apply`: whether it is a tensor that requires grad. */
  needsInputGrad: readonly boolean[] = [];
  /** @internal What `saveForBackward` saved, or what saved-tensor hooks packed it into. */
  _saved: readonly Tensor[] | PackedSaved | null = [];
  /** @internal */ _versions: readonly number[] = [];
  /** @internal */ _savedFrom: readonly (readonly [Node | null, number])[] = [];
  /** @internal */ _nonDifferentiable: Set<Tensor> | null = null;
  /** @internal */ _dirty: Set<Tensor> | null = null;
  /** @internal */ _nodeName = '';
  /** Attributes `forward` keeps for `backward` (PyTorch allows any attribute on ctx). */
  [key: string]: unknown;

  /** Saves tensors for backward; `backward` reads them from {@link savedTensors}. */
  saveForBackward(...tensors: Tensor[]): void {
    this._saved = tensors;
    this._versions = tensors.map((t) => t._store.version);
    this._savedFrom = tensors.map((t) => [t._gradFn, t._outputNr] as const);
  }

  /** The tensors `forward` saved, checked unmodified since. */
  get savedTensors(): readonly Tensor[] {
    const saved = this._saved;
    if (saved === null) {
      throw new AutogradError(
        `${this._nodeName}: trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Specify \`retainGraph: true\` if you need to backward through the graph a second time.`,
      );
    }
    if (saved instanceof PackedSaved) return saved.unpack(this._nodeName);
    saved.forEach((t, i) => {
      if (t._store.version !== this._versions[i])
        throw modifiedError(this._nodeName, t, this._savedFrom[i]![0], this._savedFrom[i]![1], this._versions[i]!);
    });
    return saved;
  }

  /**
   * Marks inputs that `forward` modified in place (ctx.mark_dirty); `forward` must return them.
   * Each takes this function's node as its history, as a built-in in-place op's input does.
   */
  markDirty(...tensors: Tensor[]): void {
    this._dirty ??= new Set();
    for (const t of tensors) this._dirty.add(t);
  }

  /** Marks outputs as not differentiable: they do not require grad and get no gradient. */
  markNonDifferentiable(...tensors: Tensor[]): void {
    this._nonDifferentiable ??= new Set();
    for (const t of tensors) this._nonDifferentiable.add(t);
  }
}

interface FunctionClass {
  name: string;
  forward(ctx: FunctionCtx, ...args: unknown[]): unknown;
  backward(ctx: FunctionCtx, ...grads: Tensor[]): unknown;
}

/** The graph node of a custom function: calls the class's static `backward`. */
class CustomNode extends Node {
  constructor(
    readonly name: string,
    edges: readonly Edge[],
    private readonly cls: FunctionClass,
    private readonly ctx: FunctionCtx,
    private readonly outputs: readonly Tensor[],
  ) {
    super(...splitEdges(edges));
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    const n = this.nextNodes.length;
    if (grads.every((g) => g === null || g === undefined)) return Array.from({ length: n }, () => null);
    // As PyTorch (materialize_grads): outputs that got no gradient get zeros.
    const full = this.outputs.map((o, i) => grads[i] ?? zerosOf(o));
    const r = this.cls.backward(this.ctx, ...full);
    const list = Array.isArray(r) ? (r as unknown[]) : [r];
    if (list.length < n) {
      throw new AutogradError(
        `function ${this.name} returned an incorrect number of gradients (expected ${n}, got ${list.length})`,
      );
    }
    return list.slice(0, n).map((g, i) => {
      if (g === null || g === undefined || !(g instanceof Tensor) || this.nextNodes[i] === null) return null;
      return g;
    });
  }

  override release(): void {
    this.ctx._saved = null;
  }

  override get savedTensors(): readonly Tensor[] {
    return this.ctx.savedTensors;
  }

  override get _outputCount(): number {
    return this.outputs.length;
  }

  override checkRunnable(): void {
    if (this.ctx._saved === null) this.ctx.savedTensors.slice(0, 0);
  }
}

function zerosOf(t: Tensor): Tensor {
  return noGrad(() => t.detach().mul(0));
}

/**
 * A differentiable operation defined by its forward and backward (torch.autograd.Function):
 *
 * ```ts
 * class Exp extends Function {
 *   static forward(ctx: FunctionCtx, x: Tensor) { const y = x.exp(); ctx.saveForBackward(y); return y; }
 *   static backward(ctx: FunctionCtx, g: Tensor) { const [y] = ctx.savedTensors; return g.mul(y!); }
 * }
 * const y = Exp.apply(x);   // y.gradFn.name === 'ExpBackward'
 * ```
 *
 * `forward` runs without recording the graph; non-tensor arguments pass through and get null
 * gradients; `backward` returns one gradient (or null) per argument of `apply`.
 */
export class AutogradFunction {
  // The base declares the signatures subclasses implement; its parameters are unused here.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  static forward(ctx: FunctionCtx, ...args: never[]): unknown {
    throw new AutogradError(`${this.name}: a Function subclass must implement static forward(ctx, ...args)`);
  }

  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  static backward(ctx: FunctionCtx, ...grads: never[]): unknown {
    throw new AutogradError(`${this.name}: a Function subclass must implement static backward(ctx, ...grads)`);
  }

  /** Runs `forward` and records one node named `<Class>Backward` for its outputs. */
  // T names what `forward` returns (a tensor by default, or an array of them): like PyTorch,
  // apply returns what forward does, which the static side cannot express.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  static apply<T extends Tensor | Tensor[] = Tensor>(...args: unknown[]): T {
    const cls = this as unknown as FunctionClass;
    const ctx = new FunctionCtx();
    ctx._nodeName = `${cls.name}Backward`;
    ctx.needsInputGrad = args.map((a) => a instanceof Tensor && a.requiresGrad);
    const result = noGrad(() => cls.forward(ctx, ...args));
    const isList = Array.isArray(result);
    const outs = (isList ? result : [result]) as unknown[];
    const record = isGradEnabled() && ctx.needsInputGrad.some((b) => b);
    if (!record) return result as T;
    const edges: Edge[] = args.map((a) => (a instanceof Tensor ? a._edge() : [null, 0]));
    const inputs = new Set(args.filter((a): a is Tensor => a instanceof Tensor));
    const tensors: Tensor[] = [];
    checkDirty(cls.name, ctx, inputs, outs);
    const wrapped = outs.map((o) => {
      if (!(o instanceof Tensor)) return o;
      // An input returned as is becomes a new tensor sharing its values (PyTorch makes a view),
      // unless forward wrote it in place (markDirty): then it is the output itself.
      const dirty = ctx._dirty?.has(o) === true;
      const t = !dirty && (inputs.has(o) || o._gradFn !== null) ? viewOf(o, o.shape, o.strides, o.offset) : o;
      if (ctx._nonDifferentiable?.has(o) === true) return t;
      tensors.push(t);
      return t;
    });
    const node = new CustomNode(ctx._nodeName, edges, cls, ctx, tensors);
    tensors.forEach((t, i) => {
      if (!t.isFloatingPoint()) return;
      moveRetainedGrad(t, t._fn, node, i);
      t._gradFn = node;
      t._outputNr = i;
    });
    // Packed once the graph is linked (as PyTorch packs after forward), so that a saved output
    // stands for its place in this node.
    const hooks = activeSavedHooks();
    const saved = ctx._saved;
    if (hooks !== null && Array.isArray(saved) && saved.length > 0)
      ctx._saved = PackedSaved.pack(hooks, saved, ctx._nodeName);
    return (isList ? wrapped : wrapped[0]) as T;
  }
}

export { AutogradFunction as Function };

/**
 * What markDirty allows, checked before the graph changes: a dirty tensor is an input that
 * `forward` returns, not a leaf that requires grad (its `.grad` would stop meaning its own
 * gradient) and not a view (its base's history would need rebasing, which custom functions do
 * not do here).
 */
function checkDirty(name: string, ctx: FunctionCtx, inputs: ReadonlySet<Tensor>, outs: readonly unknown[]): void {
  if (ctx._dirty === null) return;
  for (const t of ctx._dirty) {
    if (!inputs.has(t)) throw new AutogradError(`${name}: markDirty was given a tensor that is not an input of apply`);
    if (!outs.includes(t)) throw new AutogradError(`${name}: a tensor marked dirty must be returned by forward`);
    if (t.isLeaf && t.requiresGrad) throw leafInplaceError(name);
    if (t._base !== null)
      throw new AutogradError(
        `${name}: markDirty on a view is not supported; clone the view before the in-place write`,
      );
  }
}

/** The error a backward marked {@link onceDifferentiable} raises when differentiated again. */
class DelayedError extends AutogradFunction {
  static override forward(_ctx: FunctionCtx, g: Tensor): Tensor {
    return g.clone();
  }

  static override backward(): never {
    throw new AutogradError(
      'onceDifferentiable: trying to differentiate twice a function that was marked with onceDifferentiable',
    );
  }
}

/**
 * Wraps a custom Function's `backward` that is not itself differentiable
 * (torch.autograd.function.once_differentiable): it runs without recording a graph, and where a
 * double backward (`createGraph`) would need its graph, its results carry a node that raises a
 * clear error instead of a silently wrong (zero) second derivative.
 *
 * ```ts
 * class Cube extends Function {
 *   static forward(ctx: FunctionCtx, x: Tensor) { ctx.saveForBackward(x); return x.pow(3); }
 *   static backward = onceDifferentiable((ctx: FunctionCtx, g: Tensor) => g.mul(ctx.savedTensors[0]!.pow(2).mul(3)));
 * }
 * ```
 */
export function onceDifferentiable<A extends unknown[]>(
  backward: (ctx: FunctionCtx, ...grads: A) => unknown,
): (ctx: FunctionCtx, ...grads: A) => unknown {
  return (ctx, ...grads) => {
    const result = noGrad(() => backward(ctx, ...grads));
    const tracked = grads.filter((g): g is Tensor & A[number] => g instanceof Tensor && g.requiresGrad);
    if (!isGradEnabled() || tracked.length === 0) return result;
    const wrap = (r: unknown) => (r instanceof Tensor ? DelayedError.apply(r, ...tracked) : r);
    return Array.isArray(result) ? result.map(wrap) : wrap(result);
  };
}
