import type { Backend } from './backend/backend.js';
import type { DType } from './dtype.js';
import { settle, unlist, watch, type Watched } from './memory/accounting.js';

/**
 * A backend storage shared by a tensor and its views. It counts the tensors that hold it, so
 * that `dispose()` can free device memory at once, and registers with a FinalizationRegistry so
 * that memory is freed when every tensor holding it was garbage-collected, without users counting
 * references (and counts it for `memory()`). `version` counts in-place writes, which autograd checks on saved tensors.
 */
export class TensorStorage {
  version = 0;
  private holders = 0;
  private freed = false;
  /** What the finalizer settles if this storage is collected undisposed (null: not watched). */
  private readonly watched: Watched | null;

  constructor(
    readonly backend: Backend,
    readonly handle: unknown,
    readonly dtype: DType,
    readonly size: number,
  ) {
    // Registering costs about a microsecond: only where the backend needs its `free` called
    // (or history is recorded: memory.ts).
    const freeOnCollect = backend.free !== undefined && size >= (backend.freeOnCollectFrom ?? 0);
    this.watched = watch(backend, handle, dtype, size, freeOnCollect);
    // No unregister token: a token makes registering slower still; `done` disarms it instead.
    if (this.watched !== null) collector.register(this, this.watched);
  }

  hold(): void {
    this.holders++;
  }

  /** One holder let go; the last one frees the backend memory. */
  release(): void {
    if (--this.holders > 0 || this.freed) return;
    this.freed = true;
    if (this.watched !== null) settle(this.watched, false);
    this.backend.free?.(this.handle);
  }

  /** Core keeps this storage itself (a cached scalar): counted by `memory()`, never listed as a leak. */
  markInternal(): void {
    if (this.watched !== null) unlist(this.watched);
  }

  get isFreed(): boolean {
    return this.freed;
  }
}

const collector = new FinalizationRegistry<Watched>((w) => {
  settle(w, true);
});
