import type { Tensor } from '../tensor.js';
import { formatShape } from '../shape.js';
import { isAnomalyEnabled } from './grad-mode.js';

/** A tensor hook: may return a replacement gradient (or nothing, to keep it). */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- hooks that only observe return nothing
export type GradHook = (grad: Tensor) => Tensor | undefined | void;

/** A hook registered on one output of a node (`t.registerHook`), in registration order. */
export interface NodeHook {
  readonly outputNr: number;
  readonly fn: GradHook;
}

/** An edge of the graph: the node that receives a gradient, and which of its inputs it is. */
export type Edge = readonly [node: Node | null, inputNr: number];

/** The edge of an input that needs no gradient; one shared tuple (edges are read-only). */
export const NO_EDGE: Edge = [null, 0];

let nextSequenceNr = 0;

/**
 * A node of the autograd graph: what PyTorch calls a `grad_fn`. It receives the gradients of
 * its op's outputs and returns the gradients of the op's inputs, in the order of
 * `nextFunctions`. Leaves are reached through {@link AccumulateGrad} nodes.
 */
export abstract class Node {
  abstract readonly name: string;
  /** Creation order; later nodes run first among those ready, as in PyTorch's engine. */
  readonly sequenceNr = nextSequenceNr++;
  /** Non-leaf outputs that keep their gradient (`retainGrad()`), by output number. */
  retained: Map<number, Tensor> | null = null;
  /** Tensor hooks on this node's outputs (for AccumulateGrad: on its leaf), run before it. */
  hooks: NodeHook[] | null = null;
  /** The stack of the forward call that recorded this node: kept only in anomaly mode. */
  readonly traceback: string | null;

  // What a backward run knows about this node while it runs (see engine.ts). Kept on the node
  // rather than in per-run Maps: a run over 10,000 scalar ops would otherwise spend much of
  // its time hashing nodes.
  /** @internal The backward run that reached this node (null outside a run). */
  _run: object | null = null;
  /** @internal How many of its consumers have yet to deliver a gradient in that run. */
  _pending = 0;
  /** @internal The gradients of its outputs delivered so far in that run, by output number. */
  _grads: (Tensor | null)[] | null = null;

  constructor(readonly nextFunctions: readonly Edge[]) {
    this.traceback = isAnomalyEnabled() ? (new Error().stack ?? null) : null;
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

  constructor(readonly variable: Tensor) {
    super([]);
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
export type BackwardFn<A> = (grad: Tensor, saved: readonly Tensor[], attrs: A, needs: readonly boolean[]) => (Tensor | null)[];

/** A node for an op with one output, its backward given as a function. */
export class OpNode<A> extends Node {
  private saved: readonly Tensor[] | null;
  private readonly versions: readonly number[];
  /**
   * Which saved tensor is the op's result (-1: none), reported as "output 0 of" this node. An
   * index rather than the tensor: a node holding its output would keep every tensor of a chain
   * alive as long as the last one, saved or not.
   */
  private readonly outputIndex: number;

  constructor(
    readonly name: string,
    nextFunctions: readonly Edge[],
    private readonly backwardFn: BackwardFn<A>,
    private readonly attrs: A,
    saved: readonly Tensor[],
    /** The op's result, when known. */
    output?: Tensor,
  ) {
    super(nextFunctions);
    this.saved = saved;
    this.versions = saved.length === 0 ? NONE : versionsOf(saved);
    this.outputIndex = output === undefined || saved.length === 0 ? -1 : saved.indexOf(output);
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    const grad = grads[0];
    if (grad === null || grad === undefined) return this.nextFunctions.map(() => null);
    this.checkRunnable();
    return this.backwardFn(grad, this.saved!, this.attrs, needsOf(this.nextFunctions));
  }

  override release(): void {
    if (this.saved !== null && this.saved.length > 0) this.saved = null;
  }

  override get keepsNothing(): boolean {
    return true;
  }

  override checkRunnable(): void {
    const saved = this.saved;
    if (saved === null) {
      throw new Error(
        `${this.name}: trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ` +
          'Saved intermediate values of the graph are freed when you call .backward() or grad(). ' +
          'Specify `retainGraph: true` (as in `out.backward(undefined, { retainGraph: true })`) if you need to backward through the graph a second time ' +
          'or if you need to access saved tensors after calling backward.',
      );
    }
    for (let i = 0; i < saved.length; i++) {
      const t = saved[i]!;
      if (t._store.version === this.versions[i]) continue;
      // A saved output is "output 0 of" this node; an input is named by its (current) gradFn.
      const isOutput = i === this.outputIndex;
      throw modifiedError(this.name, t, isOutput ? this : t._gradFn, isOutput ? 0 : t._outputNr, this.versions[i]!);
    }
  }
}

const NONE: readonly number[] = [];

function versionsOf(saved: readonly Tensor[]): number[] {
  const versions = new Array<number>(saved.length);
  for (let i = 0; i < saved.length; i++) versions[i] = saved[i]!._store.version;
  return versions;
}

// The `needs` of ops with one or two inputs, shared (read-only) rather than built per call.
const NEEDS_1: readonly (readonly boolean[])[] = [[false], [true]];
const NEEDS_2: readonly (readonly boolean[])[] = [[false, false], [true, false], [false, true], [true, true]];

/** Which inputs need a gradient: those with an edge. */
function needsOf(edges: readonly Edge[]): readonly boolean[] {
  const n0 = edges.length > 0 && edges[0]![0] !== null ? 1 : 0;
  if (edges.length === 1) return NEEDS_1[n0]!;
  if (edges.length === 2) return NEEDS_2[n0 + (edges[1]![0] !== null ? 2 : 0)]!;
  return edges.map(([node]) => node !== null);
}

/** PyTorch's error for a saved tensor modified in place after it was saved. */
export function modifiedError(nodeName: string, t: Tensor, from: Node | null, outputNr: number, expected: number): Error {
  const which = from === null ? '' : `, which is output ${outputNr} of ${from.name},`;
  return new Error(
    `${nodeName}: one of the variables needed for gradient computation has been modified by an inplace operation: ` +
      `[${t.dtype} ${formatShape(t.shape)}]${which} is at version ${t._store.version}; expected version ${expected} instead. ` +
      'Hint: the operation that failed to compute its gradient was modified in place after it was saved; use an out-of-place op or .clone() it first.',
  );
}
