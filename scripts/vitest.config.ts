import { defineConfig } from 'vitest/config';

/** The repository's own checks (task graph, formatting): `pnpm test:repo`. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Copying and deleting the working tree runs beside every other task on a 2-core CI machine.
    hookTimeout: 120_000,
  },
});
