/**
 * GPU buffers pooled by size class. Creating a buffer costs far more than reusing one, and a
 * training loop frees and allocates the same sizes every step, so freed buffers wait in a free
 * list of their class. Classes are powers of two up to 1 MiB, then whole MiB, which bounds the
 * waste to 2x on small tensors and to 1 MiB on large ones.
 */

/** STORAGE | COPY_SRC | COPY_DST: every tensor buffer is read, written and copied. */
const TENSOR_USAGE = 128 | 4 | 8;
const MIB = 1 << 20;

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

export class BufferPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  private live = 0;
  private liveBytes = 0;
  private pooled = 0;
  private pooledBytes = 0;

  constructor(private readonly device: GPUDevice) {}

  acquire(bytes: number): GPUBuffer {
    const size = sizeClass(bytes);
    this.live++;
    this.liveBytes += size;
    const reused = this.free.get(size)?.pop();
    if (reused !== undefined) {
      this.pooled--;
      this.pooledBytes -= size;
      return reused;
    }
    return this.device.createBuffer({ size, usage: TENSOR_USAGE });
  }

  release(buffer: GPUBuffer): void {
    const size = buffer.size;
    this.live--;
    this.liveBytes -= size;
    this.pooled++;
    this.pooledBytes += size;
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = []));
    list.push(buffer);
  }

  stats(): PoolStats {
    return { liveBuffers: this.live, liveBytes: this.liveBytes, pooledBuffers: this.pooled, pooledBytes: this.pooledBytes };
  }

  /** Destroys the buffers waiting for reuse (live ones stay with their tensors). */
  trim(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
    this.pooled = 0;
    this.pooledBytes = 0;
  }
}
