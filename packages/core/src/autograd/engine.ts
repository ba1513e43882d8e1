import type { TensorStorage } from '../storage.js';
import { closeScope, isKept, keep, openScope, track } from '../memory/scope.js';
import type { Tensor } from '../tensor.js';
import { formatShape, shapesEqual } from '../shape.js';
import { isAnomalyEnabled, isGradEnabled, setGradEnabled } from './grad-mode.js';
import type { Edge, Node } from './node.js';
import { AccumulateGrad } from './node.js';
import { OwnedGrads } from './owned-grads.js';
import { ReadyQueue } from './ready-queue.js';

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
  return new GraphTask(opts).run(roots, rootGrads);
}

/** A node's per-run fields as an outer run left them, while a run nested in it borrows the node. */
interface Displaced {
  node: Node;
  run: object | null;
  pending: number;
  grads: (Tensor | null)[] | null;
}

/**
 * One backward run. Per-node state (pending consumers, gradients delivered so far) lives on the
 * nodes themselves (`_run`, `_pending`, `_grads`) for speed, and is reset when the run ends. A
 * run started from inside another (a hook calling `backward`) saves the outer run's fields of
 * the nodes it shares and puts them back when it ends.
 */
class GraphTask {
  private readonly retainGraph: boolean;
  private readonly createGraph: boolean;
  private readonly captures: readonly Edge[] | undefined;
  private readonly captured: (Tensor | null)[];
  /** Every node this run reached, in discovery order: their per-run fields are reset at the end. */
  private readonly visited: Node[] = [];
  private readonly displaced: Displaced[] = [];
  private readonly ready = new ReadyQueue();
  /**
   * The storage of every gradient, each time it reached a place (a node's input, a retained
   * `.grad`; twice for the caller's own tensors, which count as shared). A gradient that reached
   * a single leaf can become its `.grad` as it is; one that is shared is copied first. Only
   * the few storages that reach a `.grad` are counted, at the end (see writeGrads): a list
   * append per delivery is much cheaper than keeping counts for all of them in a Map.
   */
  private readonly uses: TensorStorage[] = [];
  /** The gradients this run made and may dispose; null when recording a graph (createGraph). */
  private readonly owned: OwnedGrads | null;
  /** The tensors a node's apply makes, collected to free its temporaries. */
  private readonly made = new TensorList();
  // Writes to user-visible `.grad`s, done only once every node has run.
  private readonly leafUpdates: [AccumulateGrad, Tensor][] = [];
  private readonly retainedUpdates: [Tensor, Tensor][] = [];

  constructor(opts: EngineOptions) {
    this.retainGraph = opts.retainGraph;
    this.createGraph = opts.createGraph;
    this.captures = opts.captures;
    this.captured = opts.captures === undefined ? [] : opts.captures.map(() => null);
    this.owned = opts.createGraph ? null : new OwnedGrads();
  }

  run(roots: readonly Edge[], rootGrads: readonly Tensor[]): (Tensor | null)[] {
    const previousMode = isGradEnabled();
    try {
      this.countDependencies(roots);
      const starts: Node[] = [];
      roots.forEach(([node, nr], i) => {
        if (node === null) return;
        const store = rootGrads[i]!._store;
        this.uses.push(store, store);
        this.deliver(node, nr, rootGrads[i]!);
        if (node._pending === 0 && !starts.includes(node)) starts.push(node);
      });
      for (const node of starts) this.ready.push(node);

      setGradEnabled(this.createGraph);
      while (this.ready.size > 0) {
        const node = this.ready.pop();
        try {
          this.runNode(node);
        } finally {
          // Saved values are freed as soon as their node ran, as PyTorch does.
          if (!this.retainGraph) node.release();
        }
      }
      this.writeGrads();
      return this.captured;
    } finally {
      setGradEnabled(previousMode);
      this.finish();
    }
  }

  /** For each node reachable from the roots, how many edges lead into it; checks every node can run. */
  private countDependencies(roots: readonly Edge[]): void {
    const stack: Node[] = [];
    for (const [node] of roots) if (node !== null && this.claim(node)) stack.push(node);
    while (stack.length > 0) {
      const node = stack.pop()!;
      node.checkRunnable();
      const nextNodes = node.nextNodes;
      for (let i = 0; i < nextNodes.length; i++) {
        const next = nextNodes[i];
        if (next === null || next === undefined) continue;
        if (this.claim(next)) stack.push(next);
        next._pending++;
      }
    }
  }

