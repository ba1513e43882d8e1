/**
 * @ag/backend-webgpu: every primitive of ag's Backend interface in WGSL, for browsers
 * (`navigator.gpu`) and Node (the `webgpu` package, Dawn).
 */
export { webgpu, isWebGPUAvailable, type WebGPUBackend, type WebGPUOptions } from './backend.js';
export type { GpuStorage } from './runtime.js';
export type { PoolStats } from './buffer-pool.js';
