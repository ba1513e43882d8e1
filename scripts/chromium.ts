/**
 * Headless Chromium with WebGPU on the project's machines (Debian's chromium, SwiftShader): the
 * one flag WebGPU needs, and what a machine without a sandbox or a network needs. Used by the
 * WebGPU backend's browser tests and by the outside-in release test.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
