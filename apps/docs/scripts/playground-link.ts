// lz-string is CommonJS: Node gives its exports as the default export only.
import lz from 'lz-string';
// The playground's own notebook-as-text format (cells joined by a `// %%` line), not a copy of it.
import { joinCells } from '../../playground/src/examples/cells.ts';

/**
 * Where the playground is served: `pnpm start` serves it on 127.0.0.1:4173 (apps/playground's
 * server); a deployed site sets AG_PLAYGROUND_URL to the playground's public address.
 */
export const playgroundUrl = process.env.AG_PLAYGROUND_URL ?? 'http://127.0.0.1:4173/';

/**
 * A link that opens `cells` in the playground: the playground reads its notebook from the hash
 * `#code=<lz-string compressed text>` (apps/playground/src/share.ts) and runs nothing until asked.
 */
export function playgroundLink(cells: readonly string[], base: string = playgroundUrl): string {
  return `${base}#code=${lz.compressToEncodedURIComponent(joinCells(cells))}`;
}
