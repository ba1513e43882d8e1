import type { Tensor } from '../tensor.js';
import { formatShape, shapesEqual } from '../shape.js';
import { isGradEnabled, setGradEnabled } from './grad-mode.js';
import { applyNode } from './apply-node.js';
import type { Edge, Node } from './node.js';
import { AccumulateGrad } from './node.js';
import { GradWrites } from './grad-writes.js';
import { OwnedGrads } from './owned-grads.js';
import { ReadyQueue } from './ready-queue.js';
import { readAhead } from '../read.js';
import { NodeHookCalls } from './node-hook-calls.js';
import { DeviceError, ShapeError } from '../errors.js';

export interface EngineOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /**
   * Edges whose incoming gradient is returned instead of accumulated (the functional `grad`):
   * a leaf's AccumulateGrad node, or a non-leaf's gradFn and output number. When given, no
   * `.grad` changes.
   */
  captures?: readonly Edge[];
  /** With `captures`: the captured nodes run too (`backward(inputs=...)`), not only those before them. */
  runCaptured?: boolean;
}

/**
 * Runs the chain rule backwards from `roots` (each a tensor's edge and the gradient flowing
 * into it), in topological order: a node runs once all its consumers have delivered their
 * gradients. Nothing a user sees changes until every node has run, so an error midway (a
 * freed graph, an in-place modification) leaves every `.grad` as it was.
 */
export function runBackward(
  roots: readonly Edge[],
  rootGrads: readonly Tensor[],
  opts: EngineOptions,
): (Tensor | null)[] {
  return new GraphTask(opts).run(roots, rootGrads);
}

/**
 * {@link runBackward} for graphs that copy a gradient off a device whose values are read only
 * asynchronously (a CPU leaf used on WebGPU): each such copy's gradient is read ahead, awaited,
 * before its node runs. Grad mode is the caller's while it waits.
 */
export function runBackwardAsync(
  roots: readonly Edge[],
  rootGrads: readonly Tensor[],
  opts: EngineOptions,
): Promise<(Tensor | null)[]> {
  return new GraphTask(opts, true).runAsync(roots, rootGrads);
}

/** A node's per-run fields as an outer run left them, while a run nested in it borrows the node. */
interface Displaced {
  node: Node;
  run: object | null;
  pending: number;
  grads: (Tensor | null)[] | null;
}

