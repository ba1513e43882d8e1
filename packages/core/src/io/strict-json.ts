/**
 * A strict JSON parser for safetensors headers, which come from files anyone may have written.
 * `JSON.parse` would do for well-formed headers, but it keeps the last of two equal keys without
 * a word (so two readers of one file could disagree about a tensor), and it builds ordinary
 * objects, where a key `__proto__` is a trap for the code that reads them. Here every object is a
 * Map in source order, a repeated key is an error, and nesting stops at a fixed depth, so a
 * hostile header can neither confuse nor overflow the stack of the code that walks it.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = Map<string, Json>;

/** What is wrong with the text and where (a character index); the caller words it for its op. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly why: string,
    readonly at: number,
  ) {
    super(`${why} at character ${at}`);
  }
}

/** Deeper than any header the format defines (its values nest three levels). */
const MAX_DEPTH = 64;

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// Everything but a quote, a backslash and the control characters JSON forbids inside a string.
// eslint-disable-next-line no-control-regex -- those characters are the point
const PLAIN_CHARS = /[^"\\\u0000-\u001f]*/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** The value `text` holds (surrounded by any JSON whitespace); throws a JsonSyntaxError otherwise. */
export function parseStrictJson(text: string): Json {
  let at = 0;

  const fail = (why: string): never => {
    throw new JsonSyntaxError(why, at);
  };
  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.test(text);
    at = WHITESPACE.lastIndex;
  };
  const describeNext = (): string => (at >= text.length ? 'the end of the text' : JSON.stringify(text[at]));
  const expect = (char: string): void => {
    if (text[at] !== char) fail(`expected '${char}', found ${describeNext()}`);
    at++;
  };
  const literal = (word: string, value: Json): Json => {
    if (!text.startsWith(word, at)) fail(`expected a value, found ${describeNext()}`);
    at += word.length;
    return value;
  };

  const string = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      PLAIN_CHARS.lastIndex = at;
      PLAIN_CHARS.test(text);
      out += text.slice(at, PLAIN_CHARS.lastIndex);
      at = PLAIN_CHARS.lastIndex;
      const c = text[at];
      if (c === '"') {
        at++;
        return out;
      }
      if (c === undefined) fail('unterminated string');
      if (c !== '\\') fail(`control character ${JSON.stringify(c)} inside a string`);
      const e = text[at + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!HEX4.test(hex)) fail(`bad escape \\u${hex}`);
        out += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else {
        const plain = ESCAPES[e];
        if (plain === undefined) return fail(`bad escape \\${e}`);
        out += plain;
        at += 2;
      }
    }
  };

  const number = (): number => {
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (m === null) return fail(`expected a value, found ${describeNext()}`);
    at = NUMBER.lastIndex;
    return Number(m[0]);
  };

  const array = (depth: number): Json[] => {
    expect('[');
    const out: Json[] = [];
    skipWhitespace();
    if (text[at] === ']') {
      at++;
      return out;
    }
    for (;;) {
      out.push(value(depth + 1));
      skipWhitespace();
      if (text[at] === ']') {
        at++;
        return out;
      }
      expect(',');
    }
  };

  const object = (depth: number): JsonObject => {
    expect('{');
    const out: JsonObject = new Map();
    skipWhitespace();
    if (text[at] === '}') {
      at++;
      return out;
    }
    for (;;) {
      skipWhitespace();
      const keyAt = at;
      const key = string();
      if (out.has(key)) {
        at = keyAt;
        fail(`duplicate key ${JSON.stringify(key)}`);
      }
      skipWhitespace();
      expect(':');
      out.set(key, value(depth + 1));
      skipWhitespace();
      if (text[at] === '}') {
        at++;
        return out;
      }
      expect(',');
    }
  };

  const value = (depth: number): Json => {
    if (depth > MAX_DEPTH) fail(`values nested more than ${MAX_DEPTH} deep`);
    skipWhitespace();
    const c = text[at] ?? '';
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal('true', true);
      case 'f':
        return literal('false', false);
      case 'n':
        return literal('null', null);
      default:
        return number();
    }
  };

  const result = value(0);
  skipWhitespace();
  if (at < text.length) fail(`unexpected ${describeNext()} after the value`);
  return result;
}
