import { defaultClientConditions, defineConfig } from 'vite';
import { isolationHeaders } from './server/isolation.ts';

// The workspace packages resolve to their TypeScript sources (the `@ag/source` export condition),
// so the page never waits for their builds. The page is cross-origin isolated (COOP + COEP), so
// SharedArrayBuffer exists and the CPU backend's WebAssembly matmul threads run.
export default defineConfig({
  resolve: { conditions: ['@ag/source', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
});
