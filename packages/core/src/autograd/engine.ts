import type { TensorStorage } from '../storage.js';
import { keep } from '../memory/scope.js';
import type { Tensor } from '../tensor.js';
import { formatShape, shapesEqual } from '../shape.js';
import { isAnomalyEnabled, isGradEnabled, setGradEnabled } from './grad-mode.js';
import type { Edge, Node } from './node.js';
import { AccumulateGrad } from './node.js';

export interface EngineOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /**
   * Edges whose incoming gradient is returned instead of accumulated (the functional `grad`):
   * a leaf's AccumulateGrad node, or a non-leaf's gradFn and output number. When given, no
   * `.grad` changes.
   */
  captures?: readonly Edge[];
}

/**
 * Runs the chain rule backwards from `roots` (each a tensor's edge and the gradient flowing
 * into it), in topological order: a node runs once all its consumers have delivered their
 * gradients. Nothing a user sees changes until every node has run, so an error midway (a
 * freed graph, an in-place modification) leaves every `.grad` as it was.
 */
export function runBackward(roots: readonly Edge[], rootGrads: readonly Tensor[], opts: EngineOptions): (Tensor | null)[] {
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

  const captures = opts.captures;
  const captured: (Tensor | null)[] = captures === undefined ? [] : captures.map(() => null);
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
      if (node.hooks !== null) runHooks(node, grads, uses);
      if (captures !== undefined) {
        for (let c = 0; c < captures.length; c++) {
          const [cn, nr] = captures[c]!;
          if (cn === node) captured[c] = grads[nr] ?? null;
        }
        if (node instanceof AccumulateGrad) continue;
      }
      if (node instanceof AccumulateGrad) {
        const g = grads[0];
        if (g !== null && g !== undefined) leafUpdates.push([node, g]);
        continue;
      }
      if (node.retained !== null && captures === undefined) {
        for (const [nr, t] of node.retained) {
          const g = grads[nr];
          if (g !== null && g !== undefined) {
            uses.set(g._store, (uses.get(g._store) ?? 0) + 1);
            retainedUpdates.push([t, g]);
          }
        }
      }
      const inputGrads = isAnomalyEnabled() ? applyChecked(node, grads) : node.apply(grads);
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
  return captured;
}

/** Runs the tensor hooks registered on a node's outputs, replacing gradients they return. */
function runHooks(node: Node, grads: (Tensor | null)[], uses: Map<TensorStorage, number>): void {
  for (const { outputNr, fn } of node.hooks!) {
    const g = grads[outputNr];
    if (g === null || g === undefined) continue;
    const r = fn(g);
    if (r === undefined || r === null) continue;
    if (!shapesEqual(r.shape, g.shape)) {
      throw new Error(`hook: a hook returned a gradient of shape ${formatShape(r.shape)}, expected ${formatShape(g.shape)}`);
    }
    // A tensor a hook returns may be the caller's own: never make it a .grad without a copy.
    uses.set(r._store, 2);
    grads[outputNr] = r;
  }
}

let warnedAsyncAnomaly = false;

/**
 * Anomaly mode: runs a node, naming it and its forward call site in any error, and throws
 * when it returns NaN or Inf. Values are read synchronously where the backend keeps them in
 * host memory (CPU); on async-only devices the value check is skipped with a warning.
 */
function applyChecked(node: Node, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  const where = node.traceback === null ? '' : `\nTraceback of forward call that caused the error:\n${node.traceback}`;
  let out: (Tensor | null)[];
  try {
    out = node.apply(grads);
  } catch (e) {
    if (e instanceof Error && where !== '') e.message += where;
    throw e;
  }
  for (let i = 0; i < out.length; i++) {
    const g = out[i];
    if (g === null || g === undefined || !g.isFloatingPoint()) continue;
    if (g.backend.readSync === undefined) {
      if (!warnedAsyncAnomaly) {
        warnedAsyncAnomaly = true;
        console.warn(`anomaly mode: device '${g.device}' has no synchronous read; NaN/Inf checks in backward are skipped there`);
      }
      continue;
    }
    const values = g.toTypedArraySync();
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      if (Number.isFinite(v)) continue;
      const kind = Number.isNaN(v) ? 'nan' : 'inf';
      throw new Error(`Function ${node.name} returned ${kind} values in its ${i}th output.${where}`);
    }
  }
  return out;
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
    tensor._grad = keep(createGraph ? incoming : shared || !dense ? incoming.detach().clone() : incoming.detach());
  }
  else tensor._grad = keep(createGraph ? current.add(incoming) : current.detach().add(incoming.detach()));
}
