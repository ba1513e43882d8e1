import type { Options } from 'tsup';
import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// Two entry points: the runner-neutral suite, and the vitest adapter (`@ag/conformance/vitest`).
export default defineConfig({ ...(shared as Options), entry: ['src/index.ts', 'src/vitest.ts'] });
