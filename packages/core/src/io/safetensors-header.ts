import { formatShape } from '../shape.js';
import { CODES, isFileCode, type FileCode } from './safetensors-dtypes.js';
import { formatError } from './refuse.js';
import { JsonReader, JsonSyntaxError, type Scalar } from './strict-json.js';

/**
 * The checks a safetensors file passes before any of its data is read or any tensor allocated,
 * the reference implementation's checks: the 8-byte header length within the format's limit and
 * the file, a header of strict UTF-8 JSON (an object, no repeated keys), known dtypes, shapes of
 * non-negative integers, each tensor's byte length equal to its element count times its dtype's
 * size, and data_offsets that tile the data section exactly, without gaps or overlaps. Each
 * entry is checked as it is read, so the first bad one ends the reading (strict-json.ts). A file
 * loader reads the 8 bytes, then the header, then (only if both pass) the data, so a file that
 * claims a huge header or huge tensors costs no more than its first bytes.
 */

/** The reference implementation's limit on the header (its MAX_HEADER_SIZE). */
export const MAX_HEADER = 100_000_000;

/** One tensor as the header describes it, checked against the data section's length. */
export interface TensorSpan {
  readonly name: string;
  readonly code: FileCode;
  readonly shape: number[];
  /** Its element count (the product of `shape`). */
  readonly count: number;
  /** Its bytes within the data section (the bytes after the header): [begin, end). */
  readonly begin: number;
  readonly end: number;
}

export interface Header {
  /** In the order of their data. */
  readonly tensors: TensorSpan[];
  /** `__metadata__`, as a null-prototype object; null when the file has none. */
  readonly metadata: Record<string, string> | null;
}

function fail(op: string, why: string): never {
  throw formatError(op, why);
}

/** The header's length, from the file's first 8 bytes (`prefix`), checked against the limit and the file's size. */
export function readHeaderLength(prefix: Uint8Array, fileSize: number, op: string): number {
  if (fileSize < 8 || prefix.length < 8)
    fail(op, `got a file of ${fileSize} bytes, expected at least 8 (the header's length, then the header)`);
  const n = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER))
    fail(op, `the header claims ${n} bytes, expected at most ${MAX_HEADER} (the format's limit)`);
  if (n > BigInt(fileSize - 8))
    fail(
      op,
      `the header claims ${n} bytes, but the ${fileSize}-byte file has ${fileSize - 8} after the length (truncated?)`,
    );
  return Number(n);
}

/** Parses and checks the header's bytes against a data section of `dataLength` bytes. */
export function parseHeader(bytes: Uint8Array, dataLength: number, op: string): Header {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail(op, `the ${bytes.length}-byte header is not valid UTF-8, expected UTF-8 JSON`);
  }
  // As the reference does: a header that does not open with '{' is refused before it is parsed.
  if (!text.startsWith('{'))
    fail(op, `the header starts with ${printable(text.slice(0, 16))}, expected a JSON object ('{')`);
  const reader = new JsonReader(text);
  let metadata: Record<string, string> | null = null;
  const tensors: TensorSpan[] = [];
  try {
    // Each entry is checked as soon as it is read: a bad one stops the reading there.
    reader.object((name) => {
      if (name === '__metadata__') metadata = readMetadata(reader, op);
      else tensors.push(readTensor(reader, name, dataLength, op));
    });
    reader.end();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return fail(op, `the header is not valid JSON (${e.message}), expected a JSON object`);
  }
  checkTiling(tensors, dataLength, op);
  return { tensors, metadata };
}

/** What a field holds, for a message: a value read whole, a container's kind, or nothing. */
type Field = Scalar | Scalar[] | { readonly kind: string } | undefined;

function describe(value: Field | Scalar): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) {
    if (value.length > 8) return `an array of ${value.length} values`;
    return `[${value.map((v) => (isContainer(v) ? v.kind : JSON.stringify(v))).join(', ')}]`;
  }
  if (isContainer(value)) return value.kind;
  const text = JSON.stringify(value);
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}

