import type { FaultLog } from './faults.js';
import { LayoutCache } from './layouts.js';

/**
 * A shader: its WGSL source, or a short key that determines the source and a way to build it.
 * Hot kernels pass the keyed form, so that a cache hit costs neither building a source of
 * several KiB nor hashing it (about a third of an elementwise op's host time before).
 */
export type Shader = string | { readonly key: string; build(): string };

/** A compiled kernel: its pipeline and the layout its tensors' bind groups are made for. */
export interface Kernel {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  /** Whether its tensors are bound at dynamic offsets (layouts.ts). */
  readonly dynamic: boolean;
}

/**
 * Compute pipelines compiled once per shader (the source, or the key, already encodes the op,
 * dtypes and variant). Compilation errors are caught in an error scope and reported,
 * with the kernel's name, by the fault log, which every later read checks.
 */
export class PipelineCache {
  /** By source, and by key: two maps, so a key needs no prefix (a string built per call) to never meet a source. */
  private readonly bySource = new Map<string, Kernel>();
  private readonly byKey = new Map<string, Kernel>();
  readonly layouts: LayoutCache;

  constructor(
    private readonly device: GPUDevice,
    private readonly faults: FaultLog,
  ) {
    this.layouts = new LayoutCache(device);
  }

  get(name: string, shader: Shader): Kernel {
    const keyed = typeof shader !== 'string';
    const hit = keyed ? this.byKey.get(shader.key) : this.bySource.get(shader);
    if (hit !== undefined) return hit;
    const source = writable(keyed ? shader.build() : shader);
    const layout = this.layouts.of(source);
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ code: source, label: name });
    const pipeline = this.device.createComputePipeline({
      layout: layout?.pipeline ?? 'auto',
      compute: { module, entryPoint: 'main' },
      label: name,
    });
    const kernel = {
      pipeline,
      layout: layout?.tensors ?? pipeline.getBindGroupLayout(1),
      dynamic: layout?.dynamic ?? false,
    };
    this.faults.watch(this.device.popErrorScope(), `kernel '${name}' failed to compile`, source);
    if (keyed) this.byKey.set(shader.key, kernel);
    else this.bySource.set(shader, kernel);
    return kernel;
  }

  get size(): number {
    return this.bySource.size + this.byKey.size;
  }
}

const READ_TENSOR = /(@group\(1\)\s*@binding\(\d+\)\s*var<storage,\s*)read>/g;

/**
 * The source with its tensors (group 1) declared read_write. Small tensors share slab buffers
 * (buffer-pool.ts), and WebGPU forbids a buffer bound both read-only and writable in one
 * dispatch, even at ranges apart; writable bindings of ranges apart are allowed.
 */
function writable(source: string): string {
  return source.replace(READ_TENSOR, '$1read_write>');
}
