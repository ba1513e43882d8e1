import { isTensor } from '../tensor-brand.js';
import { DTYPES } from '../dtype.js';

/**
 * The kinds of argument a public op accepts, and the little language signatures.ts writes them
 * in: a TypeScript-like parameter list, read once when the module loads into a test per kind, so
 * a call costs a few `typeof` checks per argument (tensors are recognised by their brand, never
 * walked).
 *
 *   'x: tensor, dim?: int|null, options?: {mode?: "constant"|"reflect", value?: number}'
 *
 * A parameter is `name: type`, `name?: type` (may be left out, or undefined) or `...name: type`
 * (every remaining argument). A type is alternatives joined by `|`: a kind of {@link KINDS}, a
 * quoted string, `null`, an array `kind[]` (or `(a|b)[]`), or an options object `{key: type, key?: type}`, whose
 * unknown keys are errors.
 */

/** A test of one argument, and the words an error says it expected. */
export interface Kind {
  readonly test: (value: unknown) => boolean;
  readonly expected: string;
  /** For an options object: the problem with `value`, naming the key, or null (see {@link describeMismatch}). */
  readonly explain?: (value: unknown) => string | null;
  /** A value of this kind (a tensor as `null`: the caller makes one), for tests that reach past it. */
  readonly example: unknown;
  /** Whether the kind takes some quoted strings (a mode, a reduction): see {@link isValueMismatch}. */
  readonly literals?: boolean;
  /** For an options object: whether the value of its first offending key is a {@link isValueMismatch}. */
  readonly valueMismatch?: (value: unknown) => boolean;
}

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const isArrayOf =
  (test: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    Array.isArray(v) && v.every(test);

/** The named kinds. */
export const KINDS: Record<string, Kind> = {
  tensor: { test: isTensor, expected: 'a Tensor', example: null },
  number: { test: (v) => typeof v === 'number', expected: 'a number', example: 1 },
  int: { test: isInt, expected: 'an integer', example: 0 },
  bool: { test: (v) => typeof v === 'boolean', expected: 'a boolean', example: false },
  bigint: { test: (v) => typeof v === 'bigint', expected: 'a bigint', example: 0n },
  string: { test: (v) => typeof v === 'string', expected: 'a string', example: '' },
  function: { test: (v) => typeof v === 'function', expected: 'a function', example: () => undefined },
  dtype: {
    test: (v) => (DTYPES as readonly unknown[]).includes(v),
    expected: `a dtype (${DTYPES.join(', ')})`,
    example: 'float32',
  },
  /** Nested arrays or typed arrays of values, as `tensor(data)` takes: checked by the op itself. */
  data: {
    test: (v) => Array.isArray(v) || ArrayBuffer.isView(v) || typeof v === 'number' || typeof v === 'boolean',
    expected: 'an array, a typed array or a number',
    example: [1],
  },
  /** Anything but undefined: the op checks it (a backend, a record of tensors, ...). */
  object: { test: (v) => typeof v === 'object' && v !== null, expected: 'an object', example: {} },
  any: { test: () => true, expected: 'anything', example: 0 },
};

/** The value as an error shows it: short, and saying what kind of thing it is. */
export function describe(value: unknown): string {
  if (isTensor(value)) return `a Tensor of shape [${value.shape.join(', ')}] and dtype ${value.dtype}`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) {
    return value.length <= 8 ? `an array [${value.map(describe).join(', ')}]` : `an array of ${value.length} items`;
  }
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  const keys = Object.keys(value);
  return `an object {${keys.join(', ')}}`;
}

// ---- the parser -----------------------------------------------------------------------------

export interface Param {
  readonly name: string;
  readonly optional: boolean;
  readonly rest: boolean;
  readonly kind: Kind;
}

