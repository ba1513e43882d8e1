import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * What the portable bundles (the benchmark's and the conformance suite's) share: they run with a
 * plain `node` on machines without pnpm or node_modules (a lent GPU machine), so everything is
 * bundled except the `webgpu` package, a native addon copied beside the scripts.
 */
export const NODE_BUNDLE: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@ag/source'],
  external: ['webgpu'],
  // Some bundled CommonJS modules call require(); ESM output has none unless given one.
  banner: {
    js: "import { createRequire as agPortableRequire } from 'node:module'; const require = agPortableRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

/**
 * Copies the `webgpu` package (as resolved from `from`) into `out/node_modules`: its loader and the
 * one dawn.node of this platform (the package carries five, about 100 MB). Returns that file's path.
 */
export function copyDawn(from: string, out: string): string {
  const require = createRequire(from);
  const webgpuDir = dirname(require.resolve('webgpu/package.json'));
  const platformDir = `dist/${process.platform}-${process.platform === 'darwin' ? 'universal' : process.arch}`;
  const target = join(out, 'node_modules', 'webgpu');
  mkdirSync(join(target, platformDir), { recursive: true });
  for (const f of ['index.js', 'package.json', `${platformDir}/dawn.node`])
    copyFileSync(join(webgpuDir, f), join(target, f));
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2) + '\n');
  return `${platformDir}/dawn.node`;
}