  /** Marks a node as reached by this run; false if it already was. */
  private claim(node: Node): boolean {
    if (node._run === this) return false;
    if (node._run !== null) this.displaced.push({ node, run: node._run, pending: node._pending, grads: node._grads });
    node._run = this;
    node._pending = 0;
    node._grads = null;
    this.visited.push(node);
    return true;
  }

  /** Resets the per-run fields of every node reached, giving an outer run back its own. */
  private finish(): void {
    const visited = this.visited;
    for (let i = 0; i < visited.length; i++) {
      const node = visited[i]!;
      node._run = null;
      node._pending = 0;
      node._grads = null;
    }
    for (let i = this.displaced.length - 1; i >= 0; i--) {
      const { node, run, pending, grads } = this.displaced[i]!;
      node._run = run;
      node._pending = pending;
      node._grads = grads;
    }
  }

  private runNode(node: Node): void {
    const grads = node._grads ?? [];
    node._grads = null;
    if (node.hooks !== null) this.runHooks(node, grads);
    const captures = this.captures;
    if (captures !== undefined) {
      for (let c = 0; c < captures.length; c++) {
        const [cn, nr] = captures[c]!;
        if (cn !== node) continue;
        const g = grads[nr] ?? null;
        if (g !== null) this.owned?.disown(g);
        this.captured[c] = g;
      }
    }
    if (node instanceof AccumulateGrad) {
      const g = grads[0];
      // `grad()` changes no `.grad`; otherwise the leaf's slot stays held until writeGrads.
      if (g === null || g === undefined) return;
      if (captures === undefined) this.leafUpdates.push([node, g]);
      else this.owned?.release(g);
      return;
    }
    if (node.retained !== null && captures === undefined) {
      for (const [nr, t] of node.retained) {
        const g = grads[nr];
        if (g === null || g === undefined) continue;
        this.uses.push(g._store);
        this.owned?.disown(g);
        this.retainedUpdates.push([t, g]);
      }
    }
    const inputGrads = this.apply(node, grads);
    const nextNodes = node.nextNodes;
    const nextNrs = node.nextNrs;
    for (let i = 0; i < nextNodes.length; i++) {
      const next = nextNodes[i];
      if (next === null || next === undefined) continue;
      const g = inputGrads[i];
      if (g !== null && g !== undefined) this.deliver(next, nextNrs === null ? 0 : nextNrs[i]!, g);
      if (--next._pending === 0) this.ready.push(next);
    }
    const owned = this.owned;
    if (owned !== null) {
      // What this node consumed, and results it made for inputs that take no gradient.
      for (let i = 0; i < grads.length; i++) {
        const g = grads[i];
        if (g !== null && g !== undefined) owned.release(g);
      }
      for (let i = 0; i < inputGrads.length; i++) {
        const g = inputGrads[i];
        if (g !== null && g !== undefined) owned.releaseIfUnheld(g);
      }
    }
  }

  /**
   * Runs a node's backward. When it keeps nothing it makes and no graph is recorded, the
   * tensors it makes are collected: those it returns become the run's to dispose once used,
   * the others (temporaries such as `pow(x, e - 1)` in pow's rule) are disposed at once.
   */
  private apply(node: Node, grads: (Tensor | null)[]): (Tensor | null)[] {
    const owned = this.owned;
    if (owned === null) return applyNode(node, grads);
    if (!node.keepsNothing) {
      // A custom Function's backward may keep the gradients it is given: never dispose those.
      for (const g of grads) if (g !== null && g !== undefined) owned.disown(g);
      return applyNode(node, grads);
    }
    const made = this.made;
    openScope(made);
    let out: (Tensor | null)[];
    try {
      out = applyNode(node, grads);
    } finally {
      closeScope();
    }
    for (let i = 0; i < made.count; i++) {
      const t = made.items[i]!;
      if (isKept(t)) {
        track(t); // a constant made on the way (a cached scalar): never the run's to dispose
        continue;
      }
      if (!out.includes(t)) {
        t.dispose();
        continue;
      }
      owned.adopt(t);
      track(t); // it outlives this node: it belongs to the caller's scope (tidy), if any
    }
    made.clear();
    return out;
  }

