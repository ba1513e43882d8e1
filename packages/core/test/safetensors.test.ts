import { describe, expect, it } from 'vitest';
import { FormatError, ValueError } from '../src/errors.js';
import { deserialize, serialize } from '../src/io/safetensors.js';

// The expected bytes are written out from the format's specification (8-byte little-endian
// header length, compact JSON header padded with spaces to 8 bytes, little-endian data), in the
// reference writer's order: larger dtypes first, then names.
describe('safetensors', () => {
  const header =
    '{"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"BOOL","shape":[3],"data_offsets":[8,11]}}';
  const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
  const expected = new Uint8Array([
    ...new Uint8Array(new BigUint64Array([BigInt(padded.length)]).buffer),
    ...new TextEncoder().encode(padded),
    ...new Uint8Array(new Float32Array([1.5, -2]).buffer),
    1,
    0,
    1,
  ]);

  it('writes the reference layout byte for byte', () => {
    const bytes = serialize({
      a: { dtype: 'bool', shape: [3], data: Uint8Array.from([1, 0, 1]) },
      b: { dtype: 'float32', shape: [2], data: Float32Array.from([1.5, -2]) },
    });
    expect(Array.from(bytes)).toEqual(Array.from(expected));
  });

  it('puts __metadata__ first', () => {
    const bytes = serialize({ x: { dtype: 'int32', shape: [], data: Int32Array.from([7]) } }, { format: 'pt' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + n)).trimEnd()).toBe(
      '{"__metadata__":{"format":"pt"},"x":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}',
    );
  });

  it('reads back what it writes, for every dtype', () => {
    const { entries, metadata } = deserialize(
      serialize(
        {
          f64: { dtype: 'float64', shape: [2, 1], data: Float64Array.from([Math.PI, -0]) },
          i: { dtype: 'int32', shape: [2], data: Int32Array.from([-2147483648, 5]) },
        },
        { k: 'v' },
      ),
    );
    expect(metadata).toEqual({ k: 'v' });
    expect(Array.from(entries.f64!.data)).toEqual([Math.PI, -0]);
    expect(entries.f64!.shape).toEqual([2, 1]);
    expect(Array.from(entries.i!.data)).toEqual([-2147483648, 5]);
  });

  it('refuses truncated, oversized and malformed files with a FormatError naming the function (more: safetensors-hostile)', () => {
    const refuses = (bytes: Uint8Array, message: RegExp) => {
      expect(() => deserialize(bytes)).toThrow(FormatError);
      expect(() => deserialize(bytes)).toThrow(message);
    };
    refuses(expected.subarray(0, 5), /^safetensors.deserialize: got a file of 5 bytes, expected at least 8/);
    refuses(
      expected.subarray(0, expected.length - 1),
      /"a" has data_offsets \[8, 11\], expected .* <= 10.*nothing was loaded$/,
    );
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 10n ** 12n, true);
    refuses(huge, /the header claims 1000000000000 bytes, expected at most 100000000/);
    const bad = expected.slice();
    bad[8] = 0x5b; // '[' instead of '{'
    refuses(bad, /the header starts with "\[\\"b\\":{.*expected a JSON object/);
    const wrongDtype = serialize({ a: { dtype: 'float32', shape: [1], data: Float32Array.from([1]) } });
    const text = new TextDecoder().decode(wrongDtype).replace('F32', 'U32');
    refuses(new TextEncoder().encode(text), /tensor "a" has dtype "U32", expected one of/);
  });

  it('refuses to write what it could not read back', () => {
    const f = Float32Array.from([1, 2]);
    expect(() => serialize({ a: { dtype: 'float32', shape: [3], data: f } })).toThrow(
      /^safetensors.serialize: tensor "a" of shape \[3\] has 2 values, expected 3$/,
    );
    expect(() => serialize({ __metadata__: { dtype: 'float32', shape: [2], data: f } })).toThrow(ValueError);
    expect(() => serialize({ a: { dtype: 'int64' as never, shape: [2], data: f } })).toThrow(
      /has dtype int64, expected one of/,
    );
    expect(() => serialize({ a: { dtype: 'float32', shape: [-2], data: f } })).toThrow(/has shape -2, expected/);
    expect(() => serialize({}, { n: 5 as never })).toThrow(/metadata\["n"\] is number, expected a string/);
  });

  it('writes names that look like integers, or like __proto__, where the reference writer does', () => {
    const one = (v: number) => ({ dtype: 'float32' as const, shape: [1], data: Float32Array.from([v]) });
    const entries = Object.fromEntries([
      ['b', one(1)],
      ['10', one(2)],
      ['__proto__', one(3)],
      ['2', one(4)],
    ]);
    const bytes = serialize(entries, { z: '1', '0': '2' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    // Sorted by name as strings ("10" < "2" < "__proto__" < "b"), metadata first, in its own order.
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + n)).trimEnd()).toBe(
      '{"__metadata__":{"0":"2","z":"1"},' +
        '"10":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},' +
        '"2":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},' +
        '"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},' +
        '"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}',
    );
    const back = deserialize(bytes);
    expect(Object.keys(back.entries)).toEqual(['2', '10', '__proto__', 'b']);
    expect(Array.from(back.entries.__proto__!.data)).toEqual([3]);
    expect(Object.getPrototypeOf(back.entries)).toBe(null);
  });
});
