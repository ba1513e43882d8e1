import { sizeClass } from './buffer-pool.js';

/** MAP_READ | COPY_DST: the only usage a buffer the host maps for reading may have. */
const STAGING_USAGE = 1 | 8;
/** Staging buffers kept per size class: reads come one or two at a time (a loss, a metric). */
const KEEP_PER_CLASS = 2;

/**
 * Read-back buffers reused across reads. Creating a mappable buffer per read cost llvmpipe a
 * large part of a 1M-element read (the driver allocates and clears it each time); a training
 * loop reads the same sizes every step, so they are pooled by the tensor pool's size classes.
 */
export class StagingPool {
  private readonly free = new Map<number, GPUBuffer[]>();

  constructor(private readonly device: GPUDevice) {}

  acquire(bytes: number): GPUBuffer {
    const size = sizeClass(bytes);
    return this.free.get(size)?.pop() ?? this.device.createBuffer({ size, usage: STAGING_USAGE });
  }

  /** Takes back an unmapped buffer; one whose mapping failed is destroyed instead. */
  release(buffer: GPUBuffer, reusable: boolean): void {
    let list = this.free.get(buffer.size);
    if (list === undefined) this.free.set(buffer.size, (list = []));
    if (reusable && list.length < KEEP_PER_CLASS) list.push(buffer);
    else buffer.destroy();
  }

  trim(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
  }
}
