import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/**
 * What a link carries: the notebook's code and the training lab's settings, each compressed with
 * lz-string into the URL's hash (`#code=...&lab=...`). The hash never reaches a server, and
 * `history.replaceState` keeps the back button for real navigation. A shared link loads; it never
 * runs anything until the user presses Run.
 */
export type SharedKey = 'code' | 'lab';

/** The hash's fields. Split by hand: URLSearchParams would read lz-string's '+' as a space. */
function fields(): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of location.hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

/** The value stored under `key` in the URL, or null when the link has none (or it is corrupt). */
export function readShared(key: SharedKey): string | null {
  const packed = fields().get(key);
  if (packed === undefined) return null;
  return decompressFromEncodedURIComponent(packed) || null;
}

/** Stores `value` under `key` in the URL (null removes it), keeping the other key. */
export function writeShared(key: SharedKey, value: string | null): void {
  const all = fields();
  if (value === null) all.delete(key);
  else all.set(key, compressToEncodedURIComponent(value));
  const hash = [...all].map(([k, v]) => `${k}=${v}`).join('&');
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash === '' ? '' : `#${hash}`}`);
}

/** The hash a link needs to carry `value` under `key` alone (tests and the Share button use it). */
export function sharedHash(key: SharedKey, value: string): string {
  return `#${key}=${compressToEncodedURIComponent(value)}`;
}
