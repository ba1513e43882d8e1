import type { FaultLog } from './faults.js';

/** One kernel launch, recorded now and encoded at the next flush. */
interface Dispatch {
  readonly kind: 'dispatch';
  readonly name: string;
  readonly pipeline: GPUComputePipeline;
  readonly buffers: readonly GPUBuffer[];
  readonly metaOffset: number;
  readonly metaBytes: number;
  readonly groups: readonly [number, number, number];
}

interface Copy {
  readonly kind: 'copy';
  readonly from: GPUBuffer;
  readonly to: GPUBuffer;
  readonly bytes: number;
}

/** Storage buffer offsets must be multiples of this (the WebGPU default limit). */
const META_ALIGN = 256;
/** Dispatches per command buffer before a flush, so a long synchronous loop still streams work. */
const MAX_PENDING = 256;
const USAGE_META = 128 | 8; // STORAGE | COPY_DST

/**
 * Batched submission (llvmpipe spends 15-31 us per submitted dispatch, PERFORMANCE.md): kernels
 * are recorded, with their small metadata (shapes, strides) appended to one host array, and the
 * whole batch is encoded into one command buffer at the next flush: a read, an upload, a full
 * batch, or the end of the current task (a microtask). Binding 0 of every kernel is its slice
 * of the batch's metadata buffer.
 */
export class Batch {
  private ops: (Dispatch | Copy)[] = [];
  private meta = new Int32Array(4096);
  private metaUsed = 0;
  private metaBuffer: GPUBuffer | null = null;
  private scheduled = false;
  /** Buffers the recorded (unsubmitted) work touches. */
  private readonly touched = new Set<GPUBuffer>();
  private readonly layouts = new WeakMap<GPUComputePipeline, GPUBindGroupLayout>();

  constructor(
    private readonly device: GPUDevice,
    private readonly faults: FaultLog,
  ) {}

  dispatch(name: string, pipeline: GPUComputePipeline, buffers: readonly GPUBuffer[], meta: readonly number[], groups: readonly [number, number, number]): void {
    const offset = this.metaUsed;
    const words = Math.max(meta.length, 1);
    const end = offset + Math.ceil(words / (META_ALIGN / 4)) * (META_ALIGN / 4);
    if (end > this.meta.length) {
      const grown = new Int32Array(Math.max(end, this.meta.length * 2));
      grown.set(this.meta.subarray(0, offset));
      this.meta = grown;
    }
    this.meta.set(meta, offset);
    this.metaUsed = end;
    this.ops.push({ kind: 'dispatch', name, pipeline, buffers, metaOffset: offset * 4, metaBytes: words * 4, groups });
    for (const b of buffers) this.touched.add(b);
    this.schedule();
  }

  copy(from: GPUBuffer, to: GPUBuffer, bytes: number): void {
    this.ops.push({ kind: 'copy', from, to, bytes });
    this.touched.add(from);
    this.schedule();
  }

  /**
   * Whether recorded work touches `buffer`. A queue write lands before any later submit, so a
   * recycled buffer that recorded work still reads must be flushed before it is overwritten.
   */
  touches(buffer: GPUBuffer): boolean {
    return this.touched.has(buffer);
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
    const ops = this.ops;
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
    for (const op of ops) {
      if (op.kind === 'copy') {
        pass?.end();
        pass = null;
        encoder.copyBufferToBuffer(op.from, 0, op.to, 0, op.bytes);
        continue;
      }
      pass ??= encoder.beginComputePass();
      const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: meta, offset: op.metaOffset, size: op.metaBytes } }];
      op.buffers.forEach((buffer, i) => entries.push({ binding: i + 1, resource: { buffer } }));
      pass.setPipeline(op.pipeline);
      pass.setBindGroup(0, device.createBindGroup({ layout: this.layoutOf(op.pipeline), entries, label: op.name }));
      pass.dispatchWorkgroups(...op.groups);
    }
    pass?.end();
    device.queue.submit([encoder.finish()]);
    const names = [...new Set(ops.map((op) => (op.kind === 'copy' ? 'copy' : op.name)))].join(', ');
    this.faults.watch(device.popErrorScope(), `out of GPU memory running kernels [${names}]`);
    this.faults.watch(device.popErrorScope(), `invalid launch of kernels [${names}]`);
  }

  /** A pipeline's bind group layout, asked of Dawn once (each call makes a new wrapper object). */
  private layoutOf(pipeline: GPUComputePipeline): GPUBindGroupLayout {
    let layout = this.layouts.get(pipeline);
    if (layout === undefined) this.layouts.set(pipeline, (layout = pipeline.getBindGroupLayout(0)));
    return layout;
  }

  /** The metadata buffer, reused across batches (queue order keeps each batch's bytes its own). */
  private metaFor(bytes: number): GPUBuffer {
    if (this.metaBuffer === null || this.metaBuffer.size < bytes) {
      this.metaBuffer?.destroy();
      this.metaBuffer = this.device.createBuffer({ size: Math.max(bytes, 1 << 16), usage: USAGE_META });
    }
    return this.metaBuffer;
  }
}
