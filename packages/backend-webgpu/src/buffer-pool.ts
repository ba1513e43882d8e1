/**
 * GPU memory for tensors, pooled by size class. Creating a buffer costs far more than reusing
 * one, and a training loop frees and allocates the same sizes every step, so freed storage waits
 * in a free list of its class. Classes are powers of two up to 1 MiB, then whole MiB, which
 * bounds the waste to 2x on small tensors and to 1 MiB on large ones.
 *
 * Small classes (up to {@link SLAB_SLOT_MAX}) are slots carved from shared slabs, each slot
 * bound at its offset: a chain of scalar ops then makes one buffer per few thousand tensors
 * instead of one per tensor. On Mesa's lavapipe every buffer is a memory mapping and a process
 * has at most about 65,000 of them before the driver crashes, and the tensors of a long chain
 * stay alive until the garbage collector runs. Larger classes get a buffer each (a slab of one).
 */

/** STORAGE | COPY_SRC | COPY_DST: every tensor buffer is read, written and copied. */
const TENSOR_USAGE = 128 | 4 | 8;
const MIB = 1 << 20;
/** Bytes of a slab of small slots. */
export const SLAB_BYTES = 64 * 1024;
/** The largest class carved from slabs. */
export const SLAB_SLOT_MAX = 4096;

/**
 * How many unused buffers (whole free slabs), and how many bytes of them, wait for reuse before
 * further ones go back to the driver: a burst of live tensors (thousands freed at once by the
 * garbage collector) would otherwise stay pooled for good.
 */
export const POOL_LIMITS = { buffers: 4096, bytes: 256 * MIB } as const;

export function sizeClass(bytes: number): number {
  const b = Math.max(bytes, 16);
  if (b >= MIB) return Math.ceil(b / MIB) * MIB;
  return 2 ** Math.ceil(Math.log2(b));
}

/** A tensor's memory: `size` bytes of `buffer` from `offset`, bound and copied as that range. */
export interface Slot {
  readonly buffer: GPUBuffer;
  readonly offset: number;
  readonly size: number;
}

export interface PoolStats {
  /** GPU buffers holding at least one live storage (a slab counts once). */
  readonly liveBuffers: number;
  /** Bytes of the live storages (their size classes). */
  readonly liveBytes: number;
  /** Storages held by tensors (not freed yet). */
  readonly liveStorages: number;
  /** Buffers no storage uses, kept for reuse, and their bytes. */
  readonly pooledBuffers: number;
  readonly pooledBytes: number;
}

/** A buffer and the slots it is cut into; `live` counts those held. */
interface Slab {
  readonly buffer: GPUBuffer;
  readonly slots: PooledSlot[];
  live: number;
  /** Whether it is entirely free and counted as pooled. */
  pooled: boolean;
  /** Destroyed (given back): its slots, still in a free list, are skipped. */
  dead: boolean;
}

class PooledSlot implements Slot {
  constructor(
    readonly buffer: GPUBuffer,
    readonly offset: number,
    readonly size: number,
    readonly slab: Slab,
    /** Creation number: free lists hand out the lowest first. */
    readonly rank: number,
  ) {}
}

/**
 * A size class's free slots, handed out lowest creation number first (a binary heap). Which
 * slot an op gets then depends on which are free, not on the order they were freed in (the
 * order of a backward pass's frees and of garbage collection varies), so a training step gets
 * the same slots, hence the same cached bind groups (bind-groups.ts), step after step; and old
 * slabs fill first, so the newest empty out and can go back.
 */
class FreeList {
  private readonly heap: PooledSlot[] = [];

  push(slot: PooledSlot): void {
    const h = this.heap;
    let i = h.push(slot) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.rank <= slot.rank) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = slot;
  }

  pop(): PooledSlot | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= h.length) break;
      if (child + 1 < h.length && h[child + 1]!.rank < h[child]!.rank) child++;
      if (h[child]!.rank >= last.rank) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }
}

