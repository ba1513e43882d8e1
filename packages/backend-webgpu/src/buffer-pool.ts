/**
 * GPU buffers pooled by size class. Creating a buffer costs far more than reusing one, and a
 * training loop frees and allocates the same sizes every step, so freed buffers wait in a free
 * list of their class. Classes are powers of two up to 1 MiB, then whole MiB, which bounds the
 * waste to 2x on small tensors and to 1 MiB on large ones.
 */

/** STORAGE | COPY_SRC | COPY_DST: every tensor buffer is read, written and copied. */
const TENSOR_USAGE = 128 | 4 | 8;
const MIB = 1 << 20;

/**
 * How many freed buffers, and how many bytes of them, wait for reuse before further ones go back
 * to the driver. A burst of live tensors (thousands freed at once by the garbage collector) would
 * otherwise stay pooled for good; on Mesa's lavapipe every buffer is a memory mapping, and a
 * process has at most about 65,000 of them before the driver crashes.
 */
export const POOL_LIMITS = { buffers: 4096, bytes: 256 * MIB } as const;

export function sizeClass(bytes: number): number {
  const b = Math.max(bytes, 16);
  if (b >= MIB) return Math.ceil(b / MIB) * MIB;
  return 2 ** Math.ceil(Math.log2(b));
}

export interface PoolStats {
  /** Buffers held by tensors (not freed yet). */
  readonly liveBuffers: number;
  /** Bytes of those buffers (their size classes). */
  readonly liveBytes: number;
  /** Freed buffers kept for reuse, and their bytes. */
  readonly pooledBuffers: number;
  readonly pooledBytes: number;
}

/**
 * A size class's free buffers, handed out lowest creation number first (a binary heap). Which
 * buffer an op gets then depends on which are free, not on the order they were freed in (the
 * order of a backward pass's frees and of garbage collection varies), so a training step gets
 * the same buffers, hence the same cached bind groups (bind-groups.ts), step after step.
 */
class FreeList {
  private readonly heap: GPUBuffer[] = [];

  constructor(private readonly order: WeakMap<GPUBuffer, number>) {}

  get length(): number {
    return this.heap.length;
  }

  push(buffer: GPUBuffer): void {
    const h = this.heap;
    let i = h.push(buffer) - 1;
    const n = this.rank(buffer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.rank(h[parent]!) <= n) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = buffer;
  }

  pop(): GPUBuffer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    const n = this.rank(last);
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= h.length) break;
      if (child + 1 < h.length && this.rank(h[child + 1]!) < this.rank(h[child]!)) child++;
      if (this.rank(h[child]!) >= n) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }

  values(): readonly GPUBuffer[] {
    return this.heap;
  }

  private rank(buffer: GPUBuffer): number {
    return this.order.get(buffer) ?? 0;
  }
}

export class BufferPool {
  private readonly free = new Map<number, FreeList>();
  /** Each buffer's creation number, FreeList's order. */
  private readonly order = new WeakMap<GPUBuffer, number>();
  /** The buffers in the free lists, for `isFree`. */
  private readonly idle = new Set<GPUBuffer>();
  private created = 0;
  private live = 0;
  private liveBytes = 0;
  private pooled = 0;
  private pooledBytes = 0;

  /**
   * @param retire takes a freed buffer the pool does not keep, to destroy once no recorded work
   * uses it.
   */
  constructor(
    private readonly device: GPUDevice,
    private readonly retire: (buffer: GPUBuffer) => void,
  ) {}

  acquire(bytes: number): GPUBuffer {
    const size = sizeClass(bytes);
    this.live++;
    this.liveBytes += size;
    const reused = this.free.get(size)?.pop();
    if (reused !== undefined) {
      this.idle.delete(reused);
      this.pooled--;
      this.pooledBytes -= size;
      return reused;
    }
    const buffer = this.device.createBuffer({ size, usage: TENSOR_USAGE });
    this.order.set(buffer, this.created++);
    return buffer;
  }

  release(buffer: GPUBuffer): void {
    const size = buffer.size;
    this.live--;
    this.liveBytes -= size;
    if (this.pooled >= POOL_LIMITS.buffers || this.pooledBytes + size > POOL_LIMITS.bytes) {
      this.retire(buffer);
      return;
    }
    this.pooled++;
    this.pooledBytes += size;
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = new FreeList(this.order)));
    list.push(buffer);
    this.idle.add(buffer);
  }

  /**
   * Whether `buffer` waits in a free list: no tensor holds it, so its values are dead once the
   * recorded work stops reading them (fusion.ts skips writing such values).
   */
  isFree(buffer: GPUBuffer): boolean {
    return this.idle.has(buffer);
  }

  stats(): PoolStats {
    return {
      liveBuffers: this.live,
      liveBytes: this.liveBytes,
      pooledBuffers: this.pooled,
      pooledBytes: this.pooledBytes,
    };
  }

  /** Destroys the buffers waiting for reuse (live ones stay with their tensors). */
  trim(): void {
    for (const list of this.free.values()) for (const b of list.values()) b.destroy();
    this.free.clear();
    this.idle.clear();
    this.pooled = 0;
    this.pooledBytes = 0;
  }
}
