import type { Tensor } from '../tensor.js';
import { formatShape } from '../shape.js';
import { isTensor } from '../tensor-brand.js';
import { isAnomalyEnabled } from './grad-mode.js';
// Types only: saved-hooks.ts reaches tensor.ts and every op, which extend Node (an import cycle).
import type { PackedSaved } from './saved-hooks.js';
import { ArgumentError, AutogradError } from '../errors.js';
import {
  addRemovable,
  type HookHandle,
  type NodeHook,
  type NodeHooks,
  type NodePostHook,
  type NodePreHook,
} from './node-hooks.js';

export { addRemovable } from './node-hooks.js';
export type { GradHook, HookHandle, NodeHook, NodeHooks, NodePostHook, NodePreHook } from './node-hooks.js';

/** A node's rarely set fields (see `Node._rare`). */
interface NodeRare {
  retained: Map<number, Tensor> | null;
  hooks: NodeHook[] | null;
  nodeHooks: NodeHooks | null;
  readsHost: boolean;
  traceback: string | null;
}

/** An edge of the graph: the node that receives a gradient, and which of its inputs it is. */
export type Edge = readonly [node: Node | null, inputNr: number];

/** The edge of an input that needs no gradient; one shared tuple (edges are read-only). */
export const NO_EDGE: Edge = [null, 0];

let nextSequenceNr = 0;

/** The `nextNodes` of a node with no inputs (AccumulateGrad): one shared empty list. */
const NO_NODES: readonly (Node | null)[] = [];

/**
 * A node of the autograd graph: what PyTorch calls a `grad_fn`. It receives the gradients of
 * its op's outputs and returns the gradients of the op's inputs, in the order of
 * `nextFunctions`. Leaves are reached through {@link AccumulateGrad} nodes.
 */
export abstract class Node {
  abstract readonly name: string;
  /**
   * Creation order; later nodes run first among those ready, as in PyTorch's engine. Set before
   * the constructor runs, so a node's number is above those of its inputs' nodes (which exist
   * already, and `nextNodes` never changes): the engine's uncounted order relies on it.
   */
  readonly sequenceNr = nextSequenceNr++;
  /**
   * The node each input's gradient goes to (null: the input needs none), by input number.
   * `nextFunctions` pairs these with `nextNrs`; the engine reads the two directly.
   */
  readonly nextNodes: readonly (Node | null)[];
  /**
   * Which output of its node each input is, or null when every input is output 0 (nearly
   * always: one list per node, instead of one `[node, nr]` pair per input, for a graph that
   * lives until backward; a chain of 10,000 ops keeps 10,000 of them).
   */
  readonly nextNrs: readonly number[] | null;
  /**
   * @internal The fields below that are rarely set (hooks, retained gradients, anomaly mode's
   * traceback), in one object made when the first is set: the nodes of a long chain live until
   * backward, and every field they carry is copied by the garbage collector.
   */
  _rare: NodeRare | null = null;

  /** Non-leaf outputs that keep their gradient (`retainGrad()`), by output number. */
  get retained(): Map<number, Tensor> | null {
    return this._rare === null ? null : this._rare.retained;
  }
  set retained(value: Map<number, Tensor> | null) {
    if (value !== null || this._rare !== null) this.rare().retained = value;
  }
  /** Tensor hooks on this node's outputs (for AccumulateGrad: on its leaf), run before it. */
  get hooks(): NodeHook[] | null {
    return this._rare === null ? null : this._rare.hooks;
  }
  set hooks(value: NodeHook[] | null) {
    if (value !== null || this._rare !== null) this.rare().hooks = value;
  }
  /**
   * @internal Hooks on the node itself ({@link registerPrehook}, {@link registerHook}); null
   * while there are none, so that the engine's loop pays one check per node.
   */
  get _nodeHooks(): NodeHooks | null {
    return this._rare === null ? null : this._rare.nodeHooks;
  }
  /** @internal */
  set _nodeHooks(value: NodeHooks | null) {
    if (value !== null || this._rare !== null) this.rare().nodeHooks = value;
  }
  /**
   * Whether its backward copies a gradient off a device whose values are read only
   * asynchronously (ToCopyBackward0 from WebGPU): `backwardAsync` reads that gradient ahead;
   * a synchronous backward cannot run it.
   */
  get readsHost(): boolean {
    return this._rare !== null && this._rare.readsHost;
  }
  set readsHost(value: boolean) {
    if (value || this._rare !== null) this.rare().readsHost = value;
  }
  /** The stack of the forward call that recorded this node: kept only in anomaly mode. */
  get traceback(): string | null {
    return this._rare === null ? null : this._rare.traceback;
  }

