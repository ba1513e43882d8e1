import { defineConfig } from 'vitest/config';

/** The outside-in release test (`pnpm test:outside`): packs, installs and uses the packages. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    // npm install, a Vite build and a browser on a shared 2-core machine: generous hang detectors.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
