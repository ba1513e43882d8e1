import { describe, expect, it } from 'vitest';
import { extractExamples } from './examples/extract.ts';
import { checkExample } from './examples/run.ts';
import { tsdocExamples } from './examples/tsdoc.ts';

/** The runner itself: it finds examples where the format says, and catches one that is wrong. */

const page = (code: string, printed: string, between = '\n'): string =>
  ['# A page', '', 'Some prose.', '', '```ts example', code, '```', between, '```text', printed, '```', ''].join('\n');

const SUM = "import { tensor } from '@ag/core';\nconsole.log(tensor([1, 2, 3]).sum());";

describe('extractExamples', () => {
  it('reads the code, its output and the line of its fence', () => {
    const [ex, ...rest] = extractExamples(page(SUM, 'tensor(6.)'), 'a.md');
    expect(rest).toEqual([]);
    expect(ex).toEqual({ file: 'a.md', line: 5, code: SUM, expected: 'tensor(6.)' });
  });

  it('leaves plain ts and text blocks alone', () => {
    expect(extractExamples('```ts\nconst a = 1;\n```\n\n```text\n1\n```\n', 'a.md')).toEqual([]);
  });

  it('does not take a fence inside a longer fence for an example', () => {
    expect(extractExamples('````md\n```ts example\nx\n```\n````\n', 'a.md')).toEqual([]);
  });

  it('rejects an example without its output block, naming the file and line', () => {
    expect(() => extractExamples(page(SUM, 'tensor(6.)', 'prose between'), 'b.md')).toThrow(
      /^b\.md:5: a `ts example` block must be followed by a `text` block/,
    );
    expect(() => extractExamples('```ts example\nx\n```\n', 'c.md')).toThrow(/^c\.md:1: /);
  });

  it('rejects a fence that never closes', () => {
    expect(() => extractExamples('text\n```ts example\nx\n', 'd.md')).toThrow(/^d\.md:2: a code fence/);
  });
});

describe('checkExample', () => {
  it('passes an example that prints what its page says (the sum of 1, 2, 3 is 6)', async () => {
    const [ex] = extractExamples(page(SUM, 'tensor(6.)'), 'ok.md');
    expect(await checkExample(ex!)).toBeNull();
  });

  it('catches an example whose output differs, naming its file and line', async () => {
    const [ex] = extractExamples(page(SUM, 'tensor(7.)'), 'wrong.md');
    const message = await checkExample(ex!);
    expect(message).toBe('wrong.md:5: the example printed\ntensor(6.)\nbut the page says\ntensor(7.)');
  });

  it('reports an example that throws, with its file and line', async () => {
    const [ex] = extractExamples(page("throw new Error('boom');", ''), 'throws.md');
    await expect(checkExample(ex!)).rejects.toThrow(/^throws\.md:5: the example threw: Error: boom/);
  });

  it('runs each example with its own module state', async () => {
    // Gradient mode is global state of @ag/core: turned off by one example, on again in the next.
    const grad = 'const x = ones([1], { requiresGrad: true });\nconsole.log(x.mul(2).requiresGrad);';
    const off = `import { ones, setGradEnabled } from '@ag/core';\nsetGradEnabled(false);\n${grad}`;
    const on = `import { ones } from '@ag/core';\n${grad}`;
    const [a] = extractExamples(page(off, 'false'), 'a.md');
    const [b] = extractExamples(page(on, 'true'), 'b.md');
    expect(await checkExample(a!)).toBeNull();
    expect(await checkExample(b!)).toBeNull();
  });
});

describe('tsdocExamples', () => {
  const source = (body: string[]): string =>
    [
      '// a module',
      '/**',
      ' * Sums.',
      ' *',
      ...body.map((l) => ` *${l === '' ? '' : ` ${l}`}`),
      ' */',
      'export {};',
    ].join('\n');

  it("reads an @example's code and output, at the line of its fence in the source", () => {
    const text = source(['@example', '```ts example', ...SUM.split('\n'), '```', '', '```text', 'tensor(6.)', '```']);
    expect(tsdocExamples(text, 'sum.ts')).toEqual([{ file: 'sum.ts', line: 6, code: SUM, expected: 'tensor(6.)' }]);
  });

  it('keeps the indentation of the code under the comment', () => {
    const text = source([
      '@example',
      '```ts example',
      'if (true) {',
      '  console.log(1);',
      '}',
      '```',
      '```text',
      '1',
      '```',
    ]);
    expect(tsdocExamples(text, 'a.ts')[0]!.code).toBe('if (true) {\n  console.log(1);\n}');
  });

  it('rejects an @example without a `ts example` block, naming the file and line', () => {
    const text = source(['@example', '```ts', 'sum(x);', '```', '@returns the sum']);
    expect(() => tsdocExamples(text, 'b.ts')).toThrow(/^b\.ts:5: an @example must hold a `ts example` block/);
  });

  it('leaves comments without @example alone', () => {
    expect(tsdocExamples(source(['@returns the sum', '```ts', 'x', '```']), 'c.ts')).toEqual([]);
  });
});
