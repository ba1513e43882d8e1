import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { dtsCompilerOptions } from '../../../tsup.shared.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Emits core's declarations as the build does (core's tsconfig, the declaration options tsup
 * adds, and the shared `dtsCompilerOptions`), one file per module. What the build ships is these
 * declarations bundled from src/index.ts, so a name missing from all of them cannot ship.
 */
function emitDeclarations(): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const options: ts.CompilerOptions = {
    ...config.options,
    ...dtsCompilerOptions,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    outDir: '/dts',
  };
  const program = ts.createProgram([join(root, 'src/index.ts')], options);
  const out = new Map<string, string>();
  const result = program.emit(undefined, (name, text) => out.set(name, text));
  expect(result.emitSkipped).toBe(false);
  return out;
}

/** Identifiers starting with `_` outside comments and string literals: underscore members or parameters. */
function underscoreNames(dts: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, dts);
  const names: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.Identifier && /^_[A-Za-z]/.test(scanner.getTokenText()))
      names.push(scanner.getTokenText());
  }
  return names;
}

describe('published declarations', () => {
  it('name no underscore member (internals are marked @internal and stripped)', () => {
    const files = emitDeclarations();
    expect(files.size).toBeGreaterThan(10);
    const found: string[] = [];
    for (const [name, text] of files) {
      for (const id of new Set(underscoreNames(text))) found.push(`${name.replace('/dts/', '')}: ${id}`);
    }
    expect(found).toEqual([]);
    // A whole-program declaration emit: on a shared 2-core machine running the other packages'
    // tasks beside it, it can take a minute or more. The timeout only detects a hang.
  }, 300_000);
});