  private rare(): NodeRare {
    return (this._rare ??= { retained: null, hooks: null, nodeHooks: null, readsHost: false, traceback: null });
  }

  // What a backward run knows about this node while it runs (see engine.ts). Kept on the node
  // rather than in per-run Maps: a run over 10,000 scalar ops would otherwise spend much of
  // its time hashing nodes.
  /** @internal The backward run that reached this node (null outside a run). */
  _run: object | null = null;
  /** @internal How many of its consumers have yet to deliver a gradient in that run. */
  _pending = 0;
  /** @internal The gradients of its outputs delivered so far in that run, by output number. */
  _grads: (Tensor | null)[] | null = null;

  /** The edges of the op's inputs, as PyTorch's `next_functions` (see `splitEdges` in autograd/node.ts). */
  constructor(nextNodes: readonly (Node | null)[], nextNrs: readonly number[] | null) {
    this.nextNodes = nextNodes;
    this.nextNrs = nextNrs;
    if (isAnomalyEnabled()) this.rare().traceback = new Error().stack ?? null;
  }

  /** PyTorch's `next_functions`: per input, the node its gradient goes to and which output of it. */
  get nextFunctions(): Edge[] {
    const nrs = this.nextNrs;
    return this.nextNodes.map((node, i) => (node === null ? NO_EDGE : [node, nrs === null ? 0 : nrs[i]!]));
  }

  /**
   * The tensors this node saved for its backward (PyTorch's `_saved_self`, `_saved_other`,
   * `_saved_result`... as one read-only list, in the order the op saved them). Throws, as
   * PyTorch does, once a backward without `retainGraph` freed them.
   */
  get savedTensors(): readonly Tensor[] {
    return [];
  }

  /**
   * PyTorch's `grad_fn.register_hook`: `fn(gradInputs, gradOutputs)` runs after this node
   * computed its inputs' gradients, in `backward()` and `grad()` alike (with `createGraph`, in
   * grad mode); a list it returns replaces `gradInputs` (same length, same shapes). On
   * AccumulateGrad, `gradInputs` is empty and `gradOutputs` is the leaf's gradient; the leaf's
   * `.grad` itself is written when the whole backward ends. In `grad()`, as in PyTorch, a node
   * runs (and its hooks with it) only when a gradient asked for lies beyond it.
   */
  registerHook(fn: NodePostHook): HookHandle {
    return addRemovable(this.nodeHooks('registerHook', fn).post, fn, () => {
      this.dropEmptyHooks();
    });
  }

  /**
   * PyTorch's `grad_fn.register_prehook`: `fn(gradOutputs)` runs before this node does, after
   * the tensor hooks of its outputs (`t.registerHook`) and `retainGrad`; a list it returns
   * replaces `gradOutputs` (same length, same shapes).
   */
  registerPrehook(fn: NodePreHook): HookHandle {
    return addRemovable(this.nodeHooks('registerPrehook', fn).pre, fn, () => {
      this.dropEmptyHooks();
    });
  }

  private nodeHooks(method: string, fn: unknown): NodeHooks {
    if (typeof fn !== 'function') {
      throw new ArgumentError(`${this.name}.${method}: expected a function, got ${fn === null ? 'null' : typeof fn}`);
    }
    return (this._nodeHooks ??= { pre: [], post: [] });
  }

  private dropEmptyHooks(): void {
    const h = this._nodeHooks;
    if (h !== null && h.pre.length === 0 && h.post.length === 0) this._nodeHooks = null;
  }

