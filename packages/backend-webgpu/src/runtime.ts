import type { DType, TypedArray } from '@ag/core';
import { allocHost } from '@ag/core';
import { withoutRepeats } from './aliases.js';
import { Batch } from './batch.js';
import type { Slot } from './buffer-pool.js';
import { BufferPool } from './buffer-pool.js';
import { FaultLog } from './faults.js';
import { withoutSpinning } from './idle-wait.js';
import { IndexChecks } from './index-checks.js';
import type { Stage } from './fusion.js';
import { Fuser } from './fusion.js';
import { MAX_GROUPS, grid } from './grid.js';
import type { Shader } from './pipelines.js';
import { PipelineCache } from './pipelines.js';
import { StagingPool } from './staging.js';

/**
 * A tensor's storage on the GPU: a pooled slot of 32-bit words (f32 for float32, i32 for
 * int32 and bool, so every kernel indexes all dtypes alike) and its element count.
 */
export interface GpuStorage {
  readonly buffer: Slot;
  readonly size: number;
  freed: boolean;
}

/** Everything the kernels share: the device, the buffer pool, the pipeline cache, the batch. */
export class Runtime {
  readonly faults = new FaultLog();
  readonly pool: BufferPool;
  readonly staging: StagingPool;
  readonly pipelines: PipelineCache;
  readonly batch: Batch;
  /** Fuses elementwise chains at flush; null when turned off. */
  readonly fuser: Fuser | null;
  readonly maxBinding: number;
  /** Index values checked on the device, reported by the next read (index-checks.ts). */
  readonly indexChecks: IndexChecks;

  /**
   * @param emulated whether the adapter is a CPU emulating a GPU (llvmpipe, SwiftShader): there,
   * padding work at tile edges costs real time and there are no multiprocessors to keep busy.
   * @param fuse whether to fuse chains of elementwise kernels at flush (fusion.ts).
   */
  constructor(
    readonly device: GPUDevice,
    readonly emulated = false,
    fuse = true,
  ) {
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
    void device.lost.then((info) => {
      this.faults.lost = `${info.reason}${info.message === '' ? '' : `: ${info.message}`}`;
    });
  }

  /** Fresh storage of `size` elements; its contents are undefined until a kernel writes them. */
  alloc(size: number): GpuStorage {
    this.faults.check();
    const bytes = size * 4;
    if (bytes > this.maxBinding) {
      throw new Error(
        `webgpu: a tensor of ${size} elements (${bytes} bytes) exceeds this device's maxStorageBufferBindingSize ` +
          `(${this.maxBinding} bytes, ${this.maxBinding / 4} elements of 4 bytes); split it or keep it on the CPU`,
      );
    }
    return { buffer: this.pool.acquire(bytes), size, freed: false };
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
    storage.freed = true;
    this.pool.release(storage.buffer);
  }

  upload(data: TypedArray, dtype: DType): GpuStorage {
    const storage = this.alloc(data.length);
    const words =
      dtype === 'float32' ? Float32Array.from(data) : Int32Array.from(data, (v) => (dtype === 'bool' ? +(v !== 0) : v));
    // Work recorded before this buffer was recycled must run before the write lands.
    if (this.batch.touches(storage.buffer)) this.batch.flush();
    if (words.length > 0)
      this.device.queue.writeBuffer(storage.buffer.buffer, storage.buffer.offset, words.buffer, 0, words.byteLength);
    return storage;
  }

  async read(storage: GpuStorage, dtype: DType, size: number): Promise<TypedArray> {
    this.faults.check();
    const res = allocHost(dtype, size);
    if (size === 0) return res;
    const bytes = size * 4;
    // Index checks recorded since the last read: their two fault words ride along after the values.
    const checks = this.indexChecks.pending();
    const mappedBytes = bytes + (checks === null ? 0 : 8);
    const staging = this.staging.acquire(mappedBytes);
    let reusable = false;
    let indexFault: Error | null = null;
    try {
      this.batch.copy(storage.buffer, staging, bytes);
      if (checks !== null) this.batch.copy(checks, staging, 8, bytes);
      const covered = this.indexChecks.mark();
      this.batch.flush();
      const mapped = staging.mapAsync(1, 0, mappedBytes);
      await (this.emulated ? withoutSpinning(mapped) : mapped).catch((e: unknown) => {
        this.faults.check();
        throw e;
      });
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
      throw new Error(
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
