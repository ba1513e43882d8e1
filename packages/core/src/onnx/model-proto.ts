import type { DType } from '../dtype.js';
import { Message } from './proto.js';
import { DTypeError } from '../errors.js';

/**
 * ONNX's messages as plain data, and their encoding with the field numbers of onnx/onnx.proto
 * (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto,
 * TensorShapeProto, OperatorSetIdProto). Only the fields the exporter writes are here.
 */

/** TensorProto.DataType values. */
export const ELEM_TYPE = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
} as const;
export type ElemType = keyof typeof ELEM_TYPE;

const ELEM: Partial<Record<DType, ElemType>> = {
  float32: 'float32',
  float64: 'float64',
  float16: 'float16',
  int32: 'int32',
  uint8: 'uint8',
  int8: 'int8',
  bool: 'bool',
};

export function elemTypeOf(dtype: DType): ElemType {
  const e = ELEM[dtype];
  if (e === undefined) throw new DTypeError(`onnx.export: dtype ${dtype} has no ONNX element type here`);
  return e;
}

export type AttrValue =
  | { readonly int: number }
  | { readonly ints: readonly number[] }
  | { readonly float: number }
  | { readonly floats: readonly number[] }
  | { readonly string: string };

export interface OnnxNode {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs?: Readonly<Record<string, AttrValue>>;
}

/** A constant: a parameter, a buffer, or a value the forward made without the inputs. */
export interface OnnxTensor {
  readonly name: string;
  readonly elemType: ElemType;
  readonly dims: readonly number[];
  /** The values, little-endian, as ONNX's raw_data. */
  readonly raw: Uint8Array;
}

/** A graph input or output: its element type and shape, a string for a symbolic dim (dim_param). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: ElemType;
  readonly shape: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

/** IR version 8 is the one that came with opset 17; runtimes read later opsets' IR versions too. */
export const IR_VERSION = 8;
export const OPSET = 17;

export function encodeModel(graph: OnnxGraph): Uint8Array {
  return new Message()
    .int(1, IR_VERSION)
    .string(2, 'ag')
    .bytes(7, encodeGraph(graph))
    .bytes(8, new Message().string(1, '').int(2, OPSET))
    .finish();
}

function encodeGraph(g: OnnxGraph): Message {
  const m = new Message();
  for (const n of g.nodes) m.bytes(1, encodeNode(n));
  m.string(2, g.name);
  for (const t of g.initializers) m.bytes(5, encodeTensor(t));
  for (const v of g.inputs) m.bytes(11, encodeValueInfo(v));
  for (const v of g.outputs) m.bytes(12, encodeValueInfo(v));
  return m;
}

function encodeNode(n: OnnxNode): Message {
  const m = new Message();
  for (const i of n.inputs) m.string(1, i);
  for (const o of n.outputs) m.string(2, o);
  m.string(4, n.opType);
  for (const [name, value] of Object.entries(n.attrs ?? {})) m.bytes(5, encodeAttr(name, value));
  return m;
}

/** AttributeProto: name (1), the value's field, and its type (20): FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7. */
function encodeAttr(name: string, v: AttrValue): Message {
  const m = new Message().string(1, name);
  if ('int' in v) return m.int(3, v.int).int(20, 2);
  if ('float' in v) return m.float(2, v.float).int(20, 1);
  if ('string' in v) return m.string(4, v.string).int(20, 3);
  if ('ints' in v) return m.packedInts(8, v.ints).int(20, 7);
  return m.packedFloats(7, v.floats).int(20, 6);
}

function encodeTensor(t: OnnxTensor): Message {
  const m = new Message();
  if (t.dims.length > 0) m.packedInts(1, t.dims);
  return m.int(2, ELEM_TYPE[t.elemType]).string(8, t.name).bytes(9, t.raw);
}

/** ValueInfoProto { name 1, type 2: TypeProto { tensor_type 1: { elem_type 1, shape 2: { dim 1: { dim_value 1 | dim_param 2 } } } } }. */
function encodeValueInfo(v: OnnxValueInfo): Message {
  const shape = new Message();
  for (const d of v.shape) shape.bytes(1, typeof d === 'number' ? new Message().int(1, d) : new Message().string(2, d));
  const tensorType = new Message().int(1, ELEM_TYPE[v.elemType]).bytes(2, shape);
  return new Message().string(1, v.name).bytes(2, new Message().bytes(1, tensorType));
}
