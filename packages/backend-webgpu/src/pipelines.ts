import type { FaultLog } from './faults.js';

/**
 * Compute pipelines compiled once per shader source (the source is the key: it already encodes
 * the op, dtypes and variant). Compilation errors are caught in an error scope and reported,
 * with the kernel's name, by the fault log, which every later read checks.
 */
export class PipelineCache {
  private readonly cache = new Map<string, GPUComputePipeline>();

  constructor(
    private readonly device: GPUDevice,
    private readonly faults: FaultLog,
  ) {}

  get(name: string, source: string): GPUComputePipeline {
    const hit = this.cache.get(source);
    if (hit !== undefined) return hit;
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ code: source, label: name });
    const pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: name });
    this.faults.watch(this.device.popErrorScope(), `kernel '${name}' failed to compile`, source);
    this.cache.set(source, pipeline);
    return pipeline;
  }

  get size(): number {
    return this.cache.size;
  }
}
