import { toTypedArray } from '../read.js';
import type { Tensor } from '../tensor.js';
import {
  elemTypeOf,
  type AttrValue,
  type ElemType,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './model-proto.js';
import { MAPPERS, type Dim, type Emit } from './op-map.js';
import type { TracedOp, Tracer } from './tracer.js';
import { DTypeError, ValueError } from '../errors.js';

/**
 * The trace turned into an ONNX graph: from the outputs back, each value's producer is mapped
 * (op-map.ts) once, after its inputs, so the nodes come out in topological order and ops
 * whose results the outputs never use are left out. Each value carries a symbolic shape, a
 * dim_param name where a dynamic axis flows, so that Reshape and Slice can keep that dim free.
 */
export interface GraphSpec {
  readonly tracer: Tracer;
  /** Graph inputs by tensor: name and shape with its symbolic dims. */
  readonly inputs: ReadonlyMap<Tensor, { readonly name: string; readonly shape: readonly Dim[] }>;
  /** Parameters and buffers by tensor: their state-dict names. */
  readonly params: ReadonlyMap<Tensor, string>;
  readonly outputs: readonly { readonly tensor: Tensor; readonly name: string; readonly shape?: readonly Dim[] }[];
}

interface PendingInit {
  readonly name: string;
  readonly tensor: Tensor | null;
  readonly elemType: ElemType;
  readonly dims: readonly number[];
  readonly raw: Uint8Array | null;
}

export async function buildGraph(spec: GraphSpec, name: string): Promise<OnnxGraph> {
  const names = new Map<Tensor, string>();
  const sym = new Map<string, readonly Dim[]>();
  const nodes: OnnxNode[] = [];
  const inits: PendingInit[] = [];
  let count = 0;
  const fresh = (base: string) => `${base}_${count++}`;

  const node = (opType: string, inputs: readonly string[], attrs?: Record<string, AttrValue>): string => {
    const out = fresh(opType);
    nodes.push({ opType, inputs, outputs: [out], ...(attrs === undefined ? {} : { attrs }) });
    return out;
  };
  const ints = (values: readonly number[]): string => {
    const out = fresh('const');
    const raw = new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);
    inits.push({ name: out, tensor: null, elemType: 'int64', dims: [values.length], raw });
    sym.set(out, [values.length]);
    return out;
  };
  const scalar = (value: number, like: Tensor): string => {
    const out = fresh('const');
    const elemType = elemTypeOf(like.dtype);
    inits.push({ name: out, tensor: null, elemType, dims: [], raw: scalarBytes(value, elemType) });
    sym.set(out, []);
    return out;
  };

  const valueOf = (t: Tensor): string => {
    const known = names.get(t);
    if (known !== undefined) return known;
    let out: string;
    const op = spec.tracer.producer.get(t);
    const input = spec.inputs.get(t);
    const param = spec.params.get(t);
    const constant = spec.tracer.constants.get(t);
    if (input !== undefined) {
      out = input.name;
      sym.set(out, input.shape);
    } else if (param !== undefined || constant !== undefined) {
      out = param ?? fresh('const');
      inits.push({ name: out, tensor: constant ?? t, elemType: elemTypeOf(t.dtype), dims: t.shape, raw: null });
      sym.set(out, t.shape);
    } else if (op !== undefined) {
      out = emitOp(op);
    } else {
      const made = t.gradFn === null ? 'no op' : `an op recorded as ${t.gradFn.name}`;
      throw new ValueError(
        `onnx.export: the forward used a tensor of shape [${t.shape.join(', ')}] made by ${made}, which the exporter did not see ` +
          '(an op without a traced form, or a tensor made outside the forward from its inputs)',
      );
    }
    names.set(t, out);
    return out;
  };

  const emitOp = (op: TracedOp): string => {
    const mapper = MAPPERS[op.name];
    if (mapper === undefined) {
      throw new ValueError(
        `onnx.export: the op recorded as ${op.name} (output shape [${op.output.shape.join(', ')}]) has no ONNX mapping; ` +
          'write the model with ops that have one, or open an issue naming this op',
      );
    }
    const emit: Emit = {
      op,
      x: (i) => valueOf(op.inputs[i]!),
      value: valueOf,
      sym: (t) => sym.get(valueOf(t))!,
      node,
      ints,
      scalar,
    };
    const result = mapper(emit);
    const out = typeof result === 'string' ? result : result.value;
    sym.set(out, typeof result === 'string' ? broadcastSym(op, emit) : result.sym);
    return out;
  };

  const inputs: OnnxValueInfo[] = [...spec.inputs.entries()].map(([t, v]) => ({
    name: v.name,
    elemType: elemTypeOf(t.dtype),
    shape: v.shape,
  }));
  const outputs: OnnxValueInfo[] = spec.outputs.map(({ tensor, name: outName, shape }) => {
    const value = valueOf(tensor);
    nodes.push({ opType: 'Identity', inputs: [value], outputs: [outName] });
    return { name: outName, elemType: elemTypeOf(tensor.dtype), shape: shape ?? sym.get(value)! };
  });
  const initializers: OnnxTensor[] = [];
  for (const p of inits) {
    const raw = p.raw ?? bytesOf(await toTypedArray(p.tensor!));
    initializers.push({ name: p.name, elemType: p.elemType, dims: p.dims, raw });
  }
  return { name, nodes, initializers, inputs, outputs };
}

/** The default symbolic shape of an op's result: each dim, aligned from the right, named where an input's same dim is named and of the same size. */
function broadcastSym(op: TracedOp, emit: Emit): Dim[] {
  const shape = op.output.shape;
  return shape.map((size, i) => {
    const fromEnd = shape.length - i;
    for (const t of op.inputs) {
      const s = emit.sym(t);
      const d = s[s.length - fromEnd];
      if (typeof d === 'string' && t.shape[t.shape.length - fromEnd] === size) return d;
    }
    return size;
  });
}

function bytesOf(
  values: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number },
): Uint8Array {
  // The typed arrays ag reads are little-endian on every platform it runs on, as raw_data wants.
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

function scalarBytes(value: number, elemType: ElemType): Uint8Array {
  const arrays: Record<
    ElemType,
    () => ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }
  > = {
    float32: () => Float32Array.of(value),
    float64: () => Float64Array.of(value),
    float16: () => Uint16Array.of(0),
    int32: () => Int32Array.of(value),
    int64: () => new Int32Array(BigInt64Array.of(BigInt(value)).buffer),
    uint8: () => Uint8Array.of(value),
    int8: () => Int8Array.of(value),
    bool: () => Uint8Array.of(value === 0 ? 0 : 1),
  };
  if (elemType === 'float16') throw new DTypeError('onnx.export: float16 scalar constants are not supported yet');
  return bytesOf(arrays[elemType]());
}
