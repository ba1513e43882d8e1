import { defaultClientConditions, defineConfig } from 'vite';
import { isolationHeaders } from './server/isolation.ts';

// The workspace packages resolve to their TypeScript sources (the `@ag/source` export condition),
// so the page never waits for their builds. The page is cross-origin isolated (COOP + COEP), so
// SharedArrayBuffer exists and the CPU backend's WebAssembly matmul threads run.

// Rolldown's "slow plugin" report is about this machine's load, not the build: kept out of the output.
const rolldownOptions = { checks: { bundlerTimings: false } };

export default defineConfig({
  resolve: { conditions: ['@ag/source', ...defaultClientConditions] },
  worker: { format: 'es', rolldownOptions },
  // The runner worker carries all of ag (user code may call anything): bigger than Vite's default warning.
  build: { target: 'es2022', chunkSizeWarningLimit: 2048, rolldownOptions },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
});
