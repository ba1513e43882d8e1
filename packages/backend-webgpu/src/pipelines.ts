import type { FaultLog } from './faults.js';

/**
 * A shader: its WGSL source, or a short key that determines the source and a way to build it.
 * Hot kernels pass the keyed form, so that a cache hit costs neither building a source of
 * several KiB nor hashing it (about a third of an elementwise op's host time before).
 */
export type Shader = string | { readonly key: string; build(): string };

/**
 * Compute pipelines compiled once per shader (the source, or the key, already encodes the op,
 * dtypes and variant). Compilation errors are caught in an error scope and reported,
 * with the kernel's name, by the fault log, which every later read checks.
 */
export class PipelineCache {
  private readonly cache = new Map<string, GPUComputePipeline>();

  constructor(
    private readonly device: GPUDevice,
    private readonly faults: FaultLog,
  ) {}

  get(name: string, shader: Shader): GPUComputePipeline {
    // Keys get a prefix no WGSL source starts with, so the two kinds never collide.
    const key = typeof shader === 'string' ? shader : `#${shader.key}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const source = typeof shader === 'string' ? shader : shader.build();
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ code: source, label: name });
    const pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: name });
    this.faults.watch(this.device.popErrorScope(), `kernel '${name}' failed to compile`, source);
    this.cache.set(key, pipeline);
    return pipeline;
  }

  get size(): number {
    return this.cache.size;
  }
}
