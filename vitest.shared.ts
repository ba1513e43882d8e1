import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@ag/source` export
// condition, so tests never wait for a build (published packages resolve to dist/).
const conditions = ['@ag/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@ag/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // CI machines are shared and have 2 cores; a test that learns or checks gradients by finite
    // differences can take seconds there. A timeout is a hang detector, not a speed check; the same
    // holds for hooks that copy, build or delete a tree while every other task loads the disk.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
