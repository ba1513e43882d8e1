import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError, registerBackend, safetensors, unregisterBackend } from '../src/index.js';
import * as node from '../src/node.js';
import { fakeBackend } from './fake-backend.js';

/**
 * Files written by hand to break one rule of the format each, given to both loaders: from bytes
 * (`safetensors.load`) and from a path (`loadFile`, which reads the header through a file handle
 * before the data). Each must be a FormatError naming the function, what the file holds and
 * what it should; none may crash, hang, or allocate what the file claims.
 */

const dir = mkdtempSync(join(tmpdir(), 'ag-hostile-'));
beforeAll(() => {
  registerBackend(fakeBackend('cpu'));
});
afterAll(() => {
  unregisterBackend('cpu');
  rmSync(dir, { recursive: true, force: true });
});

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A file from its parts: `length` overrides the 8-byte header length (the header's own by default). */
function file(header: string | Uint8Array, data: ArrayLike<number> = [], length?: bigint): Uint8Array {
  const h = typeof header === 'string' ? utf8(header) : header;
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(Array.from(data), 8 + h.length);
  return out;
}

const f32 = (name: string, shape: unknown[], offsets: unknown[]) =>
  `${JSON.stringify(name)}:{"dtype":"F32","shape":${JSON.stringify(shape)},"data_offsets":${JSON.stringify(offsets)}}`;
const zeros = (n: number) => new Uint8Array(n);

/** [what, the file, what the message says after `op: `]. */
const CASES: [string, Uint8Array, RegExp][] = [
  ['an empty file', new Uint8Array(0), /^got a file of 0 bytes, expected at least 8/],
  ['a file of 5 bytes', zeros(5), /^got a file of 5 bytes, expected at least 8/],
  ['a header length of 0', zeros(8), /^the header starts with "", expected a JSON object/],
  [
    'a header length past the file',
    file('{}', [], 56n),
    /^the header claims 56 bytes, but the 10-byte file has 2 after/,
  ],
  [
    'a header length of 2^64 - 1',
    file('{}', [], 2n ** 64n - 1n),
    /claims 18446744073709551615 bytes, expected at most 100000000/,
  ],
  [
    'a JSON bomb claimed: 500 MB',
    file('{}', [], 500_000_000n),
    /claims 500000000 bytes, expected at most 100000000 \(the format's limit\)/,
  ],
  ['just past the limit', file('{}', [], 100_000_001n), /claims 100000001 bytes, expected at most 100000000/],
  ['a header of invalid UTF-8', file(Uint8Array.of(0x7b, 0xff, 0x7d)), /the 3-byte header is not valid UTF-8/],
  ['a byte-order mark first', file('\ufeff{}'), /the header starts with "\\ufeff\{}", expected a JSON object/],
  ['non-JSON', file('{not json}'), /not valid JSON \(expected '"', found "n" at character 1\)/],
  ['a JSON array', file('[{}]'), /the header starts with "\[\{}\]", expected a JSON object/],
  ['text after the object', file('{} x'), /not valid JSON \(unexpected "x" after the value at character 3\)/],
  ['a NUL in the padding', file('{}\0'), /not valid JSON \(unexpected "\\u0000" after the value/],
  ['an unterminated string', file('{"a'), /not valid JSON \(unterminated string at character 3\)/],
  ['a bad escape', file('{"\\x":1}'), /not valid JSON \(bad escape \\x/],
  [
    'a nesting bomb',
    file(`{"a":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`),
    /values nested more than 64 deep at character 74\)/,
  ],
  // 8 MB of empty arrays where a tensor's entry should be: refused at its first character, unread.
  ['an array bomb', file(`{"a":[${'[],'.repeat(2_000_000)}[]]}`), /^tensor "a" is an array, expected an object/],
  ['an array bomb in a field', file(`{"a":{"shape":[${'[],'.repeat(2_000_000)}[]]}}`), /^tensor "a" has dtype nothing/],
  [
    'a duplicate tensor',
    file(`{${f32('a', [1], [0, 4])},${f32('a', [1], [4, 8])}}`, zeros(8)),
    /duplicate key "a" at character 54/,
  ],
  [
    'a duplicate field',
    file('{"a":{"dtype":"F32","dtype":"F64","shape":[],"data_offsets":[0,4]}}', zeros(4)),
    /duplicate key "dtype"/,
  ],
  [
    'an unknown dtype',
    file('{"a":{"dtype":"U32","shape":[1],"data_offsets":[0,4]}}', zeros(4)),
    /tensor "a" has dtype "U32", expected one of BOOL, U8, I8, I16, F16, BF16, I32, F32, F64, I64;/,
  ],
  [
    'a dtype that is a number',
    file('{"a":{"dtype":4,"shape":[1],"data_offsets":[0,4]}}', zeros(4)),
    /tensor "a" has dtype 4, expected one of/,
  ],
  [
    'no dtype',
    file('{"a":{"shape":[1],"data_offsets":[0,4]}}', zeros(4)),
    /tensor "a" has dtype nothing, expected one of/,
  ],
  [
    'a negative dimension',
    file(`{${f32('a', [-1], [0, 4])}}`, zeros(4)),
    /tensor "a" has shape \[-1\], expected an array of non-negative integers/,
  ],
  ['a fractional dimension', file(`{${f32('a', [1.5], [0, 6])}}`, zeros(6)), /tensor "a" has shape \[1.5\], expected/],
  ['a dimension as a string', file(`{${f32('a', ['1'], [0, 4])}}`, zeros(4)), /has shape \["1"\], expected/],
  [
    'a dimension past 2^53',
    file(`{${f32('a', [2 ** 60], [0, 4])}}`, zeros(4)),
    /has shape \[1152921504606847000\], expected/,
  ],
  [
    'a shape that is not an array',
    file('{"a":{"dtype":"F32","shape":4,"data_offsets":[0,16]}}', zeros(16)),
    /has shape 4, expected/,
  ],
  [
    'huge dimensions that overflow a double',
    file(`{${f32('a', [1e15, 1e15], [0, 4])}}`, zeros(4)),
    /of dtype F32 and shape \[1000000000000000, 1000000000000000\] spans 4 bytes \[0, 4\), expected 1000000000000000000000000000000 \* 4 bytes/,
  ],
  [
    'offsets past the data',
    file(`{${f32('a', [25], [0, 100])}}`, zeros(8)),
    /has data_offsets \[0, 100\], expected 0 <= begin <= end <= 8/,
  ],
  [
    'offsets reversed',
    file(`{${f32('a', [2], [8, 0])}}`, zeros(8)),
    /has data_offsets \[8, 0\], expected 0 <= begin <= end/,
  ],
  [
    'three offsets',
    file(`{${f32('a', [2], [0, 4, 8])}}`, zeros(8)),
    /has data_offsets \[0, 4, 8\], expected \[begin, end\]/,
  ],
  [
    'a negative offset',
    file(`{${f32('a', [1], [-4, 0])}}`, zeros(4)),
    /has data_offsets \[-4, 0\], expected \[begin, end\]/,
  ],
  [
    'a byte length that is not numel * itemsize',
    file(`{${f32('a', [3], [0, 8])}}`, zeros(8)),
    /"a" of dtype F32 and shape \[3\] spans 8 bytes \[0, 8\), expected 3 \* 4 bytes/,
  ],
  [
    'overlapping tensors',
    file(`{${f32('a', [2], [0, 8])},${f32('b', [2], [4, 12])}}`, zeros(12)),
    /"b" starts at byte 4 of the data, expected 8 where "a" ends \(the tensors must tile/,
  ],
  [
    'a gap between tensors',
    file(`{${f32('a', [1], [0, 4])},${f32('b', [1], [8, 12])}}`, zeros(12)),
    /"b" starts at byte 8 of the data, expected 4 where "a" ends/,
  ],
  [
    'a gap first',
    file(`{${f32('a', [1], [4, 8])}}`, zeros(8)),
    /"a" starts at byte 4 of the data, expected 0 \(the tensors/,
  ],
  [
    'data the tensors do not cover',
    file(`{${f32('a', [1], [0, 4])}}`, zeros(8)),
    /the tensors cover 4 bytes of data, but 8 follow the header/,
  ],
  [
    'a truncated file',
    file(`{${f32('a', [2], [0, 8])}}`, zeros(7)),
    /"a" has data_offsets \[0, 8\], expected 0 <= begin <= end <= 7/,
  ],
  [
    'a tensor that is not an object',
    file('{"a":5}'),
    /tensor "a" is 5, expected an object with dtype, shape and data_offsets/,
  ],
  [
    '__proto__ as a polluting object',
    file('{"__proto__":{"polluted":"yes"}}'),
    /tensor "__proto__" is an object|tensor "__proto__" has dtype nothing/,
  ],
  ['__metadata__ a string', file('{"__metadata__":"x"}'), /__metadata__ is "x", expected an object of strings/],
  [
    '__metadata__ with a number',
    file('{"__metadata__":{"epoch":3}}'),
    /__metadata__\["epoch"\] is 3, expected a string/,
  ],
  [
    '__metadata__ with an object',
    file('{"__metadata__":{"__proto__":{"x":"y"}}}'),
    /__metadata__\["__proto__"\] is an object, expected a string/,
  ],
];

describe('hostile safetensors files', () => {
  it.each(CASES)('%s: a FormatError from safetensors.load', (_, bytes, message) => {
    const error = catchError(() => safetensors.load(bytes));
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/^safetensors\.load: .*; nothing was loaded$/s);
    expect(error.message.slice('safetensors.load: '.length)).toMatch(message);
  });

  it.each(CASES)('%s: the same FormatError from loadFile', async (what, bytes, message) => {
    const path = join(dir, `${what.replace(/\W+/g, '-')}.safetensors`);
    writeFileSync(path, bytes);
    const error = await node.loadFile(path).then(
      () => new Error('loaded'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message.slice('loadFile: '.length)).toMatch(message);
    expect(error.message).toMatch(/^loadFile: /);
  });

  it('leaves Object.prototype as it was', () => {
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('loads tensors named __proto__, constructor and prototype as plain keys, on a record without a prototype', async () => {
    const names = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];
    const header = `{"__metadata__":{"__proto__":"m","constructor":"c"},${names.map((n, i) => f32(n, [1], [4 * i, 4 * i + 4])).join(',')}}`;
    const bytes = file(header, new Uint8Array(Float32Array.from([1, 2, 3, 4, 5]).buffer));
    const out = safetensors.load(bytes);
    expect(Object.getPrototypeOf(out)).toBe(null);
    expect(Object.keys(out)).toEqual(names);
    for (const [i, n] of names.entries()) expect(await out[n]!.toArray()).toEqual([i + 1]);
    const { metadata } = safetensors.deserialize(bytes);
    expect(Object.getPrototypeOf(metadata)).toBe(null);
    expect(Object.entries(metadata!)).toEqual([
      ['__proto__', 'm'],
      ['constructor', 'c'],
    ]);
    const path = join(dir, 'proto.safetensors');
    writeFileSync(path, bytes);
    const fromFile = await node.loadFile(path);
    expect(Object.keys(fromFile)).toEqual(names);
    expect(await fromFile.__proto__!.toArray()).toEqual([1]);
    // And back: saving them writes the same tensors under the same names.
    const again = safetensors.deserialize(await safetensors.save(out));
    expect(Object.keys(again.entries).sort()).toEqual([...names].sort());
    expect(Array.from(again.entries.__proto__!.data)).toEqual([1]);
  });

  it('reads 8 bytes of a 300 MB file whose header claims past the limit', async () => {
    const path = join(dir, 'bomb.safetensors');
    const fd = openSync(path, 'w');
    const length = new Uint8Array(8);
    new DataView(length.buffer).setBigUint64(0, 299_999_992n, true);
    writeSync(fd, length);
    ftruncateSync(fd, 300_000_000); // sparse where the file system allows: the rest reads as zeros
    closeSync(fd);
    await expect(node.loadFile(path)).rejects.toThrow(
      /^loadFile: the header claims 299999992 bytes, expected at most 100000000 \(the format's limit\); nothing was loaded$/,
    );
    rmSync(path);
  });

  it('takes any view of the bytes (a Node Buffer, a DataView), and refuses what holds none', () => {
    const bytes = file(`{${f32('a', [1], [0, 4])}}`, new Uint8Array(Float32Array.of(2.5).buffer));
    const inBuffer = Buffer.concat([Buffer.from('junk'), bytes]).subarray(4);
    expect(Array.from(safetensors.deserialize(inBuffer).entries.a!.data)).toEqual([2.5]);
    expect(Array.from(safetensors.deserialize(new DataView(bytes.buffer)).entries.a!.data)).toEqual([2.5]);
    expect(() => safetensors.load({} as never)).toThrow(/^safetensors.load: got object, expected the file's bytes/);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  return new Error('no error');
}
