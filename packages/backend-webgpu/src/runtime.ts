import type { DType, TypedArray } from '@ag/core';
import { DeviceError, OutOfMemoryError, allocHost } from '@ag/core';
import { withoutRepeats } from './aliases.js';
import { Batch } from './batch.js';
import type { Slot } from './buffer-pool.js';
import { BufferPool, SLAB_SLOT_MAX, sizeClass } from './buffer-pool.js';
import { FaultLog } from './faults.js';
import { withoutSpinning } from './idle-wait.js';
import { IndexChecks } from './index-checks.js';
import type { Stage } from './fusion.js';
import { Fuser } from './fusion.js';
import { MAX_GROUPS, grid } from './grid.js';
import type { Shader } from './pipelines.js';
import { PipelineCache } from './pipelines.js';
import { StagingPool } from './staging.js';
import type { HostWords } from './storage.js';
import { GpuStorage } from './storage.js';

export { GpuStorage } from './storage.js';

/** Allocations from this size on run inside error scopes (faults.ts's guard). */
const GUARD_FROM = 1 << 20;

/** Everything the kernels share: the device, the buffer pool, the pipeline cache, the batch. */
export class Runtime {
  readonly faults: FaultLog;
  readonly pool: BufferPool;
  readonly staging: StagingPool;
  readonly pipelines: PipelineCache;
  readonly batch: Batch;
  /** Fuses elementwise chains at flush; null when turned off. */
  readonly fuser: Fuser | null;
  readonly maxBinding: number;
  /** Index values checked on the device, reported by the next read (index-checks.ts). */
  readonly indexChecks: IndexChecks;
  /** Live storages holding their values on the host (host.ts), a device copy or not, for `memory()`. */
  hostStorages = 0;
  /** Uploads a storage's host words into a fresh slot (storage.ts). */
  private readonly place = (words: HostWords): Slot => this.write(this.untouchedSlot(words.length), words);
  private readonly forget = (): void => {
    this.hostStorages--;
  };

  /**
   * @param emulated whether the adapter is a CPU emulating a GPU (llvmpipe, SwiftShader): there,
   * padding work at tile edges costs real time and there are no multiprocessors to keep busy.
   * @param fuse whether to fuse chains of elementwise kernels at flush (fusion.ts).
   * @param hostElements tensors of at most this many elements may live and be computed on the host (host.ts); 0 for none.
   */
  constructor(
    readonly device: GPUDevice,
    readonly emulated = false,
    fuse = true,
    readonly hostElements = 0,
  ) {
    this.faults = new FaultLog(device);
    this.pool = new BufferPool(device, device.limits.minStorageBufferOffsetAlignment, (b) => {
      this.batch.retire(b);
    });
    this.staging = new StagingPool(device);
    this.pipelines = new PipelineCache(device, this.faults);
    // One storage buffer of each kernel's is its metadata.
    const bindings = device.limits.maxStorageBuffersPerShaderStage - 1;
    this.fuser = fuse ? new Fuser(this.pipelines, (b) => this.pool.isFree(b), bindings) : null;
    this.batch = new Batch(device, this.faults, this.pipelines.layouts.meta, this.fuser);
    this.indexChecks = new IndexChecks(device, (name, source, buffers, meta, threads) => {
      this.run(name, source, buffers, meta, threads);
    });
    this.maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  }

  /**
   * Fresh storage of `size` elements; its contents are undefined until a kernel writes them.
   * `op` (the kernel's) names the refusal of a size past the device's limits.
   */
  alloc(size: number, op = 'alloc'): GpuStorage {
    this.faults.check();
    const bytes = size * 4;
    // Checked before any buffer exists: past the limit, createBuffer or the bind group would fail
    // asynchronously and poison the device. The pool rounds sizes up to a class, which must fit too.
    if (sizeClass(bytes) > this.maxBinding) {
      throw new OutOfMemoryError(
        `webgpu ${op}: a tensor of ${size} elements (${bytes} bytes) is past this device's largest storage buffer ` +
          `(maxStorageBufferBindingSize and maxBufferSize: ${this.maxBinding} bytes, ${Math.floor(this.maxBinding / 4)} elements of 4 bytes); split it or keep it on the CPU`,
      );
    }
    // Running out of memory happens on large creations: those are named if the device refuses them.
    const buffer =
      bytes < GUARD_FROM
        ? this.pool.acquire(bytes)
        : this.faults.guard(this.device, `allocating a tensor of ${size} elements (${bytes} bytes)`, () =>
            this.pool.acquire(bytes),
          );
    return new GpuStorage(this.place, this.forget, size, buffer);
  }

  /** A storage holding `words` on the host until a kernel needs them on the device. */
  onHost(words: HostWords): GpuStorage {
    this.faults.check();
    this.hostStorages++;
    return new GpuStorage(this.place, this.forget, words.length, null, words);
  }

  /** Frees the pooled buffers and staging buffers back to the driver (live tensors keep theirs). */
  trim(): void {
    // Recorded work may still use a pooled buffer, and cached bind groups hold them.
    this.batch.flush();
    this.batch.forgetBindGroups();
    this.pool.trim();
    this.staging.trim();
  }

  free(storage: GpuStorage): void {
    if (storage.freed) return;
    const slot = storage.placed;
    storage.release();
    if (slot !== null) this.pool.release(slot);
  }

