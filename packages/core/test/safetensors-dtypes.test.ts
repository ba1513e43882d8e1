import { describe, expect, it } from 'vitest';
import { FormatError } from '../src/errors.js';
import { deserialize, serialize } from '../src/io/safetensors.js';

/**
 * A file as `safetensors.torch.save_file` writes it, built here from the format's specification:
 * an 8-byte little-endian header length, the compact JSON header (tensors in the writer's
 * order: its Dtype enum descending — I64, F64, F32, BF16, F16, I16, I8, U8, BOOL — then by
 * name), spaces to a multiple of 8 bytes, then each tensor's little-endian bytes. Values are
 * written as bits from the IEEE formats (float16 1.0 = 0x3c00, bfloat16 pi = 0x4049, ...).
 */
function pytorchFile(): Uint8Array {
  const parts: { name: string; dtype: string; shape: number[]; bytes: number[] }[] = [];
  const le = (n: number, v: bigint | number): number[] => {
    const b = new DataView(new ArrayBuffer(n));
    if (n === 8) b.setBigInt64(0, BigInt(v), true);
    else if (n === 2) b.setUint16(0, Number(v), true);
    else b.setUint8(0, Number(v));
    return [...new Uint8Array(b.buffer)];
  };
  parts.push({ name: 'bn.num_batches_tracked', dtype: 'I64', shape: [], bytes: le(8, 7n) });
  parts.push({ name: 'ids', dtype: 'I64', shape: [2], bytes: [...le(8, -2147483648n), ...le(8, 2147483647n)] });
  const f64 = new DataView(new ArrayBuffer(8));
  f64.setFloat64(0, 0.1, true);
  parts.push({ name: 'd', dtype: 'F64', shape: [1], bytes: [...new Uint8Array(f64.buffer)] });
  parts.push({ name: 'b', dtype: 'BF16', shape: [2], bytes: [...le(2, 0x4049), ...le(2, 0xc000)] });
  parts.push({
    name: 'h',
    dtype: 'F16',
    shape: [2, 2],
    bytes: [0x3c00, 0x3555, 0x7bff, 0x0001].flatMap((v) => le(2, v)),
  });
  parts.push({ name: 's', dtype: 'I16', shape: [2], bytes: [...le(2, 0x8000), ...le(2, 0x7fff)] });
  parts.push({ name: 'q', dtype: 'I8', shape: [2], bytes: [0x80, 0x7f] });
  parts.push({ name: 'img', dtype: 'U8', shape: [3], bytes: [0, 128, 255] });
  parts.push({ name: 'm', dtype: 'BOOL', shape: [1], bytes: [1] });
  let offset = 0;
  const fields = parts.map((p) => {
    const f = `"${p.name}":{"dtype":"${p.dtype}","shape":[${p.shape.join(',')}],"data_offsets":[${offset},${offset + p.bytes.length}]}`;
    offset += p.bytes.length;
    return f;
  });
  let header = `{"__metadata__":{"format":"pt"},${fields.join(',')}}`;
  header += ' '.repeat((8 - (header.length % 8)) % 8);
  return new Uint8Array([
    ...le(8, BigInt(header.length)),
    ...new TextEncoder().encode(header),
    ...parts.flatMap((p) => p.bytes),
  ]);
}

describe('safetensors dtypes of PyTorch checkpoints', () => {
  it('loads I64, F64, BF16, F16, I16, I8, U8 and BOOL from a file in PyTorch layout', () => {
    const { entries, metadata } = deserialize(pytorchFile());
    expect(metadata).toEqual({ format: 'pt' });
    const got = Object.fromEntries(
      Object.entries(entries).map(([n, e]) => [n, { dtype: e.dtype, shape: e.shape, values: Array.from(e.data) }]),
    );
    expect(got).toEqual({
      'bn.num_batches_tracked': { dtype: 'int32', shape: [], values: [7] },
      ids: { dtype: 'int32', shape: [2], values: [-2147483648, 2147483647] },
      d: { dtype: 'float64', shape: [1], values: [0.1] },
      b: { dtype: 'bfloat16', shape: [2], values: [3.140625, -2] },
      h: { dtype: 'float16', shape: [2, 2], values: [1, 1365 / 4096, 65504, 2 ** -24] },
      s: { dtype: 'int32', shape: [2], values: [-32768, 32767] },
      q: { dtype: 'int8', shape: [2], values: [-128, 127] },
      img: { dtype: 'uint8', shape: [3], values: [0, 128, 255] },
      m: { dtype: 'bool', shape: [1], values: [1] },
    });
  });

  it('refuses an I64 value outside int32, naming the tensor', () => {
    const bytes = serialize({ big: { dtype: 'int32', shape: [2], data: Int32Array.from([1, 2]) } });
    // The second value's high word: 2 + 2^32 is still an I64, but not an int32.
    new DataView(bytes.buffer).setInt32(bytes.length - 4, 1, true);
    expect(() => deserialize(bytes)).toThrow(FormatError);
    expect(() => deserialize(bytes)).toThrow(
      /^safetensors.deserialize: tensor "big" \(I64\) holds 4294967298 at flat index 1, expected a value in int32's range.*nothing was loaded$/,
    );
  });

  it("writes the file PyTorch's writer does: int32 as I64 unless asked for I32", () => {
    const entries = {
      'bn.num_batches_tracked': { dtype: 'int32' as const, shape: [], data: Int32Array.from([7]) },
      ids: { dtype: 'int32' as const, shape: [2], data: Int32Array.from([-2147483648, 2147483647]) },
      d: { dtype: 'float64' as const, shape: [1], data: Float64Array.from([0.1]) },
      b: { dtype: 'bfloat16' as const, shape: [2], data: Float32Array.from([3.140625, -2]) },
      h: { dtype: 'float16' as const, shape: [2, 2], data: Float32Array.from([1, 1365 / 4096, 65504, 2 ** -24]) },
      q: { dtype: 'int8' as const, shape: [2], data: Int8Array.from([-128, 127]) },
      img: { dtype: 'uint8' as const, shape: [3], data: Uint8Array.from([0, 128, 255]) },
      m: { dtype: 'bool' as const, shape: [1], data: Uint8Array.from([1]) },
    };
    // The expected file without the I16 tensor, which ag writes as int32 (it has no int16).
    const { entries: fromPytorch } = deserialize(pytorchFile());
    delete fromPytorch.s;
    const written = serialize(entries, { format: 'pt' });
    const reference = serialize(fromPytorch, { format: 'pt' });
    expect(Array.from(written)).toEqual(Array.from(reference));
    const text = new TextDecoder().decode(written);
    expect(text).toContain('{"__metadata__":{"format":"pt"},"bn.num_batches_tracked":{"dtype":"I64","shape":[]');
    const i32 = serialize({ n: entries['bn.num_batches_tracked'] }, undefined, { int32: 'I32' });
    expect(new TextDecoder().decode(i32)).toContain('"dtype":"I32"');
    expect(() => serialize({}, undefined, { int32: 'I16' as 'I32' })).toThrow(
      /int32 must be 'I64' or 'I32', got "I16"/,
    );
  });

  it('writes float16 and bfloat16 as the bits of the values it is given', () => {
    const bytes = serialize({ h: { dtype: 'float16', shape: [1], data: Float32Array.from([1 / 3]) } });
    const bits = new DataView(bytes.buffer).getUint16(bytes.length - 2, true);
    expect(bits).toBe(0x3555);
  });
});
