/**
 * PyTorch's printed form of a module (`print(model)`): its name, its `extra_repr` and each child
 * as `(name): child`, indented two spaces a level (torch.nn.Module.__repr__ and _addindent).
 */

/** What the printed form needs of a module. */
export interface Printable {
  readonly constructor: { readonly name: string };
  extraRepr(): string;
  namedChildren(): [string, Printable][];
  toString(): string;
}

/** torch.nn.Module.__repr__. */
export function moduleRepr(m: Printable): string {
  const extra = m.extraRepr();
  const extraLines = extra === '' ? [] : extra.split('\n');
  const childLines = m.namedChildren().map(([key, child]) => `(${key}): ${addIndent(child.toString(), 2)}`);
  return framed(m.constructor.name, extraLines, childLines);
}

/**
 * torch.nn.ModuleList.__repr__: children whose printed forms repeat are listed once, as
 * `(0-2): 3 x Linear(...)`.
 */
export function moduleListRepr(name: string, items: readonly Printable[]): string {
  if (items.length === 0) return `${name}()`;
  const blocks: { start: number; end: number; repr: string }[] = [];
  items.forEach((m, i) => {
    const repr = m.toString();
    const last = blocks.at(-1);
    if (last !== undefined && last.repr === repr) last.end = i;
    else blocks.push({ start: i, end: i, repr });
  });
  const lines = blocks.map(({ start, end, repr }) =>
    addIndent(start === end ? `(${start}): ${repr}` : `(${start}-${end}): ${end - start + 1} x ${repr}`, 2),
  );
  return `${name}(\n  ${lines.join('\n  ')}\n)`;
}

function framed(name: string, extraLines: readonly string[], childLines: readonly string[]): string {
  const lines = [...extraLines, ...childLines];
  if (lines.length === 0) return `${name}()`;
  if (extraLines.length === 1 && childLines.length === 0) return `${name}(${extraLines[0]})`;
  return `${name}(\n  ${lines.join('\n  ')}\n)`;
}

/** torch.nn.modules.module._addindent: every line but the first indented by `spaces`. */
function addIndent(s: string, spaces: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const pad = ' '.repeat(spaces);
  return [lines[0]!, ...lines.slice(1).map((l) => pad + l)].join('\n');
}
