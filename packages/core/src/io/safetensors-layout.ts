import { DTYPES, type DType } from '../dtype.js';
import { ArgumentError, ValueError } from '../errors.js';
import { numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import type { SafetensorsEntry, SerializeOptions } from './safetensors.js';
import { CODES, codeOf, type FileCode } from './safetensors-dtypes.js';

/**
 * The writing side of safetensors: the header of a file, from its tensors' dtypes and shapes
 * alone, so a writer can put it down before it has read a single value (the file helper of
 * @ag/core/node streams tensors after it, one at a time), and each tensor's bytes.
 */

/** What a file will hold, known before any value is read: its header's bytes and each tensor's code. */
export interface Layout {
  /** The 8-byte length and the padded header. */
  readonly head: Uint8Array<ArrayBuffer>;
  /** The tensors in the order of their bytes, each with the code it is written as. */
  readonly order: { readonly name: string; readonly code: FileCode }[];
}

/** The header for tensors of these dtypes and shapes (`op` names the caller in errors). */
export function layout(
  specs: Record<string, { dtype: DType; shape: readonly number[] }>,
  metadata: Record<string, string> | undefined,
  options: SerializeOptions,
  op: string,
): Layout {
  const int32 = options.int32 ?? 'I64';
  if (int32 !== 'I64' && int32 !== 'I32')
    throw new ValueError(`${op}: option int32 must be 'I64' or 'I32', got ${JSON.stringify(int32)}`);
  // Written field by field rather than by JSON.stringify of an object, which would put keys that
  // look like integers first (and treat `__proto__` as a prototype) instead of in this order.
  const fields: string[] = [];
  if (metadata !== undefined) fields.push(`"__metadata__":${metadataJson(metadata, op)}`);
  const names = Object.keys(specs);
  const codes = new Map(names.map((name) => [name, codeOf(checkSpec(name, specs[name], op), int32)]));
  const rank = (name: string) => CODES[codes.get(name)!].rank;
  names.sort((a, b) => rank(b) - rank(a) || (a < b ? -1 : a > b ? 1 : 0));
  let offset = 0;
  for (const name of names) {
    const shape = [...specs[name]!.shape];
    const code = codes.get(name)!;
    const size = numel(shape) * CODES[code].bytes;
    fields.push(
      `${JSON.stringify(name)}:${JSON.stringify({ dtype: code, shape, data_offsets: [offset, offset + size] })}`,
    );
    offset += size;
  }
  const json = new TextEncoder().encode(`{${fields.join(',')}}`);
  // Spaces to a multiple of 8, as the reference writer pads, so the data starts aligned.
  const padded = Math.ceil(json.length / 8) * 8;
  const head = new Uint8Array(8 + padded).fill(0x20);
  new DataView(head.buffer).setBigUint64(0, BigInt(padded), true);
  head.set(json, 8);
  return { head, order: names.map((name) => ({ name, code: codes.get(name)! })) };
}

function metadataJson(metadata: Record<string, string>, op: string): string {
  const fields = Object.entries(metadata).map(([key, value]) => {
    if (typeof value !== 'string')
      throw new ValueError(`${op}: metadata[${JSON.stringify(key)}] is ${typeof value}, expected a string`);
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{${fields.join(',')}}`;
}

/** The dtype of a tensor the format can hold under `name`, or a ValueError saying why not. */
function checkSpec(name: string, spec: { dtype: DType; shape: readonly number[] } | undefined, op: string): DType {
  const what = `${op}: tensor ${JSON.stringify(name)}`;
  if (name === '__metadata__') throw new ValueError(`${what}: the format keeps this name for the metadata`);
  if (typeof spec !== 'object' || spec === null)
    throw new ArgumentError(`${what} is ${typeof spec}, expected an entry`);
  if (!(DTYPES as readonly unknown[]).includes(spec.dtype))
    throw new ValueError(`${what} has dtype ${spec.dtype}, expected one of ${DTYPES.join(', ')}`);
  if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new ValueError(`${what} has shape ${String(spec.shape)}, expected an array of non-negative integers`);
  return spec.dtype;
}

/** The bytes of one tensor's values (the first numel(shape) of `data`) as `code`. */
export function encodeValues(entry: SafetensorsEntry, code: FileCode, name: string, op: string): Uint8Array {
  const count = numel(entry.shape);
  if (!ArrayBuffer.isView(entry.data) || entry.data.length < count)
    throw new ValueError(
      `${op}: tensor ${JSON.stringify(name)} of shape [${entry.shape.join(', ')}] has ${ArrayBuffer.isView(entry.data) ? entry.data.length : 'no'} values, expected ${count}`,
    );
  return CODES[code].encode(entry.data.subarray(0, count));
}

/** Checks that every value of `tensors` is a Tensor (`op` names the caller). */
export function checkTensors(tensors: Record<string, unknown>, op: string): asserts tensors is Record<string, Tensor> {
  for (const [name, t] of Object.entries(tensors))
    if (!isTensor(t))
      throw new ArgumentError(`${op}: tensors[${JSON.stringify(name)}] is ${typeof t}, expected a Tensor`);
}
