import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DType, TypedArray } from '../src/dtype.js';
import { FormatError, registerBackend, safetensors, unregisterBackend } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

/**
 * Valid files (every dtype, scalars, empty tensors, metadata, awkward names), mutated: bytes
 * flipped, set, cut or spliced in, the length prefix changed, the header's JSON edited (offsets,
 * dtypes, shapes, fields, metadata, repeated keys, padding). Each must either load with values
 * that agree with its header, read here independently (JSON.parse and DataView), or be refused
 * with a FormatError naming the function. Nothing else may come out: no RangeError, TypeError
 * or SyntaxError. AG_SAFETENSORS_RUNS=100000 runs more than CI's.
 */

const RUNS = Number(process.env.AG_SAFETENSORS_RUNS ?? 3000);
const SEED = 17;

// Its storage is a Float64Array, which holds every dtype's values exactly: the fake takes them all.
const DTYPES: DType[] = ['float32', 'float64', 'float16', 'bfloat16', 'int32', 'uint8', 'int8', 'bool'];
beforeAll(() => {
  registerBackend({ ...fakeBackend('cpu'), dtypes: DTYPES });
});
afterAll(() => {
  unregisterBackend('cpu');
});

const CODES = ['F64', 'F32', 'F16', 'BF16', 'I64', 'I32', 'I16', 'I8', 'U8', 'BOOL'];
/** The ag dtype each code loads into, and its bytes per element, from the format's specification. */
const LOADS_AS: Record<string, [DType, number]> = {
  F64: ['float64', 8],
  F32: ['float32', 4],
  F16: ['float16', 2],
  BF16: ['bfloat16', 2],
  I64: ['int32', 8],
  I32: ['int32', 4],
  I16: ['int32', 2],
  I8: ['int8', 1],
  U8: ['uint8', 1],
  BOOL: ['bool', 1],
};

/** Small integers every dtype holds exactly (the test is of the container, not of rounding). */
function values(dtype: DType, count: number, salt: number): TypedArray {
  const v = (i: number) => ((i * 7 + salt * 3) % 9) - 4;
  switch (dtype) {
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => v(i));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => v(i) * 1000);
    case 'uint8':
      return Uint8Array.from({ length: count }, (_, i) => v(i) + 4);
    case 'int8':
      return Int8Array.from({ length: count }, (_, i) => v(i));
    case 'bool':
      return Uint8Array.from({ length: count }, (_, i) => i % 2);
    case 'float32':
    case 'float16':
    case 'bfloat16':
      return Float32Array.from({ length: count }, (_, i) => v(i) / 4);
  }
}

const name = fc.oneof(
  fc.constantFrom('weight', 'bias', '0', '10', 'a.b', '__proto__', 'constructor', 'prototype', ''),
  fc.string({ maxLength: 4 }),
);
const validFile = fc
  .record({
    tensors: fc.uniqueArray(
      fc.record({
        name,
        dtype: fc.constantFrom(...DTYPES),
        shape: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
      }),
      { selector: (t) => t.name, maxLength: 4 },
    ),
    metadata: fc.option(fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }), {
      nil: undefined,
    }),
    int32: fc.constantFrom('I64' as const, 'I32' as const),
  })
  .filter((f) => f.tensors.every((t) => t.name !== '__metadata__'))
  .map(({ tensors, metadata, int32 }) => {
    const entries = Object.fromEntries(
      tensors.map((t, j) => {
        const count = t.shape.reduce((a, b) => a * b, 1);
        return [t.name, { dtype: t.dtype, shape: t.shape, data: values(t.dtype, count, j) }];
      }),
    );
    return safetensors.serialize(entries, metadata, { int32 });
  });

type Header = Record<string, unknown>;
const anyInt = fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constantFrom(2 ** 53, 2 ** 64, 1.5, -0));

