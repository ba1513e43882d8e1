import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../../scripts/chromium.ts';
import { buildSite } from './site/build.ts';
import { brokenLinks } from './site/links.ts';
import { serveSite } from './site/serve.ts';

/**
 * The built site: it builds (VitePress fails on a dead internal link, TypeDoc on an undocumented
 * export), no anchor is broken, and its pages render in headless Chromium without console errors
 * in both languages. Built once: CI machines have two cores and the build takes a minute or two.
 */
let root = '';
let origin = '';
let server: Server | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  root = await buildSite();
  ({ origin, server } = await serveSite(root));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (root !== '') await rm(root, { recursive: true, force: true });
});

/** The first guide page of a language, when the guides are there (docs/guide/, docs/ko/guide/). */
async function guides(lang: string): Promise<string[]> {
  const dir = `${root}/${lang}guide`;
  if (!existsSync(dir)) return [];
  const pages = (await readdir(dir)).filter((p) => p.endsWith('.html')).sort();
  return pages.slice(0, 1).map((p) => `/${lang}guide/${p.replace(/\.html$/, '')}`);
}

describe('the built site', () => {
  it('has the pages of both languages and the API reference', () => {
    const tutorial = ['tutorial.html', 'ko/tutorial.html'];
    const generated = [...tutorial, 'conformance.html', 'ko/conformance.html', 'api/index.html'];
    for (const page of ['index.html', 'ko/index.html', ...generated])
      expect(existsSync(`${root}/${page}`), page).toBe(true);
  });

  it("shows the bench's latest results and chart in the performance guide, in both languages", async () => {
    const latest = new URL('../../../packages/bench/results/latest.json', import.meta.url);
    const rows = (JSON.parse(await readFile(latest, 'utf8')) as { rows: { label: string }[] }).rows;
    for (const lang of ['', 'ko/']) {
      const html = await readFile(`${root}/${lang}guide/performance.html`, 'utf8');
      for (const row of rows) expect(html, `${lang}guide/performance: ${row.label}`).toContain(`<td>${row.label}</td>`);
      expect(html).toMatch(/<img [^>]*src="\/generated\/bench\.svg"/);
    }
    expect(existsSync(`${root}/generated/bench.svg`)).toBe(true);
  });

  it('has no broken internal link or anchor', async () => {
    expect(await brokenLinks(root)).toEqual([]);
  });

  for (const lang of ['', 'ko/']) {
    it(`renders the home page, the tutorial, a guide and an API page without console errors (${lang || 'en'})`, async () => {
      const paths = [`/${lang}`, `/${lang}tutorial`, ...(await guides(lang)), '/api/@ag/core/classes/Tensor'];
      const page = await browser!.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      // Names what a 'Failed to load resource' console error failed to load.
      page.on('response', (r) => {
        if (r.status() >= 400) errors.push(`${page.url()}: ${r.status()} for ${r.url()}`);
      });
      await mkdir('test-results', { recursive: true });
      for (const path of paths) {
        const res = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
        expect(res?.status(), path).toBe(200);
        // The home page's hero, or a content page's title, once VitePress has hydrated it.
        const title = await page
          .locator(path.endsWith('/') ? '.VPHero .name' : '.vp-doc h1')
          .first()
          .innerText();
        expect(title.trim().length, path).toBeGreaterThan(0);
        await page.screenshot({ path: `test-results/docs${path.replace(/[/@]/g, '_')}.png` });
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