/** Reads a signature; an error names the signature, so a typo in the table is found at load. */
export function parseSignature(source: string): readonly Param[] {
  const p = new Parser(source);
  const params: Param[] = [];
  p.skip();
  while (!p.done()) {
    const rest = p.eat('...');
    const name = p.word();
    const optional = p.eat('?');
    p.expect(':');
    params.push({ name, optional: optional || rest, rest, kind: p.type() });
    if (!p.eat(',')) break;
  }
  if (!p.done()) p.fail('a comma or the end');
  return params;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}
  skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  done(): boolean {
    return this.i >= this.s.length;
  }
  eat(token: string): boolean {
    if (!this.s.startsWith(token, this.i)) return false;
    this.i += token.length;
    this.skip();
    return true;
  }
  expect(token: string): void {
    if (!this.eat(token)) this.fail(`'${token}'`);
  }
  fail(what: string): never {
    throw new Error(`checks: bad signature '${this.s}': expected ${what} at column ${this.i}`);
  }
  word(): string {
    const m = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i));
    if (m === null) this.fail('a name');
    this.i += m[0].length;
    this.skip();
    return m[0];
  }
  type(): Kind {
    const alternatives = [this.alternative()];
    while (this.eat('|')) alternatives.push(this.alternative());
    return alternatives.length === 1 ? alternatives[0]! : union(alternatives);
  }
  private alternative(): Kind {
    let kind: Kind;
    if (this.eat('{')) kind = this.options();
    else if (this.eat('(')) {
      kind = this.type();
      this.expect(')');
    } else if (this.s[this.i] === '"') {
      const end = this.s.indexOf('"', this.i + 1);
      if (end < 0) this.fail('a closing quote');
      const literal = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      this.skip();
      kind = { test: (v) => v === literal, expected: JSON.stringify(literal), example: literal, literals: true };
    } else {
      const name = this.word();
      if (name === 'null') kind = { test: (v) => v === null, expected: 'null', example: null };
      else {
        const named = KINDS[name];
        if (named === undefined) this.fail(`a kind (${Object.keys(KINDS).join(', ')})`);
        kind = named;
      }
    }
    while (this.eat('[]')) {
      const item = kind;
      kind = { test: isArrayOf(item.test), expected: `an array of ${plural(item.expected)}`, example: [item.example] };
    }
    return kind;
  }
  private options(): Kind {
    const fields = new Map<string, { optional: boolean; kind: Kind }>();
    if (!this.eat('}')) {
      do {
        const key = this.word();
        const optional = this.eat('?');
        this.expect(':');
        fields.set(key, { optional, kind: this.type() });
      } while (this.eat(','));
      this.expect('}');
    }
    return optionsKind(fields);
  }
}

function plural(expected: string): string {
  return expected.replace(/^an? /, '') + 's';
}

function union(kinds: readonly Kind[]): Kind {
  const tests = kinds.map((k) => k.test);
  return {
    // An indexed loop: `tests.some((t) => t(v))` would make a closure per argument checked.
    test: (v) => {
      for (let i = 0; i < tests.length; i++) if (tests[i]!(v)) return true;
      return false;
    },
    expected: kinds.map((k) => k.expected).join(' or '),
    example: kinds[0]!.example,
    literals: kinds.some((k) => k.literals === true),
    valueMismatch: (v) => {
      for (const k of kinds) if (k.valueMismatch !== undefined && isPlainObject(v)) return k.valueMismatch(v);
      return typeof v === 'string' && kinds.some((k) => k.literals === true);
    },
    explain: (v) => {
      // An options object that fails names its key: say that, rather than every alternative.
      for (const k of kinds) if (k.explain !== undefined && isPlainObject(v)) return k.explain(v);
      return null;
    },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !isTensor(v);
}

function optionsKind(fields: ReadonlyMap<string, { optional: boolean; kind: Kind }>): Kind {
  const accepted = [...fields.keys()];
  /** The first key whose value the field does not take, with that field's kind. */
  const offending = (v: Record<string, unknown>): { key: string; kind: Kind | null } | null => {
    for (const key in v) {
      const field = fields.get(key);
      if (field === undefined) return { key, kind: null };
      if (v[key] === undefined && field.optional) continue;
      if (!field.kind.test(v[key])) return { key, kind: field.kind };
    }
    return null;
  };
  const explain = (v: unknown): string | null => {
    if (!isPlainObject(v)) return null;
    const bad = offending(v);
    if (bad !== null) {
      const { key, kind } = bad;
      return kind === null
        ? `got the unknown option '${key}'; it accepts ${accepted.length === 0 ? 'no options' : accepted.map((k) => `'${k}'`).join(', ')}`
        : `option '${key}' got ${describe(v[key])}; it expects ${kind.expected}`;
    }
    for (const [key, field] of fields) {
      if (!field.optional && v[key] === undefined) return `option '${key}' is required (${field.kind.expected})`;
    }
    return null;
  };
  return {
    test: (v) => explain(v) === null && isPlainObject(v),
    expected: `an options object {${accepted.join(', ')}}`,
    example: {},
    explain,
    valueMismatch: (v) => {
      if (!isPlainObject(v)) return false;
      const bad = offending(v);
      return bad?.kind != null && isValueMismatch(bad.kind, v[bad.key]);
    },
  };
}

/**
 * Whether `value`, which `kind` refused, is of the right type with a value not allowed: a string
 * where the kind takes only certain strings (`reduction: 'avg'`). That is a ValueError, as in
 * PyTorch; any other mismatch is an ArgumentError (a TypeError).
 */
export function isValueMismatch(kind: Kind, value: unknown): boolean {
  if (kind.valueMismatch !== undefined) return kind.valueMismatch(value);
  return typeof value === 'string' && kind.literals === true;
}

/** Why `value` is not of `kind`, as the end of an error message. */
export function describeMismatch(kind: Kind, value: unknown): string {
  return kind.explain?.(value) ?? `got ${describe(value)}; it expects ${kind.expected}`;
}
