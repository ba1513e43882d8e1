/**
 * A strict JSON reader for safetensors headers, which come from files anyone may have written.
 * `JSON.parse` would do for well-formed headers, but it keeps the last of two equal keys without
 * a word (so two readers of one file could disagree about a tensor), it builds ordinary objects,
 * where a key `__proto__` is a trap for the code that reads them, and it builds all of a header
 * before anyone looks at it: 100 MB of `[[],[],...` is gigabytes of arrays. This reader is a
 * cursor the caller walks in the shape it expects, so a value of the wrong kind is refused where
 * it starts; values the caller does not want are checked and skipped without being built; a
 * repeated key is an error; nesting stops at a fixed depth.
 */

/** A JSON value the caller read whole: a primitive, or an array of them. */
export type Scalar = null | boolean | number | string;

/** What is wrong with the text and where (a character index); the caller words it for its op. */
export class JsonSyntaxError extends Error {
  constructor(why: string, at: number) {
    super(`${why} at character ${at}`);
  }
}

/** Deeper than any header the format defines (its values nest three levels). */
const MAX_DEPTH = 64;

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

export class JsonReader {
  private at = 0;

  constructor(private readonly text: string) {}

  fail(why: string): never {
    throw new JsonSyntaxError(why, this.at);
  }

  /** The next character after any whitespace ('' at the end): what kind of value comes. */
  peek(): string {
    const text = this.text;
    let at = this.at;
    let c = text.charCodeAt(at);
    // Space, tab, newline, carriage return: a loop, as most tokens have none before them.
    while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = text.charCodeAt(++at);
    this.at = at;
    return text[at] ?? '';
  }

  /** 'an object' or 'an array' for a container that comes next, else undefined. */
  container(): string | undefined {
    const c = this.peek();
    return c === '{' ? 'an object' : c === '[' ? 'an array' : undefined;
  }

  /** Reads an object, calling `field` with each key and the cursor at its value, which it must read or skip. */
  object(field: (key: string) => void): void {
    this.expect('{');
    const seen = new Set<string>();
    if (this.peek() === '}') {
      this.at++;
      return;
    }
    for (;;) {
      this.peek();
      const keyAt = this.at;
      const key = this.string();
      if (seen.has(key)) {
        this.at = keyAt;
        this.fail(`duplicate key ${JSON.stringify(key)}`);
      }
      seen.add(key);
      this.expect(':');
      field(key);
      if (this.peek() === '}') {
        this.at++;
        return;
      }
      this.expect(',');
    }
  }

  /** Reads an array, calling `item` with the cursor at each element, which it must read or skip. */
  array(item: () => void): void {
    this.expect('[');
    if (this.peek() === ']') {
      this.at++;
      return;
    }
    for (;;) {
      item();
      if (this.peek() === ']') {
        this.at++;
        return;
      }
      this.expect(',');
    }
  }

  /** A string, a number, true, false or null (a container is an error here: check `container()` first). */
  scalar(): Scalar {
    switch (this.peek()) {
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        return this.number();
    }
  }

  /**
   * Checks the next value, of any kind, without building it: one loop with a stack of the open
   * containers rather than a call per value, as a skipped value may be most of a 100 MB header.
   * (Repeated keys inside it are not looked for: nothing reads them.)
   */
  skip(): void {
    const open: string[] = [];
    for (;;) {
      // At a value.
      const c = this.peek();
      if (c === '{' || c === '[') {
        if (open.length === MAX_DEPTH) this.fail(`values nested more than ${MAX_DEPTH} deep`);
        this.at++;
        open.push(c === '{' ? '}' : ']');
        const next = this.peek();
        if (next === open[open.length - 1]) {
          this.at++;
          open.pop();
        } else {
          if (c === '{') this.key();
          continue;
        }
      } else this.scalar();
      // After a value: close what ends here, until a comma leads to the next value.
      for (;;) {
        if (open.length === 0) return;
        const close = open[open.length - 1]!;
        const next = this.peek();
        if (next === close) {
          this.at++;
          open.pop();
          continue;
        }
        this.expect(',');
        if (close === '}') this.key();
        break;
      }
    }
  }

  /** A key and its colon. */
  private key(): void {
    this.string();
    this.expect(':');
  }

  /** Checks that only whitespace follows. */
  end(): void {
    if (this.peek() !== '') this.fail(`unexpected ${this.describeNext()} after the value`);
  }

  string(): string {
    this.expect('"');
    const text = this.text;
    let out = '';
    for (;;) {
      PLAIN_CHARS.lastIndex = this.at;
      PLAIN_CHARS.test(text);
      out += text.slice(this.at, PLAIN_CHARS.lastIndex);
      this.at = PLAIN_CHARS.lastIndex;
      const c = text[this.at];
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c === undefined) this.fail('unterminated string');
      if (c !== '\\') this.fail(`control character ${JSON.stringify(c)} inside a string`);
      const e = text[this.at + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(this.at + 2, this.at + 6);
        if (!HEX4.test(hex)) this.fail(`bad escape \\u${hex}`);
        out += String.fromCharCode(parseInt(hex, 16));
        this.at += 6;
      } else {
        const plain = ESCAPES[e];
        if (plain === undefined) return this.fail(`bad escape \\${e}`);
        out += plain;
        this.at += 2;
      }
    }
  }

  private number(): number {
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.fail(`expected a value, found ${this.describeNext()}`);
    this.at = NUMBER.lastIndex;
    return Number(m[0]);
  }

  private literal(word: string, value: Scalar): Scalar {
    if (!this.text.startsWith(word, this.at)) this.fail(`expected a value, found ${this.describeNext()}`);
    this.at += word.length;
    return value;
  }

  private expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected '${char}', found ${this.describeNext()}`);
    this.at++;
  }

  private describeNext(): string {
    return this.at >= this.text.length ? 'the end of the text' : JSON.stringify(this.text[this.at]);
  }
}