function isContainer(value: unknown): value is { readonly kind: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The next value, known to be of the wrong kind, for a message: a container is refused unread. */
function wrongKind(reader: JsonReader): string {
  return reader.container() ?? describe(reader.scalar());
}

/** More entries than a shape has in any file ag reads: a longer array is refused unread. */
const MAX_ITEMS = 1024;

/**
 * The next value: a scalar, an array read whole if its items are scalars (at most MAX_ITEMS of
 * them, else `tooLong` throws), or just the kind of container it is.
 */
function readField(reader: JsonReader, tooLong: () => never): Field {
  if (reader.peek() === '[') {
    const items: Scalar[] = [];
    let nested: string | undefined;
    reader.array(() => {
      const kind = reader.container();
      if (items.length === MAX_ITEMS) tooLong();
      if (kind !== undefined) {
        nested ??= kind;
        reader.skip();
      } else items.push(reader.scalar());
    });
    return nested === undefined ? items : { kind: `an array holding ${nested}` };
  }
  const kind = reader.container();
  if (kind === undefined) return reader.scalar();
  reader.skip();
  return { kind };
}

/** A string quoted for a message, with whatever would not print (a byte-order mark, controls) escaped. */
function printable(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function quote(name: string): string {
  return printable(name.length <= 60 ? name : `${name.slice(0, 57)}...`);
}

function readMetadata(reader: JsonReader, op: string): Record<string, string> | null {
  if (reader.peek() === 'n' && reader.scalar() === null) return null;
  if (reader.peek() !== '{') fail(op, `__metadata__ is ${wrongKind(reader)}, expected an object of strings`);
  const out = Object.create(null) as Record<string, string>;
  reader.object((key) => {
    if (reader.peek() !== '"')
      fail(
        op,
        `__metadata__[${quote(key)}] is ${wrongKind(reader)}, expected a string (metadata maps strings to strings)`,
      );
    out[key] = reader.string();
  });
  return out;
}

/** A whole number of at least 0 that a double holds exactly. */
function isSize(value: Scalar): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function readTensor(reader: JsonReader, name: string, dataLength: number, op: string): TensorSpan {
  const what = `tensor ${quote(name)}`;
  if (reader.peek() !== '{')
    fail(op, `${what} is ${wrongKind(reader)}, expected an object with dtype, shape and data_offsets`);
  const info = new Map<string, Field>();
  reader.object((key) => {
    // Other fields are allowed, as the reference allows them, and skipped unbuilt.
    if (key === 'dtype' || key === 'shape' || key === 'data_offsets')
      info.set(
        key,
        readField(reader, () =>
          fail(op, `${what} has a ${key} of more than ${MAX_ITEMS} values, expected at most ${MAX_ITEMS}`),
        ),
      );
    else reader.skip();
  });
  const code = info.get('dtype');
  if (!isFileCode(code))
    fail(op, `${what} has dtype ${describe(code)}, expected one of ${Object.keys(CODES).join(', ')}`);
  const shape = info.get('shape');
  if (!Array.isArray(shape) || !shape.every(isSize))
    return fail(op, `${what} has shape ${describe(shape)}, expected an array of non-negative integers`);
  const offsets = info.get('data_offsets');
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isSize))
    return fail(op, `${what} has data_offsets ${describe(offsets)}, expected [begin, end], two non-negative integers`);
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLength)
    fail(
      op,
      `${what} has data_offsets [${begin}, ${end}], expected 0 <= begin <= end <= ${dataLength} (the bytes of data after the header)`,
    );
  const itemsize = CODES[code].bytes;
  // The product is built one factor at a time and stopped once it passes what the data could
  // hold, so it stays exact: no shape, however large its entries, makes a wrong size agree.
  let count = shape.includes(0) ? 0 : 1;
  for (const d of shape) {
    if (count === 0 || count * itemsize > end - begin) break;
    count *= d;
  }
  if (count * itemsize !== end - begin)
    fail(
      op,
      `${what} of dtype ${code} and shape ${formatShape(shape)} spans ${end - begin} bytes [${begin}, ${end}), expected ${shape.length === 0 ? itemsize : `${formatSize(shape)} * ${itemsize}`} bytes`,
    );
  return { name, code, shape, count, begin, end };
}

/** The element count of a shape as a decimal product, exact even past 2^53. */
function formatSize(shape: number[]): string {
  return shape.reduce((n, d) => n * BigInt(d), 1n).toString();
}

/** The reference requires the tensors' bytes, sorted, to follow each other and end with the data. */
function checkTiling(tensors: TensorSpan[], dataLength: number, op: string): void {
  tensors.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous = '';
  for (const t of tensors) {
    if (t.begin !== covered)
      fail(
        op,
        `tensor ${quote(t.name)} starts at byte ${t.begin} of the data, expected ${covered}${previous} (the tensors must tile the data, without gaps or overlaps)`,
      );
    covered = t.end;
    previous = ` where ${quote(t.name)} ends`;
  }
  if (covered !== dataLength)
    fail(
      op,
      `the tensors cover ${covered} bytes of data, but ${dataLength} follow the header (expected exactly theirs)`,
    );
}