  /**
   * A small slot no recorded work uses, to write at once: a slot freed and taken again within
   * one batch would otherwise cost a flush (the write lands before the recorded work that still
   * reads it). Slab slots are cheap to skip; after a few, or for a large size, it flushes.
   */
  private untouchedSlot(size: number): Slot {
    const skipped: Slot[] = [];
    let slot = this.alloc(size, 'upload').buffer;
    while (this.batch.touches(slot) && skipped.length < 4 && slot.size <= SLAB_SLOT_MAX) {
      skipped.push(slot);
      slot = this.alloc(size, 'upload').buffer;
    }
    for (const s of skipped) this.pool.release(s);
    return slot;
  }

  upload(data: TypedArray, dtype: DType): GpuStorage {
    const words =
      dtype === 'float32' ? Float32Array.from(data) : Int32Array.from(data, (v) => (dtype === 'bool' ? +(v !== 0) : v));
    if (words.length > 0 && words.length <= this.hostElements) return this.onHost(words);
    const storage = this.alloc(data.length, 'upload');
    this.write(storage.buffer, words);
    return storage;
  }

  /** Writes `words` into `slot` (at the queue's next submit), and returns the slot. */
  private write(slot: Slot, words: HostWords): Slot {
    // Work recorded before this buffer was recycled must run before the write lands.
    if (this.batch.touches(slot)) this.batch.flush();
    if (words.length > 0) this.device.queue.writeBuffer(slot.buffer, slot.offset, words.buffer, 0, words.byteLength);
    return slot;
  }

  async read(storage: GpuStorage, dtype: DType, size: number): Promise<TypedArray> {
    this.faults.check();
    const res = allocHost(dtype, size);
    if (size === 0) return res;
    const host = storage.host;
    // Host values need no copy back, unless index checks wait for a read to report them.
    if (host !== null && this.indexChecks.pending() === null) {
      this.batch.flush();
      await this.faults.settle();
      res.set(host.subarray(0, size));
      return res;
    }
    const bytes = size * 4;
    // Index checks recorded since the last read: their two fault words ride along after the values.
    const checks = this.indexChecks.pending();
    const mappedBytes = bytes + (checks === null ? 0 : 8);
    const staging =
      mappedBytes < GUARD_FROM
        ? this.staging.acquire(mappedBytes)
        : this.faults.guard(this.device, `reading a tensor of ${size} elements (${bytes} bytes)`, () =>
            this.staging.acquire(mappedBytes),
          );
    let reusable = false;
    let indexFault: Error | null = null;
    try {
      this.batch.copy(storage.buffer, staging, bytes);
      if (checks !== null) this.batch.copy(checks, staging, 8, bytes);
      const covered = this.indexChecks.mark();
      this.batch.flush();
      const mapped = staging.mapAsync(1, 0, mappedBytes);
      await (this.emulated ? withoutSpinning(mapped) : mapped).catch((e: unknown) => this.mapFailed(e, size));
      await this.faults.settle();
      const range = staging.getMappedRange(0, mappedBytes);
      res.set(dtype === 'float32' ? new Float32Array(range, 0, size) : new Int32Array(range, 0, size));
      if (checks !== null) {
        const [code, value] = new Int32Array(range, bytes, 2);
        indexFault = this.indexChecks.verify(code!, value!, covered);
      }
      staging.unmap();
      reusable = true;
    } finally {
      this.staging.release(staging, reusable);
    }
    if (indexFault !== null) throw indexFault;
    return res;
  }

  /**
   * Why a read's mapping failed, as our error: mostly the device was lost (destroyed, a driver
   * reset), and the mapping may fail before the lost promise is heard, so that gets a task first.
   */
  private async mapFailed(e: unknown, size: number): Promise<never> {
    await Promise.race([this.device.lost, new Promise((resolve) => setTimeout(resolve, 0))]);
    await this.faults.settle();
    const why = e instanceof Error ? `${e.name}${e.message === '' ? '' : `: ${e.message}`}` : String(e);
    throw new DeviceError(`webgpu: reading a tensor of ${size} elements: the GPU refused to map its values (${why})`, {
      cause: e,
    });
  }

  /**
   * Records a kernel over `threads` invocations in 64-wide workgroups, folded into a 2-D grid
   * past 65,535 groups. The shader computes its invocation index with `linearIndex` (prelude).
   */
  run(
    name: string,
    source: Shader,
    buffers: readonly Slot[],
    meta: readonly number[],
    threads: number,
    stage?: Stage,
  ): void {
    if (threads === 0) return;
    this.runGroups(name, source, buffers, meta, grid(threads), stage);
  }

  /** Records a kernel with an explicit workgroup grid; `stage` says what an elementwise one computes, for fusion. */
  runGroups(
    name: string,
    source: Shader,
    buffers: readonly Slot[],
    meta: readonly number[],
    groups: readonly [number, number, number],
    stage?: Stage,
  ): void {
    this.faults.check();
    if (groups[0] > MAX_GROUPS || groups[1] > MAX_GROUPS || groups[2] > MAX_GROUPS)
      throw new OutOfMemoryError(
        `webgpu: kernel '${name}' needs ${groups.join(' x ')} workgroups, beyond maxComputeWorkgroupsPerDimension (${MAX_GROUPS})`,
      );
    const distinct = withoutRepeats(
      buffers,
      (bytes) => this.pool.acquire(bytes),
      (...args) => {
        this.run(...args);
      },
    );
    this.batch.dispatch(name, this.pipelines.get(name, source), distinct?.slots ?? buffers, meta, groups, stage);
    for (const c of distinct?.copies ?? []) this.pool.release(c);
  }
}
