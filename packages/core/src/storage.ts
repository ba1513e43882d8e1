import type { Backend } from './backend/backend.js';
import type { DType } from './dtype.js';

/**
 * A backend storage shared by a tensor and its views. It counts the tensors that hold it, so
 * that `dispose()` can free device memory at once, and registers with a FinalizationRegistry so
 * that memory is freed when every tensor holding it was garbage-collected, without users counting
 * references. `version` counts in-place writes, which autograd checks on saved tensors.
 */
export class TensorStorage {
  version = 0;
  private holders = 0;
  private freed = false;
  /** What the finalizer frees if this storage is collected undisposed (null: no finalizer). */
  private readonly pending: Pending | null = null;

  constructor(
    readonly backend: Backend,
    readonly handle: unknown,
    readonly dtype: DType,
    readonly size: number,
  ) {
    // Registering costs about a microsecond: only where the backend needs its `free` called.
    if (backend.free !== undefined && size >= (backend.freeOnCollectFrom ?? 0)) {
      this.pending = { backend, handle, done: false };
      // No unregister token: a token makes registering slower still; `done` disarms it instead.
      collector.register(this, this.pending);
    }
  }

  hold(): void {
    this.holders++;
  }

  /** One holder let go; the last one frees the backend memory. */
  release(): void {
    if (--this.holders > 0 || this.freed) return;
    this.freed = true;
    if (this.pending !== null) this.pending.done = true;
    this.backend.free?.(this.handle);
  }

  get isFreed(): boolean {
    return this.freed;
  }
}

/** A storage's backend memory, to free when the storage is collected unless `done`. */
interface Pending {
  readonly backend: Backend;
  readonly handle: unknown;
  done: boolean;
}

const collector = new FinalizationRegistry<Pending>((p) => {
  if (!p.done) p.backend.free?.(p.handle);
});
