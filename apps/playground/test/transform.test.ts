import { describe, expect, it } from 'vitest';
import { CellSyntaxError, compileCell } from '../src/worker/transform.ts';

describe('compileCell', () => {
  it('keeps every line where it was (error lines are the cell lines)', () => {
    const source =
      "import { ones } from '@ag/core';\nconst a: number[] = [1,\n  2];\nlet b;\nfunction f(x: number) {\n  return x;\n}\nclass C {}\nf(a[0]!)";
    const { body } = compileCell(source);
    expect(body.split('\n')).toHaveLength(source.split('\n').length);
    expect(body.split('\n')[4]).toContain('function f(x) {');
  });

  it('finds the top-level names, imported and declared (patterns too), not nested ones', () => {
    const { declared } = compileCell(
      "import { ones, tensor as t } from '@ag/core';\nimport * as ag from '@ag/core';\nconst { a, b: [c, ...d] } = x;\nlet e = 1, g;\nfunction h() { const inner = 1; }\nclass K {}",
    );
    expect(declared.sort()).toEqual(['a', 'ag', 'c', 'd', 'e', 'g', 'h', 'K', 'ones', 't'].sort());
  });

  it('returns the last expression, and only an expression', () => {
    expect(compileCell('const a = 1;\na + 1').returnsValue).toBe(true);
    expect(compileCell('a + 1;\nconst b = 2;').returnsValue).toBe(false);
    expect(compileCell('for (;;) break;').returnsValue).toBe(false);
  });

  it('drops type-only imports and keeps the others even when the cell does not use them', () => {
    const { body, declared } = compileCell("import type { Tensor } from '@ag/core';\nimport { ones } from '@ag/core';");
    expect(declared).toEqual(['ones']);
    expect(body).toContain('__import("@ag/core", "ones")');
  });

  it('reports a syntax error with its line', () => {
    const err = (() => {
      try {
        compileCell('const a = 1;\n\nconst b = (a;');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CellSyntaxError);
    expect((err as CellSyntaxError).line).toBe(3);
  });

  it('refuses export with a clear message', () => {
    expect(() => compileCell('export const a = 1;')).toThrow(/export: a cell cannot export/);
  });
});
