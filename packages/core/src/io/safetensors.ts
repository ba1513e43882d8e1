import type { DType, TypedArray } from '../dtype.js';
import { ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { tensor } from '../ops/creation.js';
import { decodeTensors, type Int32Code } from './safetensors-dtypes.js';
import { parseHeader, readHeaderLength } from './safetensors-header.js';
import { checkTensors, encodeValues, layout } from './safetensors-layout.js';

/**
 * The safetensors format, byte for byte as the reference writer (used by PyTorch's
 * `safetensors.torch.save_file`) produces it: an 8-byte little-endian header length, a compact
 * JSON header (`__metadata__` first, then tensors sorted by dtype size descending and name,
 * each `{"dtype","shape","data_offsets"}`), padded with spaces to a multiple of 8 bytes, then
 * the tensors' little-endian bytes back to back. The dtypes: safetensors-dtypes.ts; the checks
 * of a file read: safetensors-header.ts.
 */

export interface SafetensorsEntry {
  dtype: DType;
  shape: number[];
  /** Host values, as `toTypedArray` gives them (float16 and bfloat16 as a Float32Array). */
  data: TypedArray;
}

export interface SerializeOptions {
  /**
   * How int32 tensors are written: 'I64' (the default: ag's int32 plays PyTorch's int64, so a
   * BatchNorm's num_batches_tracked or an index buffer is what PyTorch's loader expects) or 'I32'.
   */
  int32?: Int32Code;
}

/** Serializes host values (use {@link save} for tensors on any device). */
export function serialize(
  entries: Record<string, SafetensorsEntry>,
  metadata?: Record<string, string>,
  options: SerializeOptions = {},
): Uint8Array<ArrayBuffer> {
  const { head, order } = layout(entries, metadata, options, 'safetensors.serialize');
  const data = order.map(({ name, code }) => encodeValues(entries[name]!, code, name, 'safetensors.serialize'));
  const out = new Uint8Array(head.length + data.reduce((n, b) => n + b.length, 0));
  out.set(head);
  let at = head.length;
  for (const bytes of data) {
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

/** The bytes of `input`, for any view of memory (a Node Buffer, a DataView) or an ArrayBuffer. */
function bytesOf(input: unknown, op: string): Uint8Array {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  // A page that is not cross-origin isolated has no SharedArrayBuffer at all.
  if (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer) return new Uint8Array(input);
  throw new ArgumentError(`${op}: got ${typeof input}, expected the file's bytes (a Uint8Array or an ArrayBuffer)`);
}

/** Parses and checks a whole file (its header first, then its values) before returning anything. */
function parse(
  input: unknown,
  op: string,
): { entries: Record<string, SafetensorsEntry>; metadata: Record<string, string> | null } {
  const bytes = bytesOf(input, op);
  const n = readHeaderLength(bytes, bytes.length, op);
  const data = bytes.subarray(8 + n);
  const header = parseHeader(bytes.subarray(8, 8 + n), data.length, op);
  return { entries: decodeTensors(header.tensors, data, op), metadata: header.metadata };
}

/**
 * The host values and metadata of a file's bytes. Every check runs before anything is
 * allocated; a malformed file is a FormatError. The records have no prototype, so a tensor
 * named `__proto__` or `constructor` is an entry like any other.
 */
export function deserialize(input: ArrayBufferView | ArrayBuffer): {
  entries: Record<string, SafetensorsEntry>;
  metadata: Record<string, string> | null;
} {
  return parse(input, 'safetensors.deserialize');
}

/** Serializes tensors (from any device; values are read back asynchronously). */
export async function save(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
  options?: SerializeOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  checkTensors(tensors, 'safetensors.save');
  const entries = Object.create(null) as Record<string, SafetensorsEntry>;
  for (const [name, t] of Object.entries(tensors))
    entries[name] = { dtype: t.dtype, shape: [...t.shape], data: await t.toTypedArray() };
  return serialize(entries, metadata, options);
}

/** Tensors made from checked entries (the records have no prototype: any name is a plain key). */
function tensorsOf(entries: Record<string, SafetensorsEntry>, options: { device?: string }): Record<string, Tensor> {
  const out = Object.create(null) as Record<string, Tensor>;
  for (const [name, e] of Object.entries(entries))
    out[name] = tensor(e.data, { dtype: e.dtype, ...options }).reshape(e.shape);
  return out;
}

/** Tensors from safetensors bytes, on `device` (the default device when absent). */
export function load(bytes: ArrayBufferView | ArrayBuffer, options: { device?: string } = {}): Record<string, Tensor> {
  return tensorsOf(parse(bytes, 'safetensors.load').entries, options);
}
