import { defineConfig } from 'tsup';

/**
 * Compiler options of the declaration build. `stripInternal` drops every member marked
 * `/** @internal *\/` (the per-run fields of autograd nodes, a tensor's storage and graph links),
 * so that the published types hold the public API only. core's declarations test emits with
 * these same options.
 */
export const dtsCompilerOptions = { stripInternal: true };

/** Every library builds the same way: ESM with declarations, from src/index.ts. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: { compilerOptions: dtsCompilerOptions },
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
