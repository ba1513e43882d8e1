import type { Tensor } from '../tensor.js';

/**
 * The gradients a backward run made itself (a node's result, a sum of two gradients), each with
 * the number of buffer slots that hold it. When the last slot is consumed, nothing can reach
 * the tensor any more and it is disposed: its device memory is freed at once instead of at the
 * next garbage collection (a 10k-op chain on WebGPU would otherwise hold 10k dead buffers).
 *
 * Only what the engine provably owns is entered. Tensors from outside (the caller's gradient, a
 * custom Function's results) never are, and a tensor that becomes visible to anyone (a `.grad`,
 * a retained or captured gradient, what a hook saw) is dropped from the table: the garbage
 * collector takes care of those. Disposing releases one hold on the storage, so a view still
 * holding the same storage keeps it alive.
 */
export class OwnedGrads {
  private readonly slots = new Map<Tensor, number>();

  /** `t` was made by the engine; nothing holds it yet. */
  adopt(t: Tensor): void {
    if (!this.slots.has(t)) this.slots.set(t, 0);
  }

  /** One more slot holds `t` (if it is ours). */
  hold(t: Tensor): void {
    const n = this.slots.get(t);
    if (n !== undefined) this.slots.set(t, n + 1);
  }

  /** A slot that held `t` was consumed: dispose `t` if it was the last. */
  release(t: Tensor): void {
    const n = this.slots.get(t);
    if (n === undefined) return;
    if (n > 1) this.slots.set(t, n - 1);
    else this.drop(t);
  }

  /** Disposes `t` if it is ours and no slot holds it (a result nobody was given). */
  releaseIfUnheld(t: Tensor): void {
    if (this.slots.get(t) === 0) this.drop(t);
  }

  /** `t` is visible outside the engine now: never dispose it. */
  disown(t: Tensor): void {
    this.slots.delete(t);
  }

  private drop(t: Tensor): void {
    this.slots.delete(t);
    t.dispose();
  }
}
