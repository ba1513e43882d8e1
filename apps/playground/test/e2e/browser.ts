/** Debian's Chromium unless CHROMIUM_PATH names another (playwright-core never downloads one). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Headless Chromium as this machine needs it: the repository's one list (scripts/chromium.ts),
 * with WebGPU through SwiftShader; playwright adds a fresh user-data-dir itself.
 */
export { CHROMIUM_ARGS } from '../../../../scripts/chromium.ts';
