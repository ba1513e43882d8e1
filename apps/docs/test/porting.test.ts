import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ag from '@ag/core';
import { cpu } from '@ag/backend-cpu';

// The porting guide's tables promise that each ag form in their second column exists. This test
// reads those columns and resolves every name they use, so a rename in core fails here rather
// than on a reader's screen.

const pages = ['../docs/porting.md', '../docs/ko/porting.md'].map((rel) =>
  fileURLToPath(new URL(rel, import.meta.url)),
);

/** The code spans of the second column of every table row (header and separator rows skipped). */
export function agColumnSpans(markdown: string): string[] {
  const spans: string[] = [];
  const lines = markdown.split('\n');
  for (const [i, line] of lines.entries()) {
    if (!line.startsWith('|')) continue;
    const next = lines[i + 1] ?? '';
    if (/^\|\s*-/.test(line) || /^\|\s*-/.test(next)) continue; // separator, or the header above it
    const cells = line.split('|');
    const ag = cells[2] ?? '';
    for (const m of ag.matchAll(/`([^`]+)`/g)) spans.push(m[1]!);
  }
  return spans;
}

/** The dotted name a span uses (`await x.item()` -> `x.item`), or null for an object or string literal. */
export function referencedName(span: string): string | null {
  const code = span
    .replace(/^await\s+/, '')
    .replace(/^new\s+/, '')
    .replace(/^class\s+\w+\s+extends\s+/, '');
  const m = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/.exec(code);
  return m ? m[0] : null;
}

describe('porting guide', () => {
  // What the table's placeholder names stand for: real objects, so instance fields and getters count.
  const receivers: Record<string, unknown> = {};
  beforeAll(() => {
    ag.registerBackend(cpu());
    const leaf = ag.ones([2, 2], { requiresGrad: true });
    const model = new ag.nn.Linear(2, 2);
    const opt = new ag.optim.SGD(model.parameters(), { lr: 0.1 });
    receivers.x = leaf.mul(2); // not a leaf, so x.gradFn is a Node
    receivers.y = receivers.x;
    receivers.model = model;
    receivers.opt = opt;
    receivers.sched = new ag.optim.StepLR(opt, 10);
    receivers.ctx = new ag.FunctionCtx();
    receivers.console = console; // `console.log(x)`, PyTorch's print
  });

  function resolves(name: string): boolean {
    const [head, ...path] = name.split('.') as [string, ...string[]];
    let value: unknown = head in receivers ? receivers[head] : (ag as Record<string, unknown>)[head];
    if (value === undefined) return false;
    for (const key of path) {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || !(key in value)) return false;
      value = (value as Record<string, unknown>)[key];
    }
    return true;
  }

  for (const page of pages) {
    const lang = page.includes('/ko/') ? 'ko' : 'en';
    it(`every ag name in the ${lang} table exists`, () => {
      let markdown: string;
      try {
        markdown = readFileSync(page, 'utf8');
      } catch {
        if (lang === 'ko') return; // the Korean page may not exist yet; the English one must
        throw new Error(`missing ${page}`);
      }
      const names = agColumnSpans(markdown)
        .map(referencedName)
        .filter((n): n is string => n !== null);
      expect(names.length).toBeGreaterThan(80);
      const missing = names.filter((n) => !resolves(n));
      expect(missing).toEqual([]);
    });
  }

  it('a name that does not exist is caught', () => {
    expect(resolves('x.itemz')).toBe(false);
    expect(resolves('nn.Linearr')).toBe(false);
    expect(resolves('noGradd')).toBe(false);
    expect(resolves('x.gradFn.registerPrehook')).toBe(true);
  });

  it('reads the placeholders and literals of a span as expected', () => {
    expect(referencedName('await x.item()')).toBe('x.item');
    expect(referencedName('new optim.Adam(ps, { lr: 1e-3 })')).toBe('optim.Adam');
    expect(referencedName('class F extends Function')).toBe('Function');
    expect(referencedName('{ requiresGrad: true }')).toBeNull();
    expect(referencedName("'float32'")).toBeNull();
  });
});
