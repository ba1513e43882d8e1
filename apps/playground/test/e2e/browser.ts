/** Debian's Chromium unless CHROMIUM_PATH names another (playwright-core never downloads one). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Headless Chromium as this machine needs it (shared/TOOLCHAIN.md): WebGPU through SwiftShader
 * with --enable-unsafe-webgpu, no sandbox (root), nothing that reaches the network.
 * playwright adds --headless and a fresh user-data-dir itself.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
