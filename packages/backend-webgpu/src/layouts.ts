/** GPUShaderStage.COMPUTE (a number: Node's globals may lack the GPUShaderStage object). */
const COMPUTE = 4;
const TENSOR_BINDING = /@group\(1\)\s*@binding\((\d+)\)\s*var<storage,\s*(read_write|read)>/g;

/** A kernel's layouts: its tensors' group as its bind groups need it, and its pipeline's. */
export interface KernelLayout {
  readonly tensors: GPUBindGroupLayout;
  readonly pipeline: GPUPipelineLayout;
  /** Whether the tensors' bindings take dynamic offsets (bind groups per buffers, not per slots). */
  readonly dynamic: boolean;
}

/**
 * Explicit bind-group layouts, read from each kernel's WGSL declarations, instead of `layout:
 * 'auto'`, for host time per dispatch: creating a bind group costs Dawn more CPU time on
 * llvmpipe than the rest of a small op's host work (docs/performance.md), so groups are reused
 * (bind-groups.ts), which needs layouts shared between kernels (an auto layout is private to
 * its pipeline). Group 0 holds the metadata, a slice of the batch's metadata buffer, and has
 * one layout for all kernels: a slice's group is reused at the same place in every batch.
 * Group 1 holds the tensors, and kernels with the same bindings share its layout, hence their
 * groups for the same buffers. Tensors are bound at dynamic offsets where the device allows
 * that many: small tensors are slots of shared slabs (buffer-pool.ts), so one group then serves
 * every slot of the same buffers, where a group per slot meant a new group for nearly every op
 * of a chain whose results stay alive (and on lavapipe each live group is a memory mapping, of
 * which a process has about 65,000). The metadata slice is not a dynamic offset into one group:
 * its groups are few already.
 */
export class LayoutCache {
  readonly meta: GPUBindGroupLayout;
  private readonly bySignature = new Map<string, KernelLayout>();

  constructor(private readonly device: GPUDevice) {
    this.meta = device.createBindGroupLayout({
      label: 'ag:meta',
      entries: [{ binding: 0, visibility: COMPUTE, buffer: { type: 'read-only-storage' } }],
    });
  }

  /**
   * The layout a kernel's source declares, or undefined when its tensors are not bindings 1, 2,
   * ... of group 1 (a broken shader: the caller compiles it with an automatic layout, so that
   * its own error, with the kernel's name, is what is reported).
   */
  of(source: string): KernelLayout | undefined {
    const access: string[] = [];
    for (const m of source.matchAll(TENSOR_BINDING)) access[Number(m[1])] = m[2] === 'read' ? 'r' : 'w';
    const signature = Array.from(access, (a) => a ?? '?').join('');
    if (signature.length < 2 || signature.slice(1).includes('?')) return undefined;
    let layout = this.bySignature.get(signature);
    if (layout === undefined) {
      const dynamic = signature.length - 1 <= this.device.limits.maxDynamicStorageBuffersPerPipelineLayout;
      const tensors = this.device.createBindGroupLayout({
        label: `ag:${signature.slice(1)}`,
        entries: access.slice(1).map((a, i) => ({
          binding: i + 1,
          visibility: COMPUTE,
          buffer: {
            type: a === 'r' ? ('read-only-storage' as const) : ('storage' as const),
            hasDynamicOffset: dynamic,
          },
        })),
      });
      const pipeline = this.device.createPipelineLayout({ bindGroupLayouts: [this.meta, tensors] });
      layout = { tensors, pipeline, dynamic };
      this.bySignature.set(signature, layout);
    }
    return layout;
  }
}
