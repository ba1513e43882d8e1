import type { Backend } from '@ag/core';
import { DeviceError } from '@ag/core';
import type { PoolStats } from './buffer-pool.js';
import { makeKernels } from './kernels/index.js';
import type { GpuStorage } from './runtime.js';
import { Runtime } from './runtime.js';

export interface WebGPUOptions {
  /** The GPU entry point: `navigator.gpu` in browsers (the default), `create([])` of the `webgpu` package in Node. */
  readonly gpu?: GPU;
  readonly powerPreference?: GPUPowerPreference;
  /**
   * Tune kernels for a CPU emulating a GPU (fewer shader variants, tiles sized for no idle
   * multiprocessors) or for a real GPU. Detected from the adapter by default (llvmpipe,
   * SwiftShader, fallback adapters); forcing it lets tests run either set of kernels anywhere.
   */
  readonly emulated?: boolean;
  /**
   * Fuse chains of elementwise kernels into one dispatch at each flush (default true); false
   * launches every kernel as recorded, to compare or to rule fusion out.
   */
  readonly fuse?: boolean;
  /**
   * Tensors of at most this many elements made by uploads and fills keep their values on the
   * host, and exact elementwise ops over them (float32 add, sub, mul, neg, copy) run there, as
   * a kernel launch costs far more than a few elements' arithmetic; a kernel that needs one on
   * the device uploads it then. Default 256; 0 keeps every tensor on the device.
   */
  readonly hostElements?: number;
}

/** The default `hostElements`. */
export const HOST_ELEMENTS = 256;

/** The WebGPU backend: a `Backend` plus what is specific to a GPU device. */
export interface WebGPUBackend extends Backend<GpuStorage> {
  readonly device: GPUDevice;
  readonly adapterInfo: GPUAdapterInfo;
  /**
   * Buffers held by tensors and buffers pooled for reuse, with their bytes; storages holding
   * their values on the host (`hostElements`); pipelines compiled;
   * fused dispatches launched and the elementwise dispatches they replaced, so far.
   */
  memory(): PoolStats & { hostStorages: number; pipelines: number; fusedChains: number; fusedKernels: number };
  /** Submits the recorded kernels now (they are otherwise submitted at the end of the current task). */
  flush(): void;
  /** Frees the pooled (unused) buffers back to the driver. */
  trim(): void;
}

const HOW_TO =
  'In a browser, use one with WebGPU enabled (Chrome 113+; headless Chromium needs --enable-unsafe-webgpu). ' +
  "In Node, pass `webgpu({ gpu: create([]) })` with `import { create } from 'webgpu'`, and install a Vulkan driver " +
  '(on Debian 12 without a GPU: Mesa lavapipe from bookworm-backports, `apt-get install -t bookworm-backports mesa-vulkan-drivers libvulkan1`). ' +
  'Or fall back to the CPU backend (see `isWebGPUAvailable`).';

function defaultGpu(): GPU | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return nav?.gpu;
}

/** Requests an adapter, or explains why there is none. */
async function adapterFrom(options: WebGPUOptions): Promise<{ gpu: GPU; adapter: GPUAdapter }> {
  const gpu = options.gpu ?? defaultGpu();
  if (gpu === undefined)
    throw new DeviceError(
      `webgpu: no WebGPU here (navigator.gpu is missing and no \`gpu\` option was given). ${HOW_TO}`,
    );
  const adapter = await gpu.requestAdapter(
    options.powerPreference === undefined ? {} : { powerPreference: options.powerPreference },
  );
  if (adapter === null)
    throw new DeviceError(`webgpu: requestAdapter() found no GPU adapter (no WebGPU-capable driver). ${HOW_TO}`);
  return { gpu, adapter };
}

/** Whether `webgpu(options)` would find an adapter; lets an app fall back to the CPU. */
export async function isWebGPUAvailable(options: WebGPUOptions = {}): Promise<boolean> {
  try {
    await adapterFrom(options);
    return true;
  } catch {
    return false;
  }
}

/** Whether the adapter is the CPU emulating a GPU (Mesa's llvmpipe/lavapipe, SwiftShader, a fallback adapter). */
function isEmulated(adapter: GPUAdapter): boolean {
  const info = adapter.info;
  // Older implementations lack isFallbackAdapter: read it as possibly absent.
  const fallback = (info as { readonly isFallbackAdapter?: boolean }).isFallbackAdapter ?? false;
  const names = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
  return fallback || /llvmpipe|lavapipe|swiftshader/i.test(names);
}

/**
 * Creates the WebGPU backend on a fresh device, with the adapter's largest buffer limits. The
 * `gpu` object is kept on the backend: in Node, Dawn aborts the process if the object that
 * `create([])` returned is collected while its device lives.
 */
export async function webgpu(options: WebGPUOptions = {}): Promise<WebGPUBackend> {
  const { gpu, adapter } = await adapterFrom(options);
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      // Small tensors are slots of shared buffers (buffer-pool.ts): the finer the alignment, the less padding.
      minStorageBufferOffsetAlignment: adapter.limits.minStorageBufferOffsetAlignment,
      // Tensors bound at dynamic offsets (layouts.ts): as many per kernel as the adapter allows.
      maxDynamicStorageBuffersPerPipelineLayout: adapter.limits.maxDynamicStorageBuffersPerPipelineLayout,
    },
  });
  const rt = new Runtime(
    device,
    options.emulated ?? isEmulated(adapter),
    options.fuse ?? true,
    options.hostElements ?? HOST_ELEMENTS,
  );
  const backend: WebGPUBackend & { readonly gpu: GPU } = {
    name: 'webgpu',
    dtypes: ['float32', 'int32', 'bool', 'float16', 'bfloat16', 'uint8', 'int8'],
    gpu,
    device,
    adapterInfo: adapter.info,
    upload: (data, dtype) => rt.upload(data, dtype),
    read: (storage, dtype, size) => rt.read(storage, dtype, size),
    checkIndices: (index, size, ignore, describe, Kind) => {
      rt.indexChecks.record(index, size, ignore, describe, Kind);
    },
    free: (storage) => {
      rt.free(storage);
    },
    kernels: makeKernels(rt),
    memory: () => ({
      ...rt.pool.stats(),
      hostStorages: rt.hostStorages,
      pipelines: rt.pipelines.size,
      fusedChains: rt.fuser?.stats.chains ?? 0,
      fusedKernels: rt.fuser?.stats.kernels ?? 0,
    }),
    flush: () => {
      rt.batch.flush();
    },
    trim: () => {
      rt.trim();
    },
  };
  return backend;
}
