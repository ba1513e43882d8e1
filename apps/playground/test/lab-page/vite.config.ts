import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    conditions: ['@ag/source', 'module', 'browser', 'development|production'],
    alias: [{ find: /^\.\.\/worker\/backends\.js$/, replacement: fileURLToPath(new URL('./backends.ts', import.meta.url)) }],
  },
  worker: { format: 'es' },
  server: { headers },
  preview: { headers },
  build: { outDir: '/tmp/lab-page-dist', emptyOutDir: true, target: 'es2022' },
});
