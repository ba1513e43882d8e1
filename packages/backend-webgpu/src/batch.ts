import { BindGroupCache } from './bind-groups.js';
import type { Slot } from './buffer-pool.js';
import type { FaultLog } from './faults.js';
import type { Fuser, Stage } from './fusion.js';
import type { Kernel } from './pipelines.js';

/** One kernel launch, recorded now and encoded at the next flush. */
export interface Dispatch {
  readonly kind: 'dispatch';
  readonly name: string;
  readonly kernel: Kernel;
  readonly buffers: readonly Slot[];
  readonly metaOffset: number;
  /** Bytes of the metadata slice at metaOffset: a power of two, so few slices recur. */
  readonly window: number;
  readonly groups: readonly [number, number, number];
  /** What an elementwise kernel computes, for fusion at flush (fusion.ts); absent on others. */
  readonly stage?: Stage;
}

export interface Copy {
  readonly kind: 'copy';
  readonly from: Slot;
  readonly to: GPUBuffer;
  readonly bytes: number;
  /** Where in `to` the bytes go. */
  readonly toOffset: number;
}

export type Op = Dispatch | Copy;

/** The smallest metadata slice: the largest minStorageBufferOffsetAlignment WebGPU allows. */
const META_MIN_WINDOW = 256;
/** Dispatches per command buffer before a flush, so a long synchronous loop still streams work. */
const MAX_PENDING = 256;
const USAGE_META = 128 | 8; // STORAGE | COPY_DST

/**
 * Batched submission (each submission costs llvmpipe host time: docs/performance.md): kernels
 * are recorded, with their small metadata (shapes, strides) appended to one host array, and the
 * whole batch is encoded into one command buffer at the next flush: a read, an upload, a full
 * batch, or the end of the current task (a microtask). Group 0 of every kernel is its slice of
 * the batch's metadata buffer, which is reused across batches, so the group of the slice at a
 * given place is made once; group 1 holds its tensors, reused by buffers (bind-groups.ts).
 * Within the batch's one compute pass, WebGPU orders dispatches that share a storage buffer.
 * At flush, chains of elementwise kernels are fused into one dispatch each (fusion.ts).
 */
export class Batch {
  private ops: Op[] = [];
  private meta = new Int32Array(4096);
  private metaUsed = 0;
  private metaBuffer: GPUBuffer | null = null;
  /** Groups of slices of the metadata buffer, by offset + log2(window) (offsets are multiples of 256). */
  private metaGroups = new Map<number, GPUBindGroup>();
  private scheduled = false;
  /** Slots the recorded (unsubmitted) work touches. */
  private readonly touched = new Set<Slot>();
  /** Buffers to destroy once the recorded work that uses them is submitted. */
  private retired: GPUBuffer[] = [];
  private readonly groups = new BindGroupCache();

  constructor(
    private readonly device: GPUDevice,
    private readonly faults: FaultLog,
    private readonly metaLayout: GPUBindGroupLayout,
    private readonly fuser: Fuser | null = null,
  ) {}

  dispatch(
    name: string,
    kernel: Kernel,
    buffers: readonly Slot[],
    meta: readonly number[],
    groups: readonly [number, number, number],
    stage?: Stage,
  ): void {
    this.ops.push(this.record(name, kernel, buffers, meta, groups, stage));
    for (const b of buffers) this.touched.add(b);
    this.schedule();
  }

  /** A dispatch with its metadata appended to the batch's. */
  private record(
    name: string,
    kernel: Kernel,
    buffers: readonly Slot[],
    meta: readonly number[],
    groups: readonly [number, number, number],
    stage?: Stage,
  ): Dispatch {
    const offset = this.metaUsed;
    let window = META_MIN_WINDOW;
    while (window < meta.length * 4) window *= 2;
    // Slices are powers of two from 256 bytes, so each starts at a multiple of the offset alignment.
    const end = offset + window / 4;
    if (end > this.meta.length) {
      const grown = new Int32Array(Math.max(end, this.meta.length * 2));
      grown.set(this.meta.subarray(0, offset));
      this.meta = grown;
    }
    this.meta.set(meta, offset);
    this.metaUsed = end;
    return { kind: 'dispatch', name, kernel, buffers, metaOffset: offset * 4, window, groups, stage };
  }

  /** Records a copy of `bytes` from `from` into `to` (a staging buffer) at `toOffset`. */
  copy(from: Slot, to: GPUBuffer, bytes: number, toOffset = 0): void {
    this.ops.push({ kind: 'copy', from, to, bytes, toOffset });
    this.touched.add(from);
    this.schedule();
  }

  /**
   * Whether recorded work touches `slot`. A queue write lands before any later submit, so a
   * recycled slot that recorded work still reads must be flushed before it is overwritten.
   */
  touches(slot: Slot): boolean {
    return this.touched.has(slot);
  }