  /** @internal How many outputs the op has: the length of the gradient list pre-hooks see. */
  get _outputCount(): number {
    return 1;
  }

  /** Gradients of the inputs, given those of the outputs (null where an output got none). */
  abstract apply(grads: readonly (Tensor | null)[]): (Tensor | null)[];

  /** Frees the values saved for backward: called after a backward without `retainGraph`. */
  release(): void {}

  /**
   * Whether `apply` keeps none of the tensors it makes, as the built-in ops' rules: then, when
   * no graph is being recorded, the engine may dispose them once used. A custom Function's
   * backward may stash what it makes, so its node says no.
   */
  get keepsNothing(): boolean {
    return false;
  }

  /** Throws when this node cannot run (its saved values were freed or modified in place). */
  checkRunnable(): void {}

  toString(): string {
    return `<${this.name} object>`;
  }
}

/** The node through which a gradient reaches a leaf tensor and accumulates into its `.grad`. */
export class AccumulateGrad extends Node {
  readonly name = 'AccumulateGrad';
  /** Hooks that run with the leaf after its `.grad` is written (registerPostAccumulateGradHook). */
  postAccumulateHooks: ((leaf: Tensor) => void)[] | null = null;

  constructor(readonly variable: Tensor) {
    super(NO_NODES, null);
  }

  apply(): (Tensor | null)[] {
    return [];
  }
}

/**
 * How an op differentiates: from the gradient of its output, the values it saved and its
 * attributes, the gradients of its inputs (null for inputs that need none, per `needs`).
 * Written with public ops, so a backward with `createGraph` records a graph of its own.
 */
export type BackwardFn<A> = (
  grad: Tensor,
  saved: readonly Tensor[],
  attrs: A,
  needs: readonly boolean[],
) => (Tensor | null)[];

/** A node for an op with one output, its backward given as a function. */
export class OpNode<A> extends Node {
  /**
   * What the op saved: the tensors, or what saved-tensor hooks packed them into (then no versions
   * are checked). One tensor is kept as it is, without a list (mul by a constant saves one).
   */
  private saved: Saved | null;
  // The version of each saved tensor's storage when it was saved, to detect in-place writes
  // since. Most ops save at most two tensors: their versions are plain fields, and only the
  // rest (pow saves three) get a list, so that a node allocates nothing more for them.
  private readonly version0: number;
  private readonly version1: number;
  private readonly laterVersions: readonly number[] | null;
  /**
   * Which saved tensor is the op's result (-1: none), reported as "output 0 of" this node. An
   * index rather than the tensor: a node holding its output would keep every tensor of a chain
   * alive as long as the last one, saved or not.
   */
  private readonly outputIndex: number;

  constructor(
    readonly name: string,
    nextNodes: readonly (Node | null)[],
    nextNrs: readonly number[] | null,
    private readonly backwardFn: BackwardFn<A>,
    private readonly attrs: A,
    saved: readonly Tensor[],
    /** The op's result, when known. */
    output?: Tensor,
  ) {
    super(nextNodes, nextNrs);
    const n = saved.length;
    this.saved = n === 1 ? saved[0]! : saved;
    this.version0 = n > 0 ? saved[0]!._store.version : 0;
    this.version1 = n > 1 ? saved[1]!._store.version : 0;
    this.laterVersions = n > 2 ? saved.slice(2).map((t) => t._store.version) : null;
    this.outputIndex = output === undefined || n === 0 ? -1 : saved.indexOf(output);
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    const grad = grads[0];
    if (grad === null || grad === undefined) return this.nextNodes.map(() => null);
    return this.backwardFn(grad, this.savedTensors, this.attrs, needsOf(this.nextNodes));
  }

  /** @internal Replaces what the op saved by what saved-tensor hooks packed it into (ops/op-node.ts). */
  _packSaved(pack: (saved: readonly Tensor[], op: string) => PackedSaved): void {
    this.saved = pack(savedList(this.saved as Tensor | readonly Tensor[]), this.name);
  }

  override release(): void {
    const saved = this.saved;
    // A node that saved nothing never reports a freed graph, as in PyTorch.
    if (saved !== null && (!Array.isArray(saved) || (saved as readonly Tensor[]).length > 0)) this.saved = null;
  }

