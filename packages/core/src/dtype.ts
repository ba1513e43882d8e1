import { OutOfMemoryError } from './errors.js';

/**
 * Data types. ag has PyTorch's floating, integer and boolean kinds, in the widths JavaScript
 * typed arrays and WebGPU can hold: float32 (the default), float64 (CPU only), int32 and bool,
 * and the storage dtypes real data and checkpoints use: float16, bfloat16, uint8 and int8. Those
 * four are stored at their width and computed in float32 or int32 (PyTorch's CPU widens them the
 * same way inside its kernels): see backend/storage-dtypes.ts.
 */
export type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int32' | 'uint8' | 'int8' | 'bool';

export const DTYPES = [
  'float32',
  'float64',
  'float16',
  'bfloat16',
  'int32',
  'uint8',
  'int8',
  'bool',
] as const satisfies readonly DType[];

/**
 * The typed array that holds each dtype's values in storage (bool as 0/1 bytes; float16 and
 * bfloat16 as their IEEE bits, JavaScript having no 16-bit float array). Host reads of float16
 * and bfloat16 tensors give their values as a Float32Array, which holds them exactly.
 */
export interface TypedArrayOf {
  float32: Float32Array<ArrayBuffer>;
  float64: Float64Array<ArrayBuffer>;
  float16: Uint16Array<ArrayBuffer>;
  bfloat16: Uint16Array<ArrayBuffer>;
  int32: Int32Array<ArrayBuffer>;
  uint8: Uint8Array<ArrayBuffer>;
  int8: Int8Array<ArrayBuffer>;
  bool: Uint8Array<ArrayBuffer>;
}
export type TypedArray = TypedArrayOf[DType];

const constructors: { [D in DType]: new (length: number) => TypedArrayOf[D] } = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  bfloat16: Uint16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  int8: Int8Array,
  bool: Uint8Array,
};

/**
 * A fresh typed array for `length` elements of `dtype`. A length past what the host can hold
 * (JavaScript engines cap a typed array, at 2^32 elements in Node 20, and memory may run out
 * first) is refused as an OutOfMemoryError before anything is written, not a bare RangeError.
 */
export function allocHost<D extends DType>(dtype: D, length: number): TypedArrayOf[D] {
  try {
    return new constructors[dtype](length);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const bytes = length * new constructors[dtype](0).BYTES_PER_ELEMENT;
    throw new OutOfMemoryError(
      `allocHost: a ${dtype} tensor of ${length} elements (${bytes} bytes) cannot be allocated on the host (${e.message}); split it or make it smaller`,
      { cause: e },
    );
  }
}

/** The typed array constructor behind `dtype`'s storage (float16 and bfloat16 share one, as uint8 and bool do). */
export function storageConstructor(dtype: DType): new (length: number) => TypedArray {
  return constructors[dtype];
}

export function isFloating(dtype: DType): boolean {
  return kind[dtype] === 2;
}

/**
 * The dtype a typed array holds, as `tensor(typedArray)` keeps it: a Uint8Array is image data,
 * uint8 (bool tensors come from `{ dtype: 'bool' }` or booleans). A Uint16Array is null: it could
 * be float16 or bfloat16 bits, which `tensor` does not guess.
 */
export function dtypeOfTypedArray(data: ArrayBufferView): DType | null {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  return null;
}

/** Kinds in PyTorch's promotion order: a higher kind wins whatever the widths. */
const kind: { [D in DType]: number } = {
  bool: 0,
  uint8: 1,
  int8: 1,
  int32: 1,
  float16: 2,
  bfloat16: 2,
  float32: 2,
  float64: 2,
};
const width: { [D in DType]: number } = {
  bool: 1,
  uint8: 1,
  int8: 1,
  int32: 4,
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
};

/**
 * torch.promote_types: the smallest dtype that holds both. Two different dtypes of one kind and
 * width hold each other's values only in a wider one: float16 and bfloat16 promote to float32
 * (as in PyTorch); uint8 and int8 promote to int16 in PyTorch, which ag lacks, so to int32, the
 * smallest integer dtype ag has that holds both.
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (kind[a] !== kind[b]) return kind[a] > kind[b] ? a : b;
  if (width[a] === width[b]) return kind[a] === 2 ? 'float32' : 'int32';
  return width[a] > width[b] ? a : b;
}

/** An operand of an op: a tensor's dtype and rank, or a JavaScript scalar. */
export type Operand = { dtype: DType; ndim: number } | number | boolean;

function scalarDtype(v: number | boolean): DType {
  if (typeof v === 'boolean') return 'bool';
  return Number.isInteger(v) ? 'int32' : 'float32';
}

/**
 * torch.result_type: tensors with dimensions outrank zero-dimensional tensors, which outrank
 * scalars; a lower tier only matters when it brings a higher kind (int tensor + 2.5 is float32,
 * float32 tensor + float64 0-d tensor stays float32).
 */
export function resultType(...operands: readonly Operand[]): DType {
  // The promoted dtype of each tier; plain variables rather than arrays: every op calls this.
  let dimensioned: DType | null = null;
  let zeroDim: DType | null = null;
  let scalar: DType | null = null;
  for (const o of operands) {
    const dt = operandDtype(o);
    switch (tierOf(o)) {
      case 0:
        dimensioned = dimensioned === null ? dt : promoteTypes(dimensioned, dt);
        break;
      case 1:
        zeroDim = zeroDim === null ? dt : promoteTypes(zeroDim, dt);
        break;
      case 2:
        scalar = scalar === null ? dt : promoteTypes(scalar, dt);
        break;
    }
  }
  return outrank(outrank(outrank(null, dimensioned), zeroDim), scalar) ?? 'float32';
}

/** 0: a tensor with dimensions, 1: a zero-dimensional tensor, 2: a JavaScript scalar. */
function tierOf(o: Operand): 0 | 1 | 2 {
  if (typeof o !== 'object') return 2;
  return o.ndim > 0 ? 0 : 1;
}

function operandDtype(o: Operand): DType {
  return typeof o === 'object' ? o.dtype : scalarDtype(o);
}

/** A lower tier's dtype replaces the higher tiers' only when it is of a higher kind. */
function outrank(result: DType | null, lower: DType | null): DType | null {
  if (lower === null) return result;
  return result === null || kind[lower] > kind[result] ? lower : result;
}
