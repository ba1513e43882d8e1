import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { isolationHeaders } from './isolation.ts';
import { precompress } from './precompress.ts';

export interface Served {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built page (`dir`, vite's dist/) cross-origin isolated. sirv sets the MIME types
 * (text/javascript for modules and workers, application/wasm for WebAssembly) and serves the
 * brotli or gzip file the browser accepts (written here once per build); unknown paths fall back
 * to index.html. Port 0 picks a free port.
 */
export async function startServer(dir: string, port = 0, host = '127.0.0.1'): Promise<Served> {
  precompress(dir);
  const files = sirv(dir, {
    brotli: true,
    gzip: true,
    single: true,
    etag: true,
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
      // Same-origin resources under COEP: say so, so a future cross-origin embed of them still loads.
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    },
  });
  const server: Server = createServer((req, res) => {
    files(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => {
          if (e) reject(e);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