/** Edits of the header's JSON: each takes the parsed header and returns the new text. */
const headerEdit = fc.oneof(
  fc.record({ kind: fc.constant('offsets' as const), at: fc.nat(), value: fc.tuple(anyInt, anyInt) }),
  fc.record({
    kind: fc.constant('offsets' as const),
    at: fc.nat(),
    value: fc.oneof(fc.array(anyInt, { maxLength: 3 }), fc.constantFrom(null, 'x', 4)),
  }),
  fc.record({ kind: fc.constant('shift' as const), at: fc.nat(), value: fc.integer({ min: -8, max: 8 }) }),
  fc.record({
    kind: fc.constant('dtype' as const),
    at: fc.nat(),
    value: fc.constantFrom(...CODES, 'U32', 'F8', 5, null),
  }),
  fc.record({
    kind: fc.constant('shape' as const),
    at: fc.nat(),
    value: fc.oneof(fc.array(anyInt, { maxLength: 4 }), fc.constantFrom(null, 3, 'x', [1e15, 1e15])),
  }),
  fc.record({
    kind: fc.constant('drop' as const),
    at: fc.nat(),
    value: fc.constantFrom('dtype', 'shape', 'data_offsets'),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    at: fc.nat(),
    value: fc.constantFrom('__proto__', '__metadata__', 'b'),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), value: fc.constant(null) }),
  fc.record({
    kind: fc.constant('metadata' as const),
    at: fc.nat(),
    value: fc.constantFrom(null, 5, 'x', { a: 1 }, { a: 'b' }, JSON.parse('{"__proto__":"p"}') as unknown, []),
  }),
  fc.record({ kind: fc.constant('pad' as const), at: fc.nat(), value: fc.constantFrom(' ', '\t\n', '\0', 'x', '') }),
);
type HeaderEdit = typeof headerEdit extends fc.Arbitrary<infer T> ? T : never;

const byteEdit = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('flipData' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    remove: fc.integer({ min: 0, max: 8 }),
    insert: fc.uint8Array({ maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('length' as const),
    value: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: -16n, max: 16n })),
  }),
);
type ByteEdit = typeof byteEdit extends fc.Arbitrary<infer T> ? T : never;

function headerOf(bytes: Uint8Array): { n: number; header: Header } {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { n, header: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Header };
}

function withHeader(bytes: Uint8Array, text: string): Uint8Array {
  const { n } = headerOf(bytes);
  const json = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + json.length + bytes.length - 8 - n);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(bytes.subarray(8 + n), 8 + json.length);
  return out;
}

/** JSON of an object field by field, so a `__proto__` key (an own key from JSON.parse) stays a key. */
function jsonOf(fields: [string, unknown][]): string {
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}

function editHeader(bytes: Uint8Array, edit: HeaderEdit): Uint8Array {
  const fields = Object.entries(headerOf(bytes).header);
  const tensors = fields.filter(([k]) => k !== '__metadata__');
  const target = tensors[edit.at % Math.max(tensors.length, 1)];
  const info = target && { ...(target[1] as Header) };
  if (edit.kind === 'metadata') {
    const rest = fields.filter(([k]) => k !== '__metadata__');
    return withHeader(bytes, jsonOf([['__metadata__', edit.value], ...rest]));
  }
  if (edit.kind === 'pad') return withHeader(bytes, jsonOf(fields) + edit.value.repeat(1 + (edit.at % 4)));
  if (target === undefined || info === undefined) return bytes;
  const replace = (key: string, value: unknown) =>
    fields.map(([k, v]): [string, unknown] => (k === target[0] ? [key, value] : [k, v]));
  switch (edit.kind) {
    case 'offsets':
      return withHeader(bytes, jsonOf(replace(target[0], { ...info, data_offsets: edit.value })));
    case 'shift': {
      const [begin, end] = info.data_offsets as [number, number];
      return withHeader(
        bytes,
        jsonOf(replace(target[0], { ...info, data_offsets: [begin + edit.value, end + edit.value] })),
      );
    }
    case 'dtype':
      return withHeader(bytes, jsonOf(replace(target[0], { ...info, dtype: edit.value })));
    case 'shape':
      return withHeader(bytes, jsonOf(replace(target[0], { ...info, shape: edit.value })));
    case 'drop':
      return withHeader(
        bytes,
        jsonOf(replace(target[0], Object.fromEntries(Object.entries(info).filter(([k]) => k !== edit.value)))),
      );
    case 'rename':
      return withHeader(bytes, jsonOf(replace(edit.value, info)));
    case 'duplicate':
      return withHeader(bytes, jsonOf([...fields, target]));
  }
}

