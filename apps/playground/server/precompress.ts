import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text files worth compressing; WebAssembly is inlined in the bundles, images are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|wasm)$/;

/**
 * Writes a .br and a .gz beside every text file of the build that lacks them, so sirv serves the
 * smallest one the browser accepts (the page's JavaScript is about a quarter of its size gzipped).
 * Once per build: files already compressed are left alone.
 */
export function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      precompress(path);
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const data = readFileSync(path);
    if (!exists(`${path}.gz`)) writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
    if (!exists(`${path}.br`)) {
      writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
