/**
 * A protobuf reader for the tests: enough of ONNX's ModelProto to check what the exporter wrote
 * (node op types, initializer names, graph inputs' dims), independent of the writer's code.
 */
type Field = { n: number; wire: number; value: bigint | Uint8Array };

function fields(bytes: Uint8Array): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = (): bigint => {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      const b = bytes[at++]!;
      v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return v;
    }
  };
  while (at < bytes.length) {
    const key = Number(varint());
    const wire = key & 7;
    if (wire === 0) out.push({ n: key >> 3, wire, value: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      out.push({ n: key >> 3, wire, value: bytes.subarray(at, at + len) });
      at += len;
    } else if (wire === 5) {
      out.push({ n: key >> 3, wire, value: bytes.subarray(at, at + 4) });
      at += 4;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const sub = (fs: Field[], n: number) => fs.filter((f) => f.n === n).map((f) => f.value as Uint8Array);
const num = (fs: Field[], n: number) => fs.filter((f) => f.n === n).map((f) => BigInt.asIntN(64, f.value as bigint));

export interface DecodedModel {
  irVersion: number;
  opset: number;
  ops: string[];
  initializers: string[];
  inputs: { name: string; dims: (number | string)[] }[];
  outputs: { name: string; dims: (number | string)[] }[];
}

function valueInfo(b: Uint8Array): { name: string; dims: (number | string)[] } {
  const v = fields(b);
  const tensorType = fields(sub(fields(sub(v, 2)[0]!), 1)[0]!);
  const shape = fields(sub(tensorType, 2)[0]!);
  const dims = sub(shape, 1).map((d) => {
    const f = fields(d);
    const param = sub(f, 2)[0];
    return param === undefined ? Number(num(f, 1)[0]) : text(param);
  });
  return { name: text(sub(v, 1)[0]!), dims };
}

export function decodeModel(bytes: Uint8Array): DecodedModel {
  const m = fields(bytes);
  const graph = fields(sub(m, 7)[0]!);
  const opsetId = fields(sub(m, 8)[0]!);
  return {
    irVersion: Number(num(m, 1)[0]),
    opset: Number(num(opsetId, 2)[0]),
    ops: sub(graph, 1).map((n) => text(sub(fields(n), 4)[0]!)),
    initializers: sub(graph, 5).map((t) => text(sub(fields(t), 8)[0]!)),
    inputs: sub(graph, 11).map(valueInfo),
    outputs: sub(graph, 12).map(valueInfo),
  };
}
