import type { Options } from 'tsup';
import { defineConfig } from 'tsup';
import shared, { dtsCompilerOptions } from '../../tsup.shared.ts';

// The declarations name WebGPU's types (GPUDevice, GPUBuffer...): a consumer resolves them through
// this reference to @webgpu/types, a dependency of this package. (TypeScript would keep a
// `preserve="true"` directive from the sources, but tsup's declaration bundler drops it.)
export default defineConfig({
  ...(shared as Options),
  dts: { compilerOptions: dtsCompilerOptions, banner: '/// <reference types="@webgpu/types" />' },
});
