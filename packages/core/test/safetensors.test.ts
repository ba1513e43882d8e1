import { describe, expect, it } from 'vitest';
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

  it('refuses truncated, oversized and malformed files with clear errors', () => {
    expect(() => deserialize(expected.subarray(0, 5))).toThrow('too short');
    expect(() => deserialize(expected.subarray(0, expected.length - 1))).toThrow(/nothing was loaded/);
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 10n ** 12n, true);
    expect(() => deserialize(huge)).toThrow('exceeds');
    const bad = expected.slice();
    bad[8] = 0x5b; // '[' instead of '{'
    expect(() => deserialize(bad)).toThrow(/not valid|not a JSON object/);
    const wrongDtype = serialize({ a: { dtype: 'float32', shape: [1], data: Float32Array.from([1]) } });
    const text = new TextDecoder().decode(wrongDtype).replace('F32', 'U32');
    expect(() => deserialize(new TextEncoder().encode(text))).toThrow('unsupported dtype "U32"');
  });
});
