import { parse, type Node as AcornNode, type Pattern, type Program } from 'acorn';

type TopLevel = Program['body'][number];
import { transform } from 'sucrase';

/**
 * Turns a cell's TypeScript into the body of an async function that runs it notebook-style.
 *
 * Sucrase strips the types. It was chosen over esbuild-wasm and TypeScript's transpileModule
 * because it is small (no WebAssembly, no compiler), fast, and keeps every line where it was, so
 * an error's line in the transformed code is its line in the user's cell, with no source map.
 * Acorn then parses the result to find the cell's top-level declarations and its last expression:
 * - `import { ones } from '@ag/core'` becomes `ones = __import('@ag/core', 'ones')`;
 * - `const`/`let`/`var` and class declarations become assignments, so the names live in the
 *   notebook's scope object and later cells see them (the body runs inside `with (scope)`);
 *   function declarations stay (hoisted) and are copied into the scope when the cell starts;
 * - a last expression statement becomes `return (expr)`, whose repr the cell shows.
 * Every edit stays on its line, so line numbers survive.
 */
export interface CellProgram {
  /** The function body (sloppy mode, for `with`), its lines the cell's lines. */
  body: string;
  /** Names the cell declares at top level; they must exist in the scope before the body runs. */
  declared: string[];
  /**
   * Functions the cell declares: they stay declarations (hoisted, callable above their line), so
   * the runner puts each in the scope object when the cell starts, for later cells to see.
   */
  functions: string[];
  /** Whether the cell ends in an expression whose value is returned. */
  returnsValue: boolean;
}

/** A syntax error in the user's cell, with its 1-based line. */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

interface Edit {
  at: number;
  end: number;
  text: string;
}

export function compileCell(source: string): CellProgram {
  let js: string;
  try {
    // Only the typescript transform: imports are rewritten below, so imported names outlive the cell
    // (kept even where this cell does not use them: a later cell may).
    js = transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (e) {
    throw toSyntaxError(e);
  }
  let program: Program;
  try {
    program = parse(js, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      allowAwaitOutsideFunction: true,
      locations: true,
    });
  } catch (e) {
    throw toSyntaxError(e);
  }
  const edits: Edit[] = [];
  const declared: string[] = [];
  const functions: string[] = [];
  const text = (n: { start: number; end: number }): string => js.slice(n.start, n.end);
  const body = program.body;
  body.forEach((stmt, i) => {
    rewrite(stmt, i === body.length - 1, edits, declared, functions, text);
  });
  const lastStmt = body.at(-1);
  const returnsValue = lastStmt?.type === 'ExpressionStatement';
  let out = '';
  let pos = 0;
  for (const e of edits.sort((a, b) => a.at - b.at || a.end - b.end)) {
    out += js.slice(pos, e.at) + e.text;
    pos = e.end;
  }
  out += js.slice(pos);
  return { body: out, declared: [...new Set(declared)], functions, returnsValue };
}

function rewrite(
  node: TopLevel,
  last: boolean,
  edits: Edit[],
  declared: string[],
  functions: string[],
  text: (n: { start: number; end: number }) => string,
): void {
  if (node.type === 'ImportDeclaration') {
    const from = JSON.stringify(node.source.value);
    const parts = node.specifiers.map((s) => {
      declared.push(s.local.name);
      if (s.type === 'ImportNamespaceSpecifier') return `${s.local.name} = __import(${from})`;
      if (s.type === 'ImportDefaultSpecifier') return `${s.local.name} = __import(${from}, 'default')`;
      const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
      return `${s.local.name} = __import(${from}, ${JSON.stringify(imported)})`;
    });
    // A bare `import 'x'` still checks that x is a module the playground has.
    const code = parts.length > 0 ? parts.join(', ') : `__import(${from})`;
    edits.push({ at: node.start, end: node.end, text: `;${code};${newlines(text(node))}` });
  } else if (
    node.type === 'ExportNamedDeclaration' ||
    node.type === 'ExportDefaultDeclaration' ||
    node.type === 'ExportAllDeclaration'
  ) {
    throw new CellSyntaxError(
      'export: a cell cannot export; its top-level names are already shared with later cells',
      lineOf(node),
    );
  } else if (node.type === 'VariableDeclaration') {
    const first = node.declarations[0]!;
    edits.push({ at: node.start, end: first.start, text: ';(' });
    for (const d of node.declarations) {
      names(d.id, declared);
      if (d.init) {
        edits.push({ at: d.init.start, end: d.init.start, text: '(' });
        edits.push({ at: d.init.end, end: d.init.end, text: ')' });
      } else edits.push({ at: d.id.end, end: d.id.end, text: ' = undefined' });
    }
    const end = text(node).endsWith(';') ? node.end - 1 : node.end;
    edits.push({ at: end, end: node.end, text: ');' });
  } else if (node.type === 'FunctionDeclaration') {
    // Left a declaration, so it stays hoisted to the top of the cell (sloppy mode hoists a function
    // declared in a block to the block's start); `functions` copies it into the scope there.
    declared.push(node.id.name);
    functions.push(node.id.name);
  } else if (node.type === 'ClassDeclaration') {
    declared.push(node.id.name);
    edits.push({ at: node.start, end: node.start, text: `;${node.id.name} = ` });
    edits.push({ at: node.end, end: node.end, text: ';' });
  } else if (node.type === 'ExpressionStatement' && last) {
    edits.push({ at: node.start, end: node.expression.start, text: ';return (' });
    edits.push({ at: node.expression.end, end: node.end, text: ');' });
  }
}

/** The names a declaration's pattern binds (`{ a, b: [c, ...d] }` binds a, c and d). */
function names(p: Pattern, out: string[]): void {
  switch (p.type) {
    case 'Identifier':
      out.push(p.name);
      return;
    case 'ObjectPattern':
      for (const prop of p.properties) names(prop.type === 'RestElement' ? prop.argument : prop.value, out);
      return;
    case 'ArrayPattern':
      for (const el of p.elements) if (el) names(el, out);
      return;
    case 'RestElement':
      names(p.argument, out);
      return;
    case 'AssignmentPattern':
      names(p.left, out);
      return;
    case 'MemberExpression':
      return;
  }
}

/** The line breaks inside a replaced span, kept so that later lines do not move. */
function newlines(s: string): string {
  return '\n'.repeat(s.split('\n').length - 1);
}

function lineOf(node: AcornNode): number {
  return node.loc?.start.line ?? 1;
}

/** Sucrase and acorn both report `(line:column)`; the line is the user's (no lines move). */
function toSyntaxError(e: unknown): CellSyntaxError {
  const err = e as Error & { loc?: { line: number } };
  const line = err.loc?.line ?? Number(/\((\d+):\d+\)/.exec(err.message)?.[1] ?? 1);
  const message = err.message.replace(/\s*\(\d+:\d+\)\s*$/, '');
  return new CellSyntaxError(message, line);
}