  override get savedTensors(): readonly Tensor[] {
    this.checkRunnable();
    const saved = this.saved!;
    return isPacked(saved) ? saved.unpack(this.name) : savedList(saved);
  }

  override get keepsNothing(): boolean {
    // The unpack hook makes tensors the engine does not own: a hook may keep them.
    return this.saved === null || !isPacked(this.saved);
  }

  override checkRunnable(): void {
    const saved = this.saved;
    if (saved === null) {
      throw new AutogradError(
        `${this.name}: trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ` +
          'Saved intermediate values of the graph are freed when you call .backward() or grad(). ' +
          'Specify `retainGraph: true` (as in `out.backward(undefined, { retainGraph: true })`) if you need to backward through the graph a second time ' +
          'or if you need to access saved tensors after calling backward.',
      );
    }
    if (isPacked(saved)) return;
    if (!Array.isArray(saved)) {
      this.checkVersion(saved as Tensor, 0);
      return;
    }
    for (let i = 0; i < saved.length; i++) this.checkVersion(saved[i] as Tensor, i);
  }

  /** Throws when the `i`th saved tensor `t` was written in place since it was saved. */
  private checkVersion(t: Tensor, i: number): void {
    const expected = i === 0 ? this.version0 : i === 1 ? this.version1 : this.laterVersions![i - 2]!;
    if (t._store.version === expected) return;
    // A saved output is "output 0 of" this node; an input is named by its (current) gradFn.
    const isOutput = i === this.outputIndex;
    throw modifiedError(this.name, t, isOutput ? this : t._gradFn, isOutput ? 0 : t._outputNr, expected);
  }
}

/** `edges` as a node's `nextNodes` and `nextNrs` (null when every edge is to output 0). */
export function splitEdges(edges: readonly Edge[]): [nodes: (Node | null)[], nrs: number[] | null] {
  const nodes = edges.map(([node]) => node);
  const nrs = edges.some(([, nr]) => nr !== 0) ? edges.map(([, nr]) => nr) : null;
  return [nodes, nrs];
}

// The `needs` of ops with one or two inputs, shared (read-only) rather than built per call.
const NEEDS_1: readonly (readonly boolean[])[] = [[false], [true]];
const NEEDS_2: readonly (readonly boolean[])[] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** Which inputs need a gradient: those with an edge. */
function needsOf(nodes: readonly (Node | null)[]): readonly boolean[] {
  const n0 = nodes.length > 0 && nodes[0] !== null ? 1 : 0;
  if (nodes.length === 1) return NEEDS_1[n0]!;
  if (nodes.length === 2) return NEEDS_2[n0 + (nodes[1] !== null ? 2 : 0)]!;
  return nodes.map((node) => node !== null);
}

/** PyTorch's error for a saved tensor modified in place after it was saved. */
export function modifiedError(
  nodeName: string,
  t: Tensor,
  from: Node | null,
  outputNr: number,
  expected: number,
): Error {
  const which = from === null ? '' : `, which is output ${outputNr} of ${from.name},`;
  return new AutogradError(
    `${nodeName}: one of the variables needed for gradient computation has been modified by an inplace operation: ` +
      `[${t.dtype} ${formatShape(t.shape)}]${which} is at version ${t._store.version}; expected version ${expected} instead. ` +
      'Hint: the operation that failed to compute its gradient was modified in place after it was saved; use an out-of-place op or .clone() it first.',
  );
}

/** What a node saved: one tensor, a list of them, or what saved-tensor hooks packed them into. */
type Saved = Tensor | readonly Tensor[] | PackedSaved;

/** Whether a node's saved tensors went through saved-tensor hooks (a tensor or a list when they did not). */
function isPacked(saved: Saved): saved is PackedSaved {
  return !Array.isArray(saved) && !isTensor(saved);
}

/** The saved tensors as a list. */
function savedList(saved: Tensor | readonly Tensor[]): readonly Tensor[] {
  return Array.isArray(saved) ? (saved as readonly Tensor[]) : [saved as Tensor];
}
