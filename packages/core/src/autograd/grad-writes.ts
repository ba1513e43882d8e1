import type { TensorStorage } from '../storage.js';
import { keep } from '../memory/scope.js';
import type { Tensor } from '../tensor.js';
import type { AccumulateGrad } from './node.js';
import type { OwnedGrads } from './owned-grads.js';

/**
 * The writes a backward run makes to user-visible gradients (leaves' `.grad`, retained
 * gradients), held until every node has run, so that an error midway (a freed graph, an
 * in-place modification) leaves every `.grad` as it was.
 *
 * Copy-on-share: a gradient that reached a single place can become a `.grad` as it is; one that
 * also reached another (a second input, a retained `.grad`, or the caller, who holds the root
 * gradient and what a hook returns) is copied first, so that in-place work on one `.grad` cannot
 * reach another. PyTorch decides the same by reference counts. Here each arrival appends the
 * gradient's storage to a list, and only the few storages that reach a `.grad` are counted, at
 * the end: an append per delivery is much cheaper than keeping counts for all of them in a Map.
 */
export class GradWrites {
  private readonly uses: TensorStorage[] = [];
  private readonly leaves: [AccumulateGrad, Tensor][] = [];
  private readonly retained: [Tensor, Tensor][] = [];

  /** `g` reached a place in the graph (a node's input). */
  reached(g: Tensor): void {
    this.uses.push(g._store);
  }

  /** `g` came from outside the run (the caller's root gradient, a hook's result): it is shared already. */
  fromOutside(g: Tensor): void {
    this.uses.push(g._store, g._store);
  }

  /** `g` is to accumulate into the `.grad` of the leaf behind `node`. */
  leaf(node: AccumulateGrad, g: Tensor): void {
    this.leaves.push([node, g]);
  }

  /** `g` is to accumulate into the `.grad` of `t`, a non-leaf that retains its gradient. */
  retain(t: Tensor, g: Tensor): void {
    this.uses.push(g._store);
    this.retained.push([t, g]);
  }

  /**
   * Writes the retained gradients, then the leaves' `.grad` (with grad mode set to `createGraph`:
   * without it, nothing here records a graph); a leaf's gradient is the run's to release then.
   */
  commit(createGraph: boolean, owned: OwnedGrads | null): void {
    if (this.retained.length === 0 && this.leaves.length === 0) return;
    // How many places each storage that reaches a `.grad` reached.
    const counts = new Map<TensorStorage, number>();
    for (const [, g] of this.retained) counts.set(g._store, 0);
    for (const [, g] of this.leaves) counts.set(g._store, 0);
    const uses = this.uses;
    for (let i = 0; i < uses.length; i++) {
      const n = counts.get(uses[i]!);
      if (n !== undefined) counts.set(uses[i]!, n + 1);
    }
    const shared = (g: Tensor): boolean => counts.get(g._store)! > 1;
    for (const [tensor, g] of this.retained) accumulate(tensor, g, createGraph, shared(g));
    for (const [node, g] of this.leaves) {
      accumulate(node.variable, g, createGraph, shared(g));
      owned?.release(g);
      if (node.postAccumulateHooks !== null) for (const hook of [...node.postAccumulateHooks]) hook(node.variable);
    }
  }
}

/**
 * `.grad += grads[i]` for each of `tensors` whose gradient is not null (backward's `inputs`).
 * The gradients were handed out of a run, so each is treated as shared: copied before it becomes
 * a `.grad`.
 */
export function accumulateGrads(
  tensors: readonly Tensor[],
  grads: readonly (Tensor | null)[],
  createGraph: boolean,
): void {
  const writes = new GradWrites();
  tensors.forEach((t, i) => {
    const g = grads[i];
    if (g === null || g === undefined) return;
    writes.fromOutside(g);
    const node = t._edgeNode();
    if (t.isLeaf) writes.leaf(node as AccumulateGrad, g);
    else writes.retain(t, g);
  });
  writes.commit(createGraph, null);
}

/**
 * `.grad += g`, out of place, so that a `.grad` a caller holds never changes under them. A
 * first gradient that is shared is copied (see {@link GradWrites}).
 */
function accumulate(tensor: Tensor, g: Tensor, createGraph: boolean, shared: boolean): void {
  const incoming = g.dtype === tensor.dtype ? g : g.to(tensor.dtype);
  const current = tensor._grad;
  if (createGraph) {
    tensor._grad = keep(current === null ? incoming : current.add(incoming));
    return;
  }
  let next: Tensor;
  if (current === null) {
    // A gradient that is a strided or broadcast view (sum's backward expands) is made dense too.
    const dense = incoming.isContiguous() && incoming.offset === 0 && incoming._store.size === incoming.numel();
    next = shared || !dense ? incoming.clone() : incoming.detach();
  } else next = current.add(incoming);
  if (incoming !== g) incoming.dispose(); // a cast made here; `next` holds its storage if it needs it
  tensor._grad = keep(next);
}
