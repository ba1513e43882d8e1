import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE, copyDawn } from '../../../scripts/portable.ts';

/**
 * `pnpm --filter @ag/bench bundle <dir>`: the whole benchmark as three JavaScript files (main and
 * the two child scripts it forks: one contender, one head-to-head pair) plus Dawn's native module
 * for this platform, so it runs on a machine with Node and a GPU driver but no pnpm, no
 * node_modules and no network (a lent GPU machine, say):
 *
 *   node <dir>/main.mjs "ag webgpu" "tfjs webgpu"     (results go to $AG_BENCH_OUT or <dir>/../results)
 *   node <dir>/main.mjs --head-to-head webgpu         (only the same-process pairs)
 *
 * Only the `webgpu` package stays outside the bundle (a native addon); tfjs-backend-wasm loads
 * .wasm files beside its own module, so its contender is left out of bundles. No code splitting:
 * with shared chunks, `await import('@tensorflow/tfjs')` (CommonJS) came back as a bare namespace.
 */
const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? join(here, '..', 'dist-bundle'));
const src = join(here, '..', 'src');

await build({
  entryPoints: {
    main: join(src, 'main.ts'),
    'run-contender': join(src, 'run-contender.ts'),
    'run-pair': join(src, 'run-pair.ts'),
  },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  ...NODE_BUNDLE,
  external: ['webgpu', '@tensorflow/tfjs-backend-wasm'],
});

const dawnNode = copyDawn(import.meta.filename, out);
const scripts = readdirSync(out).filter((f) => f.endsWith('.mjs'));
const mib = scripts.reduce((sum, f) => sum + statSync(join(out, f)).size, 0) / 2 ** 20;
process.stdout.write(`bundle in ${out}: ${scripts.length} scripts (${mib.toFixed(1)} MiB) and ${dawnNode}\n`);