export class BufferPool {
  private readonly free = new Map<number, FreeList>();
  /** The slots in the free lists, for `isFree`. */
  private readonly idle = new Set<Slot>();
  private readonly pooledSlabs = new Set<Slab>();
  private created = 0;
  private live = 0;
  private liveBytes = 0;
  private liveBuffers = 0;
  private pooledBytes = 0;

  /**
   * @param alignment the device's minStorageBufferOffsetAlignment: where slots may start.
   * @param retire takes a buffer the pool gives back, to destroy once no recorded work uses it.
   */
  constructor(
    private readonly device: GPUDevice,
    private readonly alignment: number,
    private readonly retire: (buffer: GPUBuffer) => void,
  ) {}

  acquire(bytes: number): Slot {
    const size = sizeClass(bytes);
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = new FreeList()));
    let slot = list.pop();
    while (slot?.slab.dead === true) slot = list.pop();
    if (slot === undefined) slot = this.grow(size, list);
    else this.idle.delete(slot);
    const slab = slot.slab;
    if (slab.live++ === 0) {
      this.liveBuffers++;
      if (slab.pooled) {
        slab.pooled = false;
        this.pooledSlabs.delete(slab);
        this.pooledBytes -= slab.buffer.size;
      }
    }
    this.live++;
    this.liveBytes += size;
    return slot;
  }

  release(slot: Slot): void {
    if (!(slot instanceof PooledSlot)) throw new Error('webgpu: released a slot the pool did not hand out');
    const s = slot;
    this.live--;
    this.liveBytes -= s.size;
    this.free.get(s.size)!.push(s);
    this.idle.add(s);
    const slab = s.slab;
    if (--slab.live > 0) return;
    this.liveBuffers--;
    const bytes = slab.buffer.size;
    if (this.pooledSlabs.size >= POOL_LIMITS.buffers || this.pooledBytes + bytes > POOL_LIMITS.bytes) {
      this.drop(slab);
      this.retire(slab.buffer);
      return;
    }
    slab.pooled = true;
    this.pooledSlabs.add(slab);
    this.pooledBytes += bytes;
  }

  /**
   * Whether `slot` waits in a free list: no tensor holds it, so its values are dead once the
   * recorded work stops reading them (fusion.ts skips writing such values).
   */
  isFree(slot: Slot): boolean {
    return this.idle.has(slot);
  }

  stats(): PoolStats {
    return {
      liveBuffers: this.liveBuffers,
      liveBytes: this.liveBytes,
      liveStorages: this.live,
      pooledBuffers: this.pooledSlabs.size,
      pooledBytes: this.pooledBytes,
    };
  }

  /** Destroys the buffers no storage uses (slabs with a live slot stay). */
  trim(): void {
    for (const slab of this.pooledSlabs) {
      this.drop(slab);
      slab.buffer.destroy();
    }
    this.pooledSlabs.clear();
    this.pooledBytes = 0;
  }

  /** A new slab of `size` slots (one slot past SLAB_SLOT_MAX): returns one, frees the rest. */
  private grow(size: number, list: FreeList): PooledSlot {
    const stride = Math.ceil(size / this.alignment) * this.alignment;
    const count = size <= SLAB_SLOT_MAX ? Math.max(1, Math.floor(SLAB_BYTES / stride)) : 1;
    const buffer = this.device.createBuffer({ size: count === 1 ? size : stride * count, usage: TENSOR_USAGE });
    const slab: Slab = { buffer, slots: [], live: 0, pooled: false, dead: false };
    for (let i = 0; i < count; i++) slab.slots.push(new PooledSlot(buffer, i * stride, size, slab, this.created++));
    for (let i = 1; i < count; i++) {
      list.push(slab.slots[i]!);
      this.idle.add(slab.slots[i]!);
    }
    return slab.slots[0]!;
  }

  /** Forgets a slab about to be destroyed; its slots leave the free lists as they come up. */
  private drop(slab: Slab): void {
    slab.dead = true;
    slab.pooled = false;
    for (const s of slab.slots) this.idle.delete(s);
  }
}
