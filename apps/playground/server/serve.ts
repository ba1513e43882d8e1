import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.ts';

/**
 * `pnpm start`'s server: the production build (dist/, built just before by `vite build`) with the
 * isolation headers, on PORT (default 4173) and HOST (default 127.0.0.1).
 */
const dist = fileURLToPath(new URL('../dist', import.meta.url));
if (!existsSync(`${dist}/index.html`)) {
  console.error(`ag playground: no build in ${dist}; run \`pnpm start\` (it builds first) or \`vite build\``);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
try {
  const { url } = await startServer(dist, port, host);
  console.log(`ag playground: ${url}  (Ctrl+C stops it)`);
} catch (e) {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error(`ag playground: port ${port} is in use; set PORT to another one`);
  else console.error(`ag playground: ${(e as Error).message}`);
  process.exit(1);
}
