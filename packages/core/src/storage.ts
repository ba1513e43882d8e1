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

  constructor(
    readonly backend: Backend,
    readonly handle: unknown,
    readonly dtype: DType,
    readonly size: number,
  ) {
    if (backend.free !== undefined) collector.register(this, { backend, handle }, this);
  }

  hold(): void {
    this.holders++;
  }

  /** One holder let go; the last one frees the backend memory. */
  release(): void {
    if (--this.holders > 0 || this.freed) return;
    this.freed = true;
    if (this.backend.free !== undefined) {
      collector.unregister(this);
      this.backend.free(this.handle);
    }
  }

  get isFreed(): boolean {
    return this.freed;
  }
}

interface Held {
  backend: Backend;
  handle: unknown;
}

const collector = new FinalizationRegistry<Held>(({ backend, handle }) => {
  backend.free?.(handle);
});
