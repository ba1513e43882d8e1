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

  constructor(readonly nextFunctions: readonly Edge[]) {
    this.traceback = isAnomalyEnabled() ? (new Error().stack ?? null) : null;
  }

  /** Gradients of the inputs, given those of the outputs (null where an output got none). */
  abstract apply(grads: readonly (Tensor | null)[]): (Tensor | null)[];

  /** Frees the values saved for backward: called after a backward without `retainGraph`. */
  release(): void {}

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

  constructor(
    readonly name: string,
    nextFunctions: readonly Edge[],
    private readonly backwardFn: BackwardFn<A>,
    private readonly attrs: A,
    saved: readonly Tensor[],
    /** The op's result, when known: a saved output is reported as "output 0 of" this node. */
    private readonly output?: Tensor,
  ) {
    super(nextFunctions);
    this.saved = saved;
    this.versions = saved.length === 0 ? NONE : saved.map((t) => t._store.version);
  }

  apply(grads: readonly (Tensor | null)[]): (Tensor | null)[] {
    const grad = grads[0];
    if (grad === null || grad === undefined) return this.nextFunctions.map(() => null);
    this.checkRunnable();
    const needs = this.nextFunctions.map(([node]) => node !== null);
    return this.backwardFn(grad, this.saved!, this.attrs, needs);
  }

  override release(): void {
    if (this.saved !== null && this.saved.length > 0) this.saved = null;
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
      const from = t === this.output ? this : t._gradFn;
      throw modifiedError(this.name, t, from, t === this.output ? 0 : t._outputNr, this.versions[i]!);
    }
  }
}

const NONE: readonly number[] = [];

/** PyTorch's error for a saved tensor modified in place after it was saved. */
export function modifiedError(nodeName: string, t: Tensor, from: Node | null, outputNr: number, expected: number): Error {
  const which = from === null ? '' : `, which is output ${outputNr} of ${from.name},`;
  return new Error(
    `${nodeName}: one of the variables needed for gradient computation has been modified by an inplace operation: ` +
      `[${t.dtype} ${formatShape(t.shape)}]${which} is at version ${t._store.version}; expected version ${expected} instead. ` +
      'Hint: the operation that failed to compute its gradient was modified in place after it was saved; use an out-of-place op or .clone() it first.',
  );
}
