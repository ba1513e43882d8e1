import { readFile, readdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileFor } from './serve.ts';

/** The ids a page's HTML declares (the targets of `#anchor` links). */
function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!));
}

const unescape = (href: string): string => href.replace(/&amp;/g, '&').replace(/&quot;/g, '"');

/**
 * Every internal link of a built site whose page or anchor is missing, as `page -> href`.
 * VitePress's build already fails on a link to a missing page; this also checks the `#anchor`
 * part against the ids of the page it points to, and the links TypeDoc's pages carry.
 */
export async function brokenLinks(root: string): Promise<string[]> {
  const pages = (await readdir(root, { recursive: true })).filter((p) => p.endsWith('.html'));
  const html = new Map<string, string>();
  for (const p of pages) html.set(`${root}/${p}`, await readFile(`${root}/${p}`, 'utf8'));
  const broken: string[] = [];
  for (const [file, text] of html) {
    const pageUrl = new URL(
      `http://site/${relative(root, file)
        .replace(/(^|\/)index\.html$/, '$1')
        .replace(/\.html$/, '')}`,
    );
    for (const m of text.matchAll(/\shref="([^"]*)"/g)) {
      const href = unescape(m[1]!);
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const url = new URL(href, pageUrl);
      const target = url.pathname === pageUrl.pathname ? file : fileFor(root, url.pathname);
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (target === null) broken.push(`${relative(root, file)} -> ${href}`);
      else if (anchor !== '' && target.endsWith('.html') && !ids(html.get(target) ?? '').has(anchor))
        broken.push(`${relative(root, file)} -> ${href} (no such anchor)`);
    }
  }
  return broken;
}
