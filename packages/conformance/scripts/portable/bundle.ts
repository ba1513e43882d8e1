import { writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE, copyDawn } from '../../../../scripts/portable.ts';

/**
 * `pnpm --filter @ag/conformance bundle:portable <options.ts> <dir>`: one backend's conformance
 * suite as a single script that runs with plain Node, no pnpm or vitest (a lent GPU machine has
 * neither): `node <dir>/conformance.mjs` prints each failure and a summary and exits non-zero if
 * any case failed. `<options.ts>` is a module whose default export is the backend's
 * `ConformanceOptions` (each backend's test/conformance-options.ts, which its vitest suite file
 * uses too); the suite runs through run.ts, no vitest involved. A suite that loads Dawn gets the
 * `webgpu` native package copied beside the script, for this platform.
 */
const here = dirname(fileURLToPath(import.meta.url));
const [optionsArg, outArg] = process.argv.slice(2);
if (optionsArg === undefined || outArg === undefined)
  throw new Error('usage: bundle:portable <conformance-options.ts> <out dir>');
const options = resolve(process.env.INIT_CWD ?? process.cwd(), optionsArg);
const out = resolve(process.env.INIT_CWD ?? process.cwd(), outArg);
const TEST_TIMEOUT_MS = 60_000;

const result = await build({
  stdin: {
    contents: [
      `import options from './${relative(here, options).replaceAll('\\', '/')}';`,
      `import { runPortable } from './run.ts';`,
      `process.exitCode = (await runPortable(options, ${TEST_TIMEOUT_MS})) > 0 ? 1 : 0;`,
      // Dawn keeps handles open: leave once the summary is out.
      `process.exit();`,
    ].join('\n'),
    resolveDir: here,
    loader: 'ts',
    sourcefile: 'portable-main.ts',
  },
  outfile: join(out, 'suite.mjs'),
  ...NODE_BUNDLE,
  sourcemap: 'inline',
  metafile: true,
});
// Stacks name the source files (a case checks that anomaly mode points at its forward call): Node
// maps them only for modules loaded after source maps are enabled, hence a two-line entry.
writeFileSync(join(out, 'conformance.mjs'), "process.setSourceMapsEnabled(true);\nawait import('./suite.mjs');\n");
// Only a suite that loads Dawn (WebGPU in Node) needs its native package beside the script.
const external = Object.values(result.metafile.outputs).flatMap((o) =>
  o.imports.filter((i) => i.external).map((i) => i.path),
);
if (external.includes('webgpu')) copyDawn(options, out);
process.stdout.write(`portable suite in ${out}: node ${join(out, 'conformance.mjs')}\n`);
