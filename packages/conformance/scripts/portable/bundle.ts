import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE, copyDawn } from '../../../../scripts/portable.ts';

/**
 * `pnpm --filter @ag/conformance bundle:portable <suite.test.ts> <dir>`: one backend's conformance
 * suite file as a single script that runs with plain Node, no pnpm or vitest (a lent GPU machine
 * has neither): `node <dir>/conformance.mjs` prints each failure and a summary and exits non-zero
 * if any case failed. vitest is replaced by vitest-shim.ts; the `webgpu` native package is copied
 * beside the script for this platform.
 */
const here = dirname(fileURLToPath(import.meta.url));
const [suiteArg, outArg] = process.argv.slice(2);
if (suiteArg === undefined || outArg === undefined) throw new Error('usage: bundle:portable <suite.test.ts> <out dir>');
const suite = resolve(process.env.INIT_CWD ?? process.cwd(), suiteArg);
const out = resolve(process.env.INIT_CWD ?? process.cwd(), outArg);
const TEST_TIMEOUT_MS = 60_000;

await build({
  stdin: {
    contents: [
      `import './${relative(here, suite).replaceAll('\\', '/')}';`,
      `import { runRegistered } from './vitest-shim.ts';`,
      `process.exitCode = (await runRegistered(${TEST_TIMEOUT_MS})) > 0 ? 1 : 0;`,
      // Dawn keeps handles open: leave once the summary is out.
      `process.exit();`,
    ].join('\n'),
    resolveDir: here,
    loader: 'ts',
    sourcefile: 'portable-main.ts',
  },
  outfile: join(out, 'conformance.mjs'),
  ...NODE_BUNDLE,
  alias: { vitest: join(here, 'vitest-shim.ts') },
  ignoreAnnotations: true, // the suite file is imported for its side effects (registering tests)
});
copyDawn(suite, out);
process.stdout.write(`portable suite in ${out}: node ${join(out, 'conformance.mjs')}\n`);
