import type { TensorStorage } from '../storage.js';
import type { Tensor } from '../tensor.js';
import { isGradEnabled, setGradEnabled } from './grad-mode.js';
import type { Edge, Node } from './node.js';
import { AccumulateGrad } from './node.js';

export interface EngineOptions {
  retainGraph: boolean;
  createGraph: boolean;
}

/**
 * Runs the chain rule backwards from `roots` (each a tensor's edge and the gradient flowing
 * into it), in topological order: a node runs once all its consumers have delivered their
 * gradients. Nothing a user sees changes until every node has run, so an error midway (a
 * freed graph, an in-place modification) leaves every `.grad` as it was.
 */
export function runBackward(roots: readonly Edge[], rootGrads: readonly Tensor[], opts: EngineOptions): void {
  const dependencies = countDependencies(roots);
  const buffers = new Map<Node, (Tensor | null)[]>();
  // How many places each gradient's storage reached: one that reached a single leaf can become
  // its `.grad` as it is; one that is shared (or the caller's own argument) is copied first.
  const uses = new Map<TensorStorage, number>();
  const deliver = (node: Node, nr: number, g: Tensor): void => {
    uses.set(g._store, (uses.get(g._store) ?? 0) + 1);
    addToBuffer(buffers, node, nr, g);
  };
  const ready: Node[] = [];
  roots.forEach(([node, nr], i) => {
    if (node === null) return;
    uses.set(rootGrads[i]!._store, 2);
    deliver(node, nr, rootGrads[i]!);
    if (!ready.includes(node) && (dependencies.get(node) ?? 0) === 0) ready.push(node);
  });

  const leafUpdates: [AccumulateGrad, Tensor][] = [];
  const retainedUpdates: [Tensor, Tensor][] = [];
  const executed: Node[] = [];
  const previousMode = isGradEnabled();
  setGradEnabled(opts.createGraph);
  try {
    while (ready.length > 0) {
      const node = popLatest(ready);
      const grads = buffers.get(node) ?? [];
      buffers.delete(node);
      executed.push(node);
      if (node instanceof AccumulateGrad) {
        const g = grads[0];
        if (g !== null && g !== undefined) leafUpdates.push([node, g]);
        continue;
      }
      if (node.retained !== null) {
        for (const [nr, t] of node.retained) {
          const g = grads[nr];
          if (g !== null && g !== undefined) {
            uses.set(g._store, (uses.get(g._store) ?? 0) + 1);
            retainedUpdates.push([t, g]);
          }
        }
      }
      const inputGrads = node.apply(grads);
      node.nextFunctions.forEach(([next, nr], i) => {
        if (next === null) return;
        const g = inputGrads[i];
        if (g !== null && g !== undefined) deliver(next, nr, g);
        const left = dependencies.get(next)! - 1;
        dependencies.set(next, left);
        if (left === 0) ready.push(next);
      });
    }
    const shared = (g: Tensor): boolean => (uses.get(g._store) ?? 0) > 1;
    for (const [tensor, g] of retainedUpdates) accumulate(tensor, g, opts.createGraph, shared(g));
    for (const [node, g] of leafUpdates) accumulate(node.variable, g, opts.createGraph, shared(g));
  } finally {
    setGradEnabled(previousMode);
    if (!opts.retainGraph) for (const node of executed) node.release();
  }
}

/** For each node reachable from the roots, how many edges lead into it; checks every node can run. */
function countDependencies(roots: readonly Edge[]): Map<Node, number> {
  const dependencies = new Map<Node, number>();
  const seen = new Set<Node>();
  const stack: Node[] = [];
  for (const [node] of roots) {
    if (node !== null && !seen.has(node)) {
      seen.add(node);
      stack.push(node);
    }
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.checkRunnable();
    for (const [next] of node.nextFunctions) {
      if (next === null) continue;
      dependencies.set(next, (dependencies.get(next) ?? 0) + 1);
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return dependencies;
}

function addToBuffer(buffers: Map<Node, (Tensor | null)[]>, node: Node, nr: number, g: Tensor): void {
  let buffer = buffers.get(node);
  if (buffer === undefined) {
    buffer = [];
    buffers.set(node, buffer);
  }
  const existing = buffer[nr];
  buffer[nr] = existing === null || existing === undefined ? g : existing.add(g);
}

/** Takes the ready node created last: PyTorch's order, which keeps memory low on chains. */
function popLatest(ready: Node[]): Node {
  let best = 0;
  for (let i = 1; i < ready.length; i++) if (ready[i]!.sequenceNr > ready[best]!.sequenceNr) best = i;
  const node = ready[best]!;
  ready[best] = ready[ready.length - 1]!;
  ready.pop();
  return node;
}

/**
 * `.grad += g`, out of place, so that a `.grad` a caller holds never changes under them. A
 * first gradient that is shared is copied, so that in-place work on one `.grad` cannot reach
 * another (PyTorch decides the same by reference counts).
 */
function accumulate(tensor: Tensor, g: Tensor, createGraph: boolean, shared: boolean): void {
  const incoming = g.dtype === tensor.dtype ? g : g.to(tensor.dtype);
  const current = tensor._grad;
  if (current === null) {
    // A gradient that is a strided or broadcast view (sum's backward expands) is made dense too.
    const dense = incoming.isContiguous() && incoming.offset === 0 && incoming._store.size === incoming.numel;
    tensor._grad = createGraph ? incoming : shared || !dense ? incoming.detach().clone() : incoming.detach();
  }
  else tensor._grad = createGraph ? current.add(incoming) : current.detach().add(incoming.detach());
}
