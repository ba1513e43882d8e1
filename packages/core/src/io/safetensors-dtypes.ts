import type { DType, TypedArray } from '../dtype.js';
import { allocHost } from '../dtype.js';
import { bfloat16Bits, bfloat16Value, float16Bits, float16Value } from '../half-precision.js';
import { formatError } from './refuse.js';
import type { TensorSpan } from './safetensors-header.js';

/**
 * The safetensors dtype codes ag reads and writes, each with the ag dtype it loads into and how
 * its little-endian bytes become host values (the typed array `tensor` takes for that dtype) and
 * back. ag has no int64 or int16: I64 loads into int32 after a range check (ag's int32 plays
 * PyTorch's int64, so int32 is written as I64 by default), I16 widens exactly into int32.
 */
export type FileCode = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

interface CodeInfo {
  readonly dtype: DType;
  readonly bytes: number;
  /** The reference writer's order (its Dtype enum): it writes larger ranks first. */
  readonly rank: number;
  /** Host values from the tensor's bytes (`name` and `op` for errors). */
  decode(bytes: Uint8Array, count: number, name: string, op: string): TypedArray;
  /** The bytes of host values of the dtype. */
  encode(values: TypedArray): Uint8Array;
}

/** A copy of `bytes` (which may be unaligned within the file) as an aligned buffer. */
function aligned(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

function asBytes(values: ArrayBufferView): Uint8Array {
  // Typed arrays are little-endian on every platform JavaScript runs on.
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** A dtype stored as its own typed array: the bytes are the values. */
function direct(dtype: DType, bytes: number, rank: number): CodeInfo {
  return {
    dtype,
    bytes,
    rank,
    decode: (b, count) => {
      const values = allocHost(dtype, count);
      asBytes(values).set(b);
      return values;
    },
    encode: asBytes,
  };
}

/** float16/bfloat16: bits in the file, float32 values on the host. */
function half(dtype: 'float16' | 'bfloat16', rank: number): CodeInfo {
  const [toValue, toBits] = dtype === 'float16' ? [float16Value, float16Bits] : [bfloat16Value, bfloat16Bits];
  return {
    dtype,
    bytes: 2,
    rank,
    decode: (b, count) => Float32Array.from(new Uint16Array(aligned(b), 0, count), toValue),
    encode: (values) => asBytes(Uint16Array.from(values, toBits)),
  };
}

const I64: CodeInfo = {
  dtype: 'int32',
  bytes: 8,
  rank: 13,
  decode: (b, count, name, op) => {
    const wide = new BigInt64Array(aligned(b), 0, count);
    const values = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const v = wide[i]!;
      if (v < -2147483648n || v > 2147483647n)
        throw formatError(
          op,
          `tensor ${JSON.stringify(name)} (I64) holds ${v} at flat index ${i}, expected a value in int32's range ` +
            "[-2147483648, 2147483647] (ag's widest integer dtype)",
        );
      values[i] = Number(v);
    }
    return values;
  },
  encode: (values) => asBytes(BigInt64Array.from(values, (v) => BigInt(v))),
};

const I16: CodeInfo = {
  dtype: 'int32',
  bytes: 2,
  rank: 5,
  decode: (b, count) => Int32Array.from(new Int16Array(aligned(b), 0, count)),
  encode: (values) => asBytes(Int16Array.from(values)),
};

/** Any nonzero byte is true (the reference reads bytes as they are); ag's bool holds only 0 and 1. */
const BOOL: CodeInfo = {
  ...direct('bool', 1, 0),
  decode: (b) => Uint8Array.from(b, (v) => (v === 0 ? 0 : 1)),
};

export const CODES: { readonly [C in FileCode]: CodeInfo } = {
  BOOL,
  U8: direct('uint8', 1, 1),
  I8: direct('int8', 1, 2),
  I16,
  F16: half('float16', 7),
  BF16: half('bfloat16', 8),
  I32: direct('int32', 4, 9),
  F32: direct('float32', 4, 11),
  F64: direct('float64', 8, 12),
  I64,
};

/** How int32 tensors are written: I64 (the default, what PyTorch's int64 tensors are) or I32. */
export type Int32Code = 'I64' | 'I32';

/** The code a tensor of `dtype` is written as. */
export function codeOf(dtype: DType, int32: Int32Code): FileCode {
  switch (dtype) {
    case 'float64':
      return 'F64';
    case 'float32':
      return 'F32';
    case 'float16':
      return 'F16';
    case 'bfloat16':
      return 'BF16';
    case 'int32':
      return int32;
    case 'uint8':
      return 'U8';
    case 'int8':
      return 'I8';
    case 'bool':
      return 'BOOL';
  }
}

export function isFileCode(code: unknown): code is FileCode {
  return typeof code === 'string' && Object.hasOwn(CODES, code);
}

/** A tensor's host values (the public SafetensorsEntry). */
export interface HostTensor {
  dtype: DType;
  shape: number[];
  data: TypedArray;
}

/** Host values of the tensors a checked header describes, from `data` (the bytes after the header). */
export function decodeTensors(
  tensors: readonly TensorSpan[],
  data: Uint8Array,
  op: string,
): Record<string, HostTensor> {
  const entries = Object.create(null) as Record<string, HostTensor>;
  for (const { name, code, shape, count, begin, end } of tensors) {
    const info = CODES[code];
    entries[name] = { dtype: info.dtype, shape, data: info.decode(data.subarray(begin, end), count, name, op) };
  }
  return entries;
}