/**
 * One backward run, PyTorch's GraphTask. Its loop is PyTorch's: count each node's consumers
 * (`compute_dependencies`; skipped where the graph's order makes it needless, see
 * {@link GraphTask.ordered}), then take the newest ready node and evaluate it
 * (`evaluate_function`): apply its backward, deliver the results to the nodes of its inputs
 * (`InputBuffer::add`), and release its saved values. What a user can see is written by
 * {@link GradWrites} once every node has run; gradients the run made are disposed as soon as
 * they are used, by {@link OwnedGrads}.
 *
 * Per-node state (pending consumers, gradients delivered so far) lives on the nodes themselves
 * (`_run`, `_pending`, `_grads`) for speed, and is reset when the run ends. A run started from
 * inside another (a hook calling `backward`) saves the outer run's fields of the nodes it shares
 * and puts them back when it ends.
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
  /** The writes to `.grad`s; null for the functional `grad`, which writes none. */
  private readonly writes: GradWrites | null;
  /** The gradients this run made and may dispose; null when recording a graph (createGraph). */
  private readonly owned: OwnedGrads | null;

  /** Whether this run may await (`backwardAsync`): then nodes that read the host may run. */
  private readonly awaits: boolean;
  /**
   * Whether nodes are queued as they are reached, without counting dependencies first. Every
   * node is made after the nodes of its inputs (`Node.sequenceNr`), so a consumer's sequence
   * number is above its inputs': the newest node reached is then one whose consumers that the
   * run reaches have all run (each lies on a path from a root through newer nodes, the newest
   * of which not yet run would be queued and newer). The order is the counted one, and the
   * pass over the whole graph before the first node runs is spared. Not for `grad()`, whose
   * hooks ask which nodes lie before a capture, which needs the whole graph first.
   */
  private readonly ordered: boolean;
  private readonly runCaptured: boolean;
  /** The node hooks' side of the run, made when the first node with such hooks is reached. */
  private nodeHooks: NodeHookCalls | null = null;

  constructor(opts: EngineOptions, awaits = false) {
    this.awaits = awaits;
    this.runCaptured = opts.runCaptured ?? false;
    this.retainGraph = opts.retainGraph;
    this.createGraph = opts.createGraph;
    this.captures = opts.captures;
    this.ordered = opts.captures === undefined;
    this.captured = opts.captures === undefined ? [] : opts.captures.map(() => null);
    this.writes = opts.captures === undefined ? new GradWrites() : null;
    this.owned = opts.createGraph ? null : new OwnedGrads();
  }

  run(roots: readonly Edge[], rootGrads: readonly Tensor[]): (Tensor | null)[] {
    const previousMode = isGradEnabled();
    try {
      this.start(roots, rootGrads);
      setGradEnabled(this.createGraph);
      while (this.ready.size > 0) this.step(this.ready.pop());
      this.writes?.commit(this.createGraph, this.owned);
      return this.captured;
    } finally {
      setGradEnabled(previousMode);
      this.finish();
    }
  }

  /** {@link run}, reading ahead, awaited, the gradients of nodes that copy them off the device. */
  async runAsync(roots: readonly Edge[], rootGrads: readonly Tensor[]): Promise<(Tensor | null)[]> {
    const previousMode = isGradEnabled();
    try {
      this.start(roots, rootGrads);
      while (this.ready.size > 0) {
        const node = this.ready.pop();
        if (node.readsHost && node._grads !== null) {
          await Promise.all(node._grads.flatMap((g) => (g === null ? [] : [readAhead(g)])));
        }
        setGradEnabled(this.createGraph);
        try {
          this.step(node);
        } finally {
          setGradEnabled(previousMode);
        }
      }
      this.writes?.commit(this.createGraph, this.owned);
      return this.captured;
    } finally {
      setGradEnabled(previousMode);
      this.finish();
    }
  }

  /** Counts dependencies (unless {@link ordered}) and delivers the roots' gradients, queueing the nodes they make ready. */
  private start(roots: readonly Edge[], rootGrads: readonly Tensor[]): void {
    const ordered = this.ordered;
    if (!ordered) this.computeDependencies(roots);
    const starts: Node[] = [];
    roots.forEach(([node, nr], i) => {
      if (node === null) return;
      if (ordered && this.claim(node)) starts.push(node);
      this.writes?.fromOutside(rootGrads[i]!);
      this.deliver(node, nr, rootGrads[i]!);
      if (!ordered && node._pending === 0 && !starts.includes(node)) starts.push(node);
    });
    for (const node of starts) this.ready.push(node);
  }

  /** Evaluates one ready node. */
  private step(node: Node): void {
    // Counted runs checked every node before the first ran; here, before the node is released.
    if (this.ordered) this.check(node);
    try {
      this.evaluate(node);
    } finally {
      // Saved values are freed as soon as their node ran, as PyTorch does.
      if (!this.retainGraph) node.release();
    }
  }

  /** For each node reachable from the roots, how many edges lead into it; checks every node can run. */
  private computeDependencies(roots: readonly Edge[]): void {
    const stack: Node[] = [];
    for (const [node] of roots) if (node !== null && this.claim(node)) stack.push(node);
    while (stack.length > 0) {
      const node = stack.pop()!;
      this.check(node);
      const nextNodes = node.nextNodes;
      for (let i = 0; i < nextNodes.length; i++) {
        const next = nextNodes[i];
        if (next === null || next === undefined) continue;
        if (this.claim(next)) stack.push(next);
        next._pending++;
      }
    }
  }

  /** Throws when `node` cannot run in this run: its saved values were freed or written in place, or it must await. */
  private check(node: Node): void {
    node.checkRunnable();
    if (node.readsHost && !this.awaits) throw readsHostError(node);
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

  /**
   * PyTorch's `evaluate_function`: a ready node's gradients go through its hooks, to the
   * captures of `grad()`, into a leaf's or a retained `.grad`; the node's backward turns them
   * into its inputs' gradients, which are delivered to the nodes of those inputs.
   */
  private evaluate(node: Node): void {
    const grads = node._grads ?? [];
    node._grads = null;
    if (node.hooks !== null) this.runHooks(node, grads);
    if (this.captures !== undefined) this.capture(node, grads);
    if (node.retained !== null) this.retain(node, grads);
    const hooks = node._nodeHooks === null ? null : (this.nodeHooks ??= this.hookCalls());
    const hooked = hooks !== null && hooks.runs(node);
    if (hooked) hooks.before(node, grads);
    if (node instanceof AccumulateGrad) {
      this.accumulate(node, grads[0]);
      if (hooked) hooks.after(node, [], grads);
      return;
    }
    let inputGrads = this.apply(node, grads);
    if (hooked) inputGrads = hooks.after(node, inputGrads, grads);
    this.deliverAll(node, inputGrads);
    this.owned?.ran(grads, inputGrads);
  }

  private hookCalls(): NodeHookCalls {
    return new NodeHookCalls(this.visited, this.captures, this.runCaptured, this.owned, this.writes);
  }

  /** A leaf's gradient: its `.grad` is written once every node has run (never, for `grad()`). */
  private accumulate(node: AccumulateGrad, g: Tensor | null | undefined): void {
    if (g === null || g === undefined) return;
    const writes = this.writes;
    // The leaf's slot stays held until the writes; `grad()` is done with it.
    if (writes !== null) writes.leaf(node, g);
    else this.owned?.release(g);
  }

  /** The gradients of outputs that retain theirs (`retainGrad()`), written with the leaves'. */
  private retain(node: Node, grads: readonly (Tensor | null)[]): void {
    const writes = this.writes;
    if (writes === null) return;
    for (const [nr, t] of node.retained!) {
      const g = grads[nr];
      if (g === null || g === undefined) continue;
      this.owned?.disown(g);
      writes.retain(t, g);
    }
  }

  /**
   * Each input's gradient to the node it goes to; a node that has them all is ready (counted
   * runs), or a node is queued when first reached ({@link ordered} runs).
   */
  private deliverAll(node: Node, inputGrads: readonly (Tensor | null)[]): void {
    const nextNodes = node.nextNodes;
    const nextNrs = node.nextNrs;
    const ordered = this.ordered;
    for (let i = 0; i < nextNodes.length; i++) {
      const next = nextNodes[i];
      if (next === null || next === undefined) continue;
      // Claimed before the delivery: claiming clears what the node received.
      if (ordered && this.claim(next)) this.ready.push(next);
      const g = inputGrads[i];
      if (g !== null && g !== undefined) this.deliver(next, nextNrs === null ? 0 : nextNrs[i]!, g);
      if (!ordered && --next._pending === 0) this.ready.push(next);
    }
  }

  /** The gradients a node receives on the edges `grad()` asked for are its results. */
  private capture(node: Node, grads: readonly (Tensor | null)[]): void {
    const captures = this.captures!;
    for (let c = 0; c < captures.length; c++) {
      const [cn, nr] = captures[c]!;
      if (cn !== node) continue;
      const g = grads[nr] ?? null;
      if (g !== null) this.owned?.disown(g);
      this.captured[c] = g;
    }
  }

  /**
   * Runs a node's backward. When it keeps nothing it makes and no graph is recorded, the
   * tensors it makes are collected (see {@link OwnedGrads.collect}).
   */
  private apply(node: Node, grads: (Tensor | null)[]): (Tensor | null)[] {
    const owned = this.owned;
    if (owned === null) return applyNode(node, grads);
    if (!node.keepsNothing) {
      // A custom Function's backward may keep the gradients it is given: never dispose those.
      for (const g of grads) if (g !== null && g !== undefined) owned.disown(g);
      return applyNode(node, grads);
    }
    return owned.collect(applyNode, node, grads);
  }

  /** Adds `g` to the gradient a node has received for output `nr` (PyTorch's `InputBuffer::add`). */
  private deliver(node: Node, nr: number, g: Tensor): void {
    this.writes?.reached(g);
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
        throw new ShapeError(
          `hook: a hook returned a gradient of shape ${formatShape(r.shape)}, expected ${formatShape(g.shape)}`,
        );
      }
      // A tensor a hook returns may be the caller's own: never make it a .grad without a copy.
      this.writes?.fromOutside(r);
      grads[outputNr] = r;
    }
  }
}

/** Why a synchronous backward cannot copy a gradient off a device that reads only asynchronously. */
function readsHostError(node: Node): Error {
  return new DeviceError(
    `backward: ${node.name} copies a gradient back from a device whose values are read only asynchronously ` +
      '(a tensor moved there with `to`); run the backward awaited: `await loss.backwardAsync()` ' +
      '(`grad()` has no awaited form: take the gradient with respect to the copy on that device, then `await g.cpu()`)',
  );
}

/** A gradient buffer holding `g` at output `nr` and null before it. */
function sparseBuffer(nr: number, g: Tensor): (Tensor | null)[] {
  const buffer = new Array<Tensor | null>(nr + 1).fill(null);
  buffer[nr] = g;
  return buffer;
}