  /**
   * Destroys `buffer`, now or, where work is recorded (it may use the buffer), right after that
   * work is submitted (a submitted command keeps what it uses; a destroyed buffer in an
   * unsubmitted one is invalid). Cached groups may still name it; none is looked up again, as no
   * tensor gets its slots back.
   */
  retire(buffer: GPUBuffer): void {
    if (this.ops.length > 0) this.retired.push(buffer);
    else buffer.destroy();
  }

  private schedule(): void {
    if (this.ops.length >= MAX_PENDING) {
      this.flush();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Encodes and submits everything recorded. */
  flush(): void {
    if (this.ops.length === 0) return;
    // Fused dispatches append their metadata, so this comes before the metadata is written.
    const ops = this.fuser === null ? this.ops : this.fuser.apply(this.ops, (...args) => this.record(...args));
    this.ops = [];
    this.touched.clear();
    const metaBytes = this.metaUsed * 4;
    this.metaUsed = 0;
    const device = this.device;
    device.pushErrorScope('validation');
    device.pushErrorScope('out-of-memory');
    const meta = this.metaFor(metaBytes);
    device.queue.writeBuffer(meta, 0, this.meta.buffer, 0, metaBytes);
    const encoder = device.createCommandEncoder();
    let pass: GPUComputePassEncoder | null = null;
    // What the pass has set already: the same pipeline or group twice in a row is not set again.
    let pipeline: GPUComputePipeline | null = null;
    let tensors: GPUBindGroup | null = null;
    for (const op of ops) {
      if (op.kind === 'copy') {
        pass?.end();
        pass = null;
        encoder.copyBufferToBuffer(op.from.buffer, op.from.offset, op.to, op.toOffset, op.bytes);
        continue;
      }
      if (pass === null) {
        pass = encoder.beginComputePass();
        pipeline = tensors = null;
      }
      if (op.kernel.pipeline !== pipeline) pass.setPipeline((pipeline = op.kernel.pipeline));
      pass.setBindGroup(0, this.metaGroup(meta, op.metaOffset, op.window));
      const group = this.tensorGroup(op);
      if (op.kernel.dynamic) {
        pass.setBindGroup(
          1,
          (tensors = group),
          op.buffers.map((s) => s.offset),
        );
      } else if (group !== tensors) pass.setBindGroup(1, (tensors = group));
      const [x, y, z] = op.groups;
      pass.dispatchWorkgroups(x, y, z);
    }
    pass?.end();
    device.queue.submit([encoder.finish()]);
    for (const b of this.retired) b.destroy();
    this.retired = [];
    const names = () => [...new Set(ops.map((op) => (op.kind === 'copy' ? 'copy' : op.name)))].join(', ');
    this.faults.watch(device.popErrorScope(), () => `out of GPU memory running kernels [${names()}]`);
    this.faults.watch(device.popErrorScope(), () => `invalid launch of kernels [${names()}]`);
  }

  /** The group of the metadata slice at `offset`, made once per metadata buffer. */
  private metaGroup(meta: GPUBuffer, offset: number, window: number): GPUBindGroup {
    const key = offset + Math.log2(window);
    let group = this.metaGroups.get(key);
    if (group === undefined) {
      group = this.device.createBindGroup({
        layout: this.metaLayout,
        entries: [{ binding: 0, resource: { buffer: meta, offset, size: window } }],
      });
      this.metaGroups.set(key, group);
    }
    return group;
  }

  /** The group of a dispatch's tensors, from the cache or made once. */
  private tensorGroup(op: Dispatch): GPUBindGroup {
    const layout = op.kernel.layout;
    // At dynamic offsets, one group serves every slot of the same buffers (slots of a buffer have one size).
    const dynamic = op.kernel.dynamic;
    const keys = dynamic ? op.buffers.map((s) => s.buffer) : op.buffers;
    const hit = this.groups.get(layout, keys);
    if (hit !== undefined) return hit;
    const group = this.device.createBindGroup({
      layout,
      entries: op.buffers.map((s, i) => ({
        binding: i + 1,
        resource: { buffer: s.buffer, offset: dynamic ? 0 : s.offset, size: s.size },
      })),
      label: op.name,
    });
    this.groups.set(layout, keys, group);
    return group;
  }

  /** Forgets the cached tensor groups: call before destroying a buffer they may hold. */
  forgetBindGroups(): void {
    this.groups.clear();
  }

  /** The metadata buffer, reused across batches (queue order keeps each batch's bytes its own). */
  private metaFor(bytes: number): GPUBuffer {
    if (this.metaBuffer === null || this.metaBuffer.size < bytes) {
      this.metaBuffer?.destroy();
      this.metaGroups = new Map();
      this.metaBuffer = this.device.createBuffer({ size: Math.max(bytes, 1 << 16), usage: USAGE_META });
    }
    return this.metaBuffer;
  }
}
