import type { DType, TypedArray } from '../dtype.js';
import { formatShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { tensor } from '../ops/creation.js';
import { CODES, codeOf, isFileCode, type Int32Code } from './safetensors-dtypes.js';

/**
 * The safetensors format, byte for byte as the reference writer (used by PyTorch's
 * `safetensors.torch.save_file`) produces it: an 8-byte little-endian header length, a compact
 * JSON header (`__metadata__` first, then tensors sorted by dtype size descending and name,
 * each `{"dtype","shape","data_offsets"}`), padded with spaces to a multiple of 8 bytes, then
 * the tensors' little-endian bytes back to back. The dtypes: safetensors-dtypes.ts.
 */

const MAX_HEADER = 100_000_000;

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
  const int32 = options.int32 ?? 'I64';
  if (int32 !== 'I64' && int32 !== 'I32')
    throw new Error(`safetensors: option int32 must be 'I64' or 'I32', got ${JSON.stringify(int32)}`);
  const code = (name: string) => CODES[codeOf(entries[name]!.dtype, int32)];
  const names = Object.keys(entries).sort((a, b) => code(b).rank - code(a).rank || (a < b ? -1 : a > b ? 1 : 0));
  const data = names.map((name) => {
    const e = entries[name]!;
    return code(name).encode(e.data.subarray(0, numel(e.shape)));
  });
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header.__metadata__ = metadata;
  let offset = 0;
  names.forEach((name, i) => {
    const size = data[i]!.length;
    header[name] = {
      dtype: codeOf(entries[name]!.dtype, int32),
      shape: entries[name]!.shape,
      data_offsets: [offset, offset + size],
    };
    offset += size;
  });
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const withSpaces = new Uint8Array(padded).fill(0x20);
    withSpaces.set(json);
    json = withSpaces;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const bytes of data) {
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

function fail(why: string): never {
  throw new Error(`safetensors: ${why}; nothing was loaded`);
}

/** Parses and checks a whole file before returning anything. */
export function deserialize(input: Uint8Array | ArrayBuffer): {
  entries: Record<string, SafetensorsEntry>;
  metadata: Record<string, string> | null;
} {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 8) fail(`file of ${bytes.length} bytes is too short for the 8-byte header length`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER)) fail(`header length ${n} exceeds the ${MAX_HEADER}-byte limit`);
  if (Number(n) > bytes.length - 8)
    fail(`header length ${n} runs past the end of the ${bytes.length}-byte file (truncated?)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + Number(n))));
  } catch (e) {
    fail(`header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header is not a JSON object');
  const data = bytes.subarray(8 + Number(n));
  const entries: Record<string, SafetensorsEntry> = {};
  let metadata: Record<string, string> | null = null;
  const spans: [number, number, string][] = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const {
      dtype: code,
      shape,
      data_offsets: offsets,
    } = (info ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (!isFileCode(code))
      fail(
        `tensor '${name}' has unsupported dtype ${JSON.stringify(code)} (supported: ${Object.keys(CODES).join(', ')})`,
      );
    const spec = CODES[code];
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      fail(`tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isInteger(d) && d >= 0)) {
      fail(`tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    const expected = numel(shape as number[]) * spec.bytes;
    if (end - begin !== expected)
      fail(
        `tensor '${name}' of shape ${formatShape(shape as number[])} and dtype ${code} needs ${expected} bytes, its offsets span ${end - begin}`,
      );
    if (end > data.length)
      fail(`tensor '${name}' ends at byte ${end}, past the ${data.length} bytes of data (truncated?)`);
    const values = spec.decode(data.subarray(begin, end), numel(shape as number[]), name);
    entries[name] = { dtype: spec.dtype, shape: shape as number[], data: values };
    spans.push([begin, end, name]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let covered = 0;
  for (const [begin, end, name] of spans) {
    if (begin !== covered)
      fail(
        `tensor '${name}' starts at byte ${begin}, expected ${covered} (data must be contiguous, without gaps or overlaps)`,
      );
    covered = end;
  }
  if (covered !== data.length) fail(`the data section has ${data.length} bytes but the tensors cover ${covered}`);
  return { entries, metadata };
}

/** Serializes tensors (from any device; values are read back asynchronously). */
export async function save(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
  options?: SerializeOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const entries: Record<string, SafetensorsEntry> = {};
  for (const [name, t] of Object.entries(tensors))
    entries[name] = { dtype: t.dtype, shape: [...t.shape], data: await t.toTypedArray() };
  return serialize(entries, metadata, options);
}

/** Tensors from safetensors bytes, on `device` (the default device when absent). */
export function load(bytes: Uint8Array | ArrayBuffer, options: { device?: string } = {}): Record<string, Tensor> {
  const { entries } = deserialize(bytes);
  const out: Record<string, Tensor> = {};
  for (const [name, e] of Object.entries(entries))
    out[name] = tensor(e.data, { dtype: e.dtype, ...options }).reshape(e.shape);
  return out;
}
