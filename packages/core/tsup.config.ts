import type { Options } from 'tsup';
import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// Two entry points: the main one (browsers and Node), and `@ag/core/node` (the file helpers),
// which imports the main one by the package's name (external), so the two share no chunk.
export default defineConfig({ ...(shared as Options), entry: ['src/index.ts', 'src/node.ts'], external: ['@ag/core'] });
