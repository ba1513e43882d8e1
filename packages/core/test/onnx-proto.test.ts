import { describe, expect, it } from 'vitest';
import { Message, varint } from '../src/onnx/proto.js';

/** The protobuf wire bytes onnx.export writes, checked against the encoding rules by hand. */
describe('onnx protobuf writer', () => {
  it('writes varints 7 bits a byte, low first, and negatives as 10 bytes', () => {
    expect([...varint(0)]).toEqual([0]);
    expect([...varint(1)]).toEqual([1]);
    expect([...varint(300)]).toEqual([0xac, 0x02]);
    expect([...varint(-1)]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  });

  it('writes keys as field * 8 + wire type, and length-prefixes strings and nested messages', () => {
    // OperatorSetIdProto { domain (1) = "", version (2) = 17 }: 0a 00 10 11.
    const opset = new Message().string(1, '').int(2, 17);
    expect([...opset.finish()]).toEqual([0x0a, 0x00, 0x10, 0x11]);
    // ModelProto.opset_import (8) holding it: key 0x42, length 4.
    expect([...new Message().bytes(8, opset).finish()]).toEqual([0x42, 0x04, 0x0a, 0x00, 0x10, 0x11]);
  });

  it('packs repeated ints and writes floats little-endian', () => {
    expect([...new Message().packedInts(1, [2, 3, 300]).finish()]).toEqual([0x0a, 0x04, 2, 3, 0xac, 0x02]);
    // AttributeProto.f (2) = 1.0: key 0x15, then 00 00 80 3f.
    expect([...new Message().float(2, 1).finish()]).toEqual([0x15, 0x00, 0x00, 0x80, 0x3f]);
  });
});