function editBytes(bytes: Uint8Array, edit: ByteEdit): Uint8Array {
  const out = bytes.slice();
  const at = out.length === 0 ? 0 : (edit as { at?: number }).at! % out.length;
  switch (edit.kind) {
    case 'flip':
      if (out.length > 0) out[at] = out[at]! ^ (1 << edit.bit);
      return out;
    case 'flipData': {
      // A bit of the values (after the header), so that a file still loads and its values change.
      const start = out.length < 8 ? 0 : 8 + Number(new DataView(out.buffer).getBigUint64(0, true));
      const i = start + (edit.at % Math.max(out.length - start, 1));
      if (i < out.length) out[i] = out[i]! ^ (1 << edit.bit);
      return out;
    }
    case 'set':
      if (out.length > 0) out[at] = edit.value;
      return out;
    case 'truncate':
      return out.subarray(0, at);
    case 'splice':
      return Uint8Array.from([...out.subarray(0, at), ...edit.insert, ...out.subarray(at + edit.remove)]);
    case 'length': {
      if (out.length < 8) return out;
      const view = new DataView(out.buffer);
      const n = view.getBigUint64(0, true);
      const value = edit.value < 0n || edit.value <= 16n ? n + edit.value : edit.value;
      view.setBigUint64(0, BigInt.asUintN(64, value), true);
      return out;
    }
  }
}

/** Element i of a tensor's bytes as the format's specification defines the code. */
function readElement(view: DataView, code: string, i: number): number {
  switch (code) {
    case 'F64':
      return view.getFloat64(i * 8, true);
    case 'F32':
      return view.getFloat32(i * 4, true);
    case 'F16': {
      const bits = view.getUint16(i * 2, true);
      const sign = bits & 0x8000 ? -1 : 1;
      const exponent = (bits >> 10) & 0x1f;
      const mantissa = bits & 0x3ff;
      if (exponent === 0) return sign * mantissa * 2 ** -24;
      if (exponent === 31) return mantissa === 0 ? sign * Infinity : NaN;
      return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
    }
    case 'BF16': {
      const wide = new DataView(new ArrayBuffer(4));
      wide.setUint16(0, view.getUint16(i * 2, true)); // the high half of a float32, big-endian here
      return wide.getFloat32(0);
    }
    case 'I64':
      return Number(view.getBigInt64(i * 8, true));
    case 'I32':
      return view.getInt32(i * 4, true);
    case 'I16':
      return view.getInt16(i * 2, true);
    case 'I8':
      return view.getInt8(i);
    case 'U8':
      return view.getUint8(i);
    default:
      return view.getUint8(i) === 0 ? 0 : 1;
  }
}

/** What a successful load must agree with: the header and the bytes, read without the loader. */
function checkAgainstHeader(bytes: Uint8Array, loaded: ReturnType<typeof safetensors.deserialize>): void {
  const { n, header } = headerOf(bytes);
  const { __metadata__: metadata, ...tensors } = header;
  expect(loaded.metadata === null ? null : { ...loaded.metadata }).toEqual(metadata ?? null);
  expect(Object.keys(loaded.entries).sort()).toEqual(Object.keys(tensors).sort());
  const data = bytes.subarray(8 + n);
  const spans: [number, number][] = [];
  for (const [key, raw] of Object.entries(tensors)) {
    const info = raw as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const entry = loaded.entries[key]!;
    const [dtype, size] = LOADS_AS[info.dtype]!;
    const count = info.shape.reduce((a, b) => a * b, 1);
    const [begin, end] = info.data_offsets;
    expect(entry.dtype).toBe(dtype);
    expect(entry.shape).toEqual(info.shape);
    expect(end - begin).toBe(count * size);
    spans.push([begin, end]);
    const view = new DataView(data.buffer, data.byteOffset + begin, end - begin);
    for (let i = 0; i < count; i++) {
      const want = readElement(view, info.dtype, i);
      if (!Object.is(entry.data[i], want))
        throw new Error(`tensor ${key}[${i}] loaded as ${entry.data[i]}, its bytes say ${want}`);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end] of spans) {
    expect(begin).toBe(covered);
    covered = end;
  }
  expect(covered).toBe(data.length);
}

