import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { Completions } from '../worker/protocol.ts';

/**
 * Completion of ag's names. The lists come from the runner worker's actual modules (the exports
 * of @ag/core and the backends, a Tensor's methods), sent when it starts, so they never drift
 * from the library. After a dot, a Tensor's members (the editor has no types, and most values in
 * a cell are tensors); inside `import { ... } from 'm'`, m's exports; elsewhere, the exports of
 * @ag/core and the notebook's builtins.
 */
export function agCompletions(names: () => Completions | null): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const known = names();
    if (known === null) return null;
    const member = context.matchBefore(/\.\w*$/);
    if (member) {
      return {
        from: member.from + 1,
        options: known.tensor.map((n) => ({ label: n, type: 'method' })),
        validFor: /^\w*$/,
      };
    }
    const word = context.matchBefore(/\w+$/);
    if (!word && !context.explicit) return null;
    const from = word?.from ?? context.pos;
    const importFrom = importSource(context);
    if (importFrom !== null) {
      const exports = known.modules[importFrom] ?? [];
      return { from, options: exports.map((n) => option(n)), validFor: /^\w*$/ };
    }
    const options: Completion[] = [
      ...known.globals.map((n) => ({ label: n, type: 'function', detail: 'notebook' })),
      ...(known.modules['@ag/core'] ?? []).map((n) => option(n, '@ag/core')),
    ];
    return { from, options, validFor: /^\w*$/ };
  };
}

function option(name: string, detail?: string): Completion {
  // ag's exports: lowerCamel functions, UpperCamel classes, UPPER constants.
  const type = /^[A-Z][A-Z0-9_]+$/.test(name) ? 'constant' : /^[A-Z]/.test(name) ? 'class' : 'function';
  return detail === undefined ? { label: name, type } : { label: name, type, detail };
}

/** The module of the `import { ... } from '...'` the cursor is inside, if it is inside one. */
function importSource(context: CompletionContext): string | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  if (!/^\s*import\s*(type\s+)?\{[^}]*$/.test(before)) return null;
  return /from\s*['"]([^'"]+)['"]/.exec(line.text.slice(context.pos - line.from))?.[1] ?? '@ag/core';
}
