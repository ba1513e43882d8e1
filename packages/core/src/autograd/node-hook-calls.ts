import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { GradWrites } from './grad-writes.js';
import type { Edge, Node } from './node.js';
import type { OwnedGrads } from './owned-grads.js';
import { ArgumentError, ShapeError, ValueError } from '../errors.js';

/**
 * Calling the hooks registered on nodes themselves (`node.registerPrehook`, `node.registerHook`)
 * during a backward run, as PyTorch's engine does in `call_function`: pre-hooks after the tensor
 * hooks, post hooks once the node ran. Kept out of engine.ts: a run in which no node has such
 * a hook never comes here.
 */

/** The node hooks of one backward run: which nodes run them, and what the run owes what they see. */
export class NodeHookCalls {
  /** With `captures`: the nodes that run (see {@link neededNodes}), computed once. */
  private needed: Set<Node> | null = null;

  constructor(
    /** Every node the run reached. */
    private readonly reached: readonly Node[],
    private readonly captures: readonly Edge[] | undefined,
    /** `backward(inputs=...)`: the captured nodes run too (PyTorch's `accumulate_grad`). */
    private readonly runCaptured: boolean,
    owned: OwnedGrads | null,
    writes: GradWrites | null,
  ) {
    // A hook may keep what it saw: never dispose it. What it returns may be the caller's own:
    // never make it a `.grad` without a copy.
    this.seen = { saw: (g) => owned?.disown(g), returned: (g) => writes?.fromOutside(g) };
  }

  private readonly seen: HookSeen;

  /** Whether `node` runs, and its hooks with it, as in PyTorch's engine. */
  runs(node: Node): boolean {
    const captures = this.captures;
    if (captures === undefined) return true;
    this.needed ??= neededNodes(this.reached, captures);
    return this.needed.has(node) || (this.runCaptured && captures.some(([n]) => n === node));
  }

  /** The pre-hooks, replacing `grads` (the gradients of the node's outputs) in place. */
  before(node: Node, grads: (Tensor | null)[]): void {
    callPreHooks(node, grads, node._outputCount, this.seen);
  }

  /** The post hooks; returns the gradients to deliver. */
  after(node: Node, gradInputs: (Tensor | null)[], gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[] {
    return callPostHooks(node, gradInputs, gradOutputs, this.seen);
  }
}

/** What the run owes what a hook saw (it may keep it) and returned (it may be the caller's). */
interface HookSeen {
  saw(g: Tensor): void;
  returned(g: Tensor): void;
}

/** Runs `node`'s pre-hooks on the gradients of its outputs, replacing `grads` in place. */
function callPreHooks(node: Node, grads: (Tensor | null)[], count: number, seen: HookSeen): void {
  const hooks = node._nodeHooks!.pre;
  if (hooks.length === 0) return;
  while (grads.length < count) grads.push(null);
  for (let i = 0; i < grads.length; i++) {
    if (grads[i] === undefined) grads[i] = null;
  }
  // A hook removing itself while it runs must not make the next one be skipped.
  for (const fn of [...hooks]) {
    for (const g of grads) if (g !== null) seen.saw(g);
    const r = fn(grads.slice());
    if (r === undefined || r === null) continue;
    const checked = checkReplacement(node, 'registerPrehook', 'gradOutputs', r, grads, seen);
    for (let i = 0; i < grads.length; i++) grads[i] = checked[i]!;
  }
}

/**
 * Runs `node`'s post hooks with the gradients it computed for its inputs and those of its
 * outputs; returns the gradients to deliver (the last replacement, or `gradInputs`).
 */
function callPostHooks(
  node: Node,
  gradInputs: (Tensor | null)[],
  gradOutputs: readonly (Tensor | null)[],
  seen: HookSeen,
): (Tensor | null)[] {
  const hooks = node._nodeHooks!.post;
  let current = gradInputs.map((g) => g ?? null);
  const outputs = gradOutputs.map((g) => g ?? null);
  for (const fn of [...hooks]) {
    for (const g of current) if (g !== null) seen.saw(g);
    for (const g of outputs) if (g !== null) seen.saw(g);
    const r = fn(current.slice(), outputs.slice());
    if (r === undefined || r === null) continue;
    current = checkReplacement(node, 'registerHook', 'gradInputs', r, current, seen);
  }
  return current;
}

/** A hook's list, checked against the one it replaces: same length, tensors of the same shapes. */
function checkReplacement(
  node: Node,
  method: string,
  what: string,
  r: unknown,
  was: readonly (Tensor | null)[],
  seen: HookSeen,
): (Tensor | null)[] {
  const where = `${node.name}.${method}`;
  if (!Array.isArray(r)) {
    throw new ArgumentError(
      `${where}: a hook returned ${describe(r)}; expected an array of ${was.length} gradients (${what})`,
    );
  }
  if (r.length !== was.length) {
    throw new ValueError(
      `${where}: hook has returned an incorrect number of values (got ${r.length}, but expected ${was.length}) for ${what}`,
    );
  }
  return r.map((g: unknown, i) => {
    if (g === null || g === undefined) return null;
    if (!isTensor(g))
      throw new ArgumentError(
        `${where}: ${what}[${i}] returned by a hook is ${describe(g)}; expected a Tensor or null`,
      );
    const old = was[i];
    if (old !== null && old !== undefined && !shapesEqual(g.shape, old.shape)) {
      throw new ShapeError(
        `${where}: a hook returned a gradient of shape ${formatShape(g.shape)} for ${what}[${i}], expected ${formatShape(old.shape)}`,
      );
    }
    seen.returned(g);
    return g;
  });
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  return isTensor(x) ? `a Tensor of shape ${formatShape(x.shape)}` : `a ${typeof x}`;
}

/**
 * PyTorch's `exec_info_[fn].needed_` for `grad()`: the nodes with a captured edge strictly
 * beyond them. Only they run in PyTorch (a captured node whose gradient is all that is asked
 * for does not), so only their node hooks run. Iterative: a 10,000-op chain would overflow
 * a recursive walk.
 */
function neededNodes(starts: readonly Node[], captures: readonly Edge[]): Set<Node> {
  const captured = new Set<Node>();
  for (const [node] of captures) if (node !== null) captured.add(node);
  const needed = new Set<Node>();
  const seen = new Set<Node>();
  const stack: [Node, number][] = [];
  for (const node of starts) {
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push([node, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [n, i] = top;
      if (i < n.nextNodes.length) {
        top[1]++;
        const next = n.nextNodes[i];
        if (next !== null && next !== undefined && !seen.has(next)) {
          seen.add(next);
          stack.push([next, 0]);
        }
        continue;
      }
      stack.pop();
      for (const next of n.nextNodes) {
        if (next !== null && (captured.has(next) || needed.has(next))) {
          needed.add(n);
          break;
        }
      }
    }
  }
  return needed;
}
