import { closeScope, isKept, openScope, track } from '../memory/scope.js';
import type { Tensor } from '../tensor.js';
import type { Node } from './node.js';

/**
 * Early disposal: the gradients a backward run made itself (a node's result, a sum of two
 * gradients), each with the number of buffer slots that hold it. When the last slot is
 * consumed, nothing can reach the tensor any more and it is disposed: its device memory is freed
 * at once instead of at the next garbage collection (a 10k-op chain on WebGPU would otherwise
 * hold 10k dead buffers).
 *
 * Only what the engine provably owns is entered. Tensors from outside (the caller's gradient, a
 * custom Function's results) never are, and a tensor that becomes visible to anyone (a `.grad`,
 * a retained or captured gradient, what a hook saw) is dropped from the table: the garbage
 * collector takes care of those. Disposing releases one hold on the storage, so a view still
 * holding the same storage keeps it alive.
 */
export class OwnedGrads {
  // The table is kept on the tensors themselves (`_owner`, `_slots`): a Map keyed by tensor
  // would be hashed several times per node, and a chain runs 10,000 nodes.
  /** The tensors a node's backward makes, collected by {@link collect}. */
  private readonly made = new TensorList();

  /** `t` was made by the engine; nothing holds it yet. */
  adopt(t: Tensor): void {
    if (t._owner === this) return;
    t._owner = this;
    t._slots = 0;
  }

  /** One more slot holds `t` (if it is ours). */
  hold(t: Tensor): void {
    if (t._owner === this) t._slots++;
  }

  /** A slot that held `t` was consumed: dispose `t` if it was the last. */
  release(t: Tensor): void {
    if (t._owner !== this) return;
    if (t._slots > 1) t._slots--;
    else this.drop(t);
  }

  /** `t` is visible outside the engine now: never dispose it. */
  disown(t: Tensor): void {
    if (t._owner === this) t._owner = null;
  }

  /**
   * Runs a node's backward, which keeps none of the tensors it makes, collecting them: those it
   * returns become the run's to dispose once used, the others (temporaries such as
   * `pow(x, e - 1)` in pow's rule) are disposed at once.
   */
  collect(
    apply: (node: Node, grads: (Tensor | null)[]) => (Tensor | null)[],
    node: Node,
    grads: (Tensor | null)[],
  ): (Tensor | null)[] {
    const made = this.made;
    openScope(made);
    let out: (Tensor | null)[];
    try {
      out = apply(node, grads);
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
      this.adopt(t);
      track(t); // it outlives this node: it belongs to the caller's scope (tidy), if any
    }
    made.clear();
    return out;
  }

  /**
   * A node ran: the gradients it consumed are released, and the results it made that no slot
   * holds (those for inputs that take no gradient) are disposed.
   */
  ran(consumed: readonly (Tensor | null)[], results: readonly (Tensor | null)[]): void {
    for (let i = 0; i < consumed.length; i++) {
      const g = consumed[i];
      if (g !== null && g !== undefined) this.release(g);
    }
    for (let i = 0; i < results.length; i++) {
      const g = results[i];
      if (g !== null && g !== undefined && g._owner === this && g._slots === 0) this.drop(g);
    }
  }

  private drop(t: Tensor): void {
    t._owner = null;
    t.dispose();
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
