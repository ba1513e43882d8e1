import { MT_N, type MtState } from './mt19937.js';
import { ArgumentError, FormatError } from '../errors.js';

/**
 * PyTorch's CPUGeneratorImplState, byte for byte (x86-64 and arm64 layout, little-endian):
 * uint64 the_initial_seed, int32 left, int32 seeded, uint64 next, uint64 state[624],
 * double normal_x, normal_y, normal_rho, int32 normal_is_valid (+4 padding),
 * float next_float_normal_sample, bool is_next_float_normal_sample_valid (+3 padding).
 */
export const STATE_BYTES = 5056;
const SEED = 0;
const LEFT = 8;
const SEEDED = 12;
const NEXT = 16;
const WORDS = 24;
const NORMAL_Y = WORDS + MT_N * 8 + 8;
const NORMAL_VALID = NORMAL_Y + 16;
const FLOAT_NORMAL = NORMAL_VALID + 8;
const FLOAT_NORMAL_VALID = FLOAT_NORMAL + 4;

export function writeState(mt: MtState, nextNormal: number | null, nextFloatNormal: number | null): Uint8Array {
  const bytes = new Uint8Array(STATE_BYTES);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(SEED, mt.seed, true);
  view.setInt32(LEFT, mt.left, true);
  view.setInt32(SEEDED, 1, true);
  view.setBigUint64(NEXT, BigInt(mt.next), true);
  for (let i = 0; i < MT_N; i++) view.setBigUint64(WORDS + 8 * i, BigInt(mt.words[i]!), true);
  if (nextNormal !== null) {
    view.setFloat64(NORMAL_Y, nextNormal, true);
    view.setInt32(NORMAL_VALID, 1, true);
  }
  if (nextFloatNormal !== null) {
    view.setFloat32(FLOAT_NORMAL, nextFloatNormal, true);
    bytes[FLOAT_NORMAL_VALID] = 1;
  }
  return bytes;
}

/** Reads a saved state, checking it as PyTorch's set_state does (size, then a valid engine). */
export function readState(
  op: string,
  bytes: Uint8Array,
): { mt: MtState; nextNormal: number | null; nextFloatNormal: number | null } {
  if (!(bytes instanceof Uint8Array)) {
    throw new ArgumentError(
      `${op}: expected the RNG state as a Uint8Array (from getState / getRngState), got ${typeof bytes}`,
    );
  }
  if (bytes.length !== STATE_BYTES) {
    throw new FormatError(
      `${op}: Expected a CPUGeneratorImplState of size ${STATE_BYTES} but found the input RNG state size to be ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const left = view.getInt32(LEFT, true);
  const next = Number(view.getBigUint64(NEXT, true) & 0xffffffffn);
  if (view.getInt32(SEEDED, true) === 0 || left <= 0 || left > MT_N || next > MT_N) {
    throw new FormatError(`${op}: Invalid mt19937 state (left ${left}, next ${next})`);
  }
  const words = new Uint32Array(MT_N);
  // PyTorch copies each 64-bit slot into a 32-bit word: the high half is dropped.
  for (let i = 0; i < MT_N; i++) words[i] = Number(view.getBigUint64(WORDS + 8 * i, true) & 0xffffffffn);
  return {
    mt: { seed: view.getBigUint64(SEED, true), left, next, words },
    nextNormal: view.getInt32(NORMAL_VALID, true) !== 0 ? view.getFloat64(NORMAL_Y, true) : null,
    nextFloatNormal: bytes[FLOAT_NORMAL_VALID] !== 0 ? view.getFloat32(FLOAT_NORMAL, true) : null,
  };
}
