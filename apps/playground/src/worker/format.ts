import { isTensor, nn, Node } from '@ag/core';

/**
 * Values as Python's print shows them: tensors in PyTorch's repr, null and undefined as None,
 * booleans as True and False, grad_fn nodes as `<AddBackward0 object>`, arrays as lists and plain
 * objects as dicts (with their strings quoted, as Python's repr does inside containers).
 *
 * A tensor's repr is asynchronous (WebGPU reads back from the device), so formatting starts every
 * repr at once, while walking the value, and awaits them after: the text shows the tensor as it
 * was when print was called, even if the code goes on to change it in place.
 */
type Part = string | Promise<string>;

/** print(...values): the values' str forms joined by spaces. */
export function formatPrint(values: readonly unknown[]): Promise<string> {
  const parts: Part[] = [];
  values.forEach((v, i) => {
    if (i > 0) parts.push(' ');
    walk(v, false, parts, new Set());
  });
  return join(parts);
}

/** A cell's last value, as a notebook shows it: its repr (strings quoted). */
export function formatRepr(value: unknown): Promise<string> {
  const parts: Part[] = [];
  walk(value, true, parts, new Set());
  return join(parts);
}

async function join(parts: Part[]): Promise<string> {
  return (await Promise.all(parts.map((p) => Promise.resolve(p)))).join('');
}

function walk(v: unknown, quote: boolean, out: Part[], seen: Set<unknown>): void {
  if (v === null || v === undefined) return void out.push('None');
  if (typeof v === 'string') return void out.push(quote ? pyString(v) : v);
  if (typeof v === 'boolean') return void out.push(v ? 'True' : 'False');
  if (typeof v === 'number') return void out.push(pyNumber(v));
  if (typeof v === 'bigint') return void out.push(v.toString());
  if (typeof v === 'symbol') return void out.push(v.toString());
  // Modules are callable (`model(x)`), so they are functions: their printed form is their tree.
  if (v instanceof nn.Module) return void out.push(String(v));
  if (typeof v === 'function') return void out.push(`<function ${v.name || '<lambda>'}>`);
  if (isTensor(v)) return void out.push(v.repr());
  if (v instanceof Node) return void out.push(`<${v.name} object>`);
  if (v instanceof Error) return void out.push(`${v.name}: ${v.message}`);
  if (seen.has(v)) return void out.push(Array.isArray(v) ? '[...]' : '{...}');
  seen.add(v);
  if (Array.isArray(v)) {
    out.push('[');
    v.forEach((x, i) => {
      if (i > 0) out.push(', ');
      walk(x, true, out, seen);
    });
    out.push(']');
  } else if (v instanceof Map) {
    items([...v.entries()], out, seen);
  } else if (v instanceof Set) {
    out.push(v.size === 0 ? 'set()' : '{');
    if (v.size > 0) {
      [...v].forEach((x, i) => {
        if (i > 0) out.push(', ');
        walk(x, true, out, seen);
      });
      out.push('}');
    }
  } else if (ArrayBuffer.isView(v)) {
    out.push(`${v.constructor.name}([${Array.from(v as unknown as ArrayLike<number>).join(', ')}])`);
  } else if (isPlainObject(v)) {
    items(Object.entries(v), out, seen);
  } else {
    // Modules print their tree (toString), optimizers and other classes their own form.
    out.push((v as { toString(): string }).toString());
  }
  seen.delete(v);
}

function items(entries: [unknown, unknown][], out: Part[], seen: Set<unknown>): void {
  out.push('{');
  entries.forEach(([k, x], i) => {
    if (i > 0) out.push(', ');
    walk(k, true, out, seen);
    out.push(': ');
    walk(x, true, out, seen);
  });
  out.push('}');
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function pyNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
function pyString(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}
