import { ValueError } from '../errors.js';
/**
 * The few protobuf wire rules ONNX needs, for writing only: varints, length-delimited fields
 * (strings, bytes, nested messages, packed repeated numbers) and 32-bit floats. A message is
 * built as a list of already-encoded fields, so a nested message is encoded once, bottom up.
 */

/** One encoded message (its fields in order), ready to nest or to concatenate. */
export class Message {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this;
  }

  /** A varint field (wire type 0): int32, int64 and enum values; negatives as 10-byte two's complement. */
  int(field: number, value: number): this {
    return this.push(concat([varint(field * 8), varint(value)]));
  }

  /** A float field (wire type 5, little-endian IEEE 754 single). */
  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    return this.push(concat([varint(field * 8 + 5), b]));
  }

  /** A length-delimited field (wire type 2): bytes, or a nested message. */
  bytes(field: number, value: Uint8Array | Message): this {
    const b = value instanceof Message ? value.finish() : value;
    return this.push(concat([varint(field * 8 + 2), varint(b.length), b]));
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** A packed repeated varint field (proto3's default for repeated int64). */
  packedInts(field: number, values: readonly number[]): this {
    return this.bytes(field, concat(values.map(varint)));
  }

  /** A packed repeated float field. */
  packedFloats(field: number, values: readonly number[]): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    values.forEach((v, i) => {
      view.setFloat32(i * 4, v, true);
    });
    return this.bytes(field, b);
  }

  finish(): Uint8Array {
    return concat(this.parts, this.size);
  }
}

/** A varint: 7 bits a byte, low first. Negative values take 10 bytes (64-bit two's complement). */
export function varint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new ValueError(`onnx.export: cannot encode ${value} as an integer`);
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? byte : byte | 0x80);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

function concat(parts: readonly Uint8Array[], size = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
