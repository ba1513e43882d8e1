// Type-checked against the published declarations under moduleResolution bundler, node16 and
// nodenext (an ES module: the project is "type": "module").
import { ones, registerBackend, type Tensor } from '@ag/core';
import { loadFile, saveFile } from '@ag/core/node';
import { cpu, setMatmulPath } from '@ag/backend-cpu';
import { webgpu, type WebGPUBackend } from '@ag/backend-webgpu';
import { conformanceTests, type ConformanceSuite } from '@ag/conformance';
import { runConformance } from '@ag/conformance/vitest';

registerBackend(cpu());
setMatmulPath('js');
const a: Tensor = ones([2, 2], { requiresGrad: true });
a.add(2).pow(2).sum().backward();
export const grad: Tensor | null = a.grad;
await saveFile({ a }, 'a.safetensors');
export const loaded: Record<string, Tensor> = await loadFile('a.safetensors');

// WebGPU's own types (GPU, GPUDevice) resolve through the backend's declarations.
export const gpuBackend = (gpu: GPU): Promise<WebGPUBackend> => webgpu({ gpu, fuse: true });
export type Device = GPUDevice;

export const suite: ConformanceSuite = conformanceTests({ setup: () => cpu() });
export const register: typeof runConformance = runConformance;

// The types are not `any`: a misuse is an error.
// @ts-expect-error: a tensor is not a string
export const wrong: string = a;
// @ts-expect-error: ones takes a shape, not a string
ones('2x2');
