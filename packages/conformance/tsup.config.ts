import type { Options } from 'tsup';
import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// Three entry points: the runner-neutral suite, the vitest adapter (`@ag/conformance/vitest`) and
// the random-graph fuzzer (`@ag/conformance/fuzz`, which needs fast-check).
export default defineConfig({ ...(shared as Options), entry: ['src/index.ts', 'src/vitest.ts', 'src/fuzz/index.ts'] });
