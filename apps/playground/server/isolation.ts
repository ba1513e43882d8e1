/**
 * The headers that make the page cross-origin isolated: SharedArrayBuffer (the CPU backend's
 * WebAssembly threads share memory with their workers) and Atomics.wait in workers need them.
 * One list for `pnpm start`'s server and for vite's dev and preview servers.
 */
export const isolationHeaders: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