/** The rule a refusal names, for the tally (the message after `op: `). */
const RULES: [RegExp, string][] = [
  [/^got a file of/, 'a file under 8 bytes'],
  [/^the header claims \d+ bytes, expected at most/, 'a header length over the limit'],
  [/^the header claims \d+ bytes, but/, 'a header length past the file'],
  [/not valid UTF-8/, 'a header not UTF-8'],
  [/^the header starts with/, 'a header not opening with {'],
  [/duplicate key/, 'a repeated key'],
  [/not valid JSON/, 'a header not JSON'],
  [/^__metadata__/, 'metadata not strings to strings'],
  [/expected an object with dtype/, 'a tensor entry not an object'],
  [/has dtype/, 'an unknown dtype'],
  [/has shape/, 'a bad shape'],
  [/has data_offsets/, 'offsets malformed or out of range'],
  [/spans \d+ bytes/, 'a byte length other than numel * itemsize'],
  [/starts at byte/, 'tensors with a gap or an overlap'],
  [/the tensors cover/, 'data the tensors do not cover'],
  [/\(I64\) holds/, 'an I64 value outside int32'],
];

function ruleOf(message: string): string {
  const why = message.replace(/^[\w.]+: /, '');
  return RULES.find(([re]) => re.test(why))?.[1] ?? `another: ${why}`;
}

describe('mutated safetensors files', () => {
  it(`load with values their header describes, or are refused with a FormatError (${RUNS} files, seed ${SEED})`, () => {
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    let tried = 0;
    fc.assert(
      fc.property(
        validFile,
        fc.option(headerEdit, { nil: undefined }),
        fc.array(byteEdit, { maxLength: 3 }),
        (valid, hEdit, bEdits) => {
          let bytes = hEdit === undefined ? valid : editHeader(valid, hEdit);
          for (const e of bEdits) bytes = editBytes(bytes, e);
          tried++;
          let loaded: ReturnType<typeof safetensors.deserialize>;
          try {
            loaded = safetensors.deserialize(bytes);
          } catch (e) {
            if (!(e instanceof FormatError) || !e.message.startsWith('safetensors.deserialize: ')) throw e;
            expect(() => safetensors.load(bytes)).toThrow(FormatError);
            count(`refused: ${ruleOf(e.message)}`);
            return;
          }
          checkAgainstHeader(bytes, loaded);
          const tensors = safetensors.load(bytes);
          for (const [key, entry] of Object.entries(loaded.entries)) {
            expect(tensors[key]!.shape).toEqual(entry.shape);
            expect(tensors[key]!.dtype).toBe(entry.dtype);
          }
          count(hEdit === undefined && bEdits.length === 0 ? 'loaded: unmutated' : 'loaded: mutated');
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    const table = [...outcomes].sort((a, b) => b[1] - a[1]);
    const unmutated = outcomes.get('loaded: unmutated') ?? 0;
    console.log(
      `safetensors fuzz: ${tried} files tried (${tried - unmutated} mutated)\n${table.map(([k, v]) => `  ${v}\t${k}`).join('\n')}`,
    );
    expect(tried).toBe(RUNS);
    // The mutations must reach past the first checks, or the property says little.
    const loaded = (outcomes.get('loaded: mutated') ?? 0) + (outcomes.get('loaded: unmutated') ?? 0);
    expect(loaded).toBeGreaterThan(RUNS / 20);
    expect(table.filter(([k]) => k.startsWith('refused: ')).length).toBeGreaterThanOrEqual(12);
    expect(table.filter(([k]) => k.startsWith('refused: another'))).toEqual([]);
  });
});