  /** Adds `g` to the gradient a node has received for output `nr`. */
  private deliver(node: Node, nr: number, g: Tensor): void {
    this.uses.push(g._store);
    const owned = this.owned;
    const buffer = node._grads;
    if (buffer === null) {
      // Sized to fit: most nodes have one output, and a `[]` grown by one would reserve 17 slots.
      node._grads = nr === 0 ? [g] : sparseBuffer(nr, g);
      owned?.hold(g);
      return;
    }
    const existing = buffer[nr];
    if (existing === null || existing === undefined) {
      buffer[nr] = g;
      owned?.hold(g);
      return;
    }
    const sum = existing.add(g);
    buffer[nr] = sum;
    if (owned !== null) {
      owned.adopt(sum);
      owned.hold(sum);
      owned.release(existing);
    }
  }

  /** Runs the tensor hooks registered on a node's outputs, replacing gradients they return. */
  private runHooks(node: Node, grads: (Tensor | null)[]): void {
    for (const { outputNr, fn } of node.hooks!) {
      const g = grads[outputNr];
      if (g === null || g === undefined) continue;
      this.owned?.disown(g); // the hook may keep it
      const r = fn(g);
      if (r === undefined || r === null) continue;
      if (!shapesEqual(r.shape, g.shape)) {
        throw new Error(`hook: a hook returned a gradient of shape ${formatShape(r.shape)}, expected ${formatShape(g.shape)}`);
      }
      // A tensor a hook returns may be the caller's own: never make it a .grad without a copy.
      this.uses.push(r._store, r._store);
      grads[outputNr] = r;
    }
  }

  /** The user-visible part: retained gradients, then the leaves' `.grad`. */
  private writeGrads(): void {
    if (this.retainedUpdates.length === 0 && this.leafUpdates.length === 0) return;
    // How many places each storage that reaches a `.grad` reached.
    const counts = new Map<TensorStorage, number>();
    for (const [, g] of this.retainedUpdates) counts.set(g._store, 0);
    for (const [, g] of this.leafUpdates) counts.set(g._store, 0);
    const uses = this.uses;
    for (let i = 0; i < uses.length; i++) {
      const n = counts.get(uses[i]!);
      if (n !== undefined) counts.set(uses[i]!, n + 1);
    }
    const shared = (g: Tensor): boolean => counts.get(g._store)! > 1;
    for (const [tensor, g] of this.retainedUpdates) accumulate(tensor, g, this.createGraph, shared(g));
    for (const [node, g] of this.leafUpdates) {
      accumulate(node.variable, g, this.createGraph, shared(g));
      this.owned?.release(g);
    }
  }
}

/**
 * A list emptied without giving its memory back (`items.length = 0` would, and every node's
 * apply would then allocate it again). Entries past `count` are stale and never read.
 */
class TensorList {
  readonly items: Tensor[] = [];
  count = 0;

  push(t: Tensor): void {
    this.items[this.count++] = t;
  }

  clear(): void {
    this.count = 0;
  }
}

/** A gradient buffer holding `g` at output `nr` and null before it. */
function sparseBuffer(nr: number, g: Tensor): (Tensor | null)[] {
  const buffer = new Array<Tensor | null>(nr + 1).fill(null);
  buffer[nr] = g;
  return buffer;
}

function applyNode(node: Node, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  return isAnomalyEnabled() ? applyChecked(node, grads) : node.apply(grads);
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

/**
 * `.grad += g`, out of place, so that a `.grad` a caller holds never changes under them. A
 * first gradient that is shared is copied, so that in-place work on one `.grad` cannot reach
 * another (PyTorch decides the same by reference counts). Runs with grad mode set to
 * `createGraph`: without it, nothing here records a graph.
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
    const dense = incoming.isContiguous() && incoming.offset === 0 && incoming._store.size === incoming.numel;
    next = shared || !dense ? incoming.clone() : incoming.detach();
  } else next = current.add(incoming);
  if (incoming !== g) incoming.dispose(); // a cast made here; `next` holds its storage if it needs it
  tensor._grad = keep(next);
}
