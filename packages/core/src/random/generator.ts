import { nextUint32, seededState, type MtState } from './mt19937.js';
import { readState, writeState } from './state-bytes.js';
import { ValueError } from '../errors.js';

/** The seed a new `Generator` starts from (c10's default_rng_seed_val). */
const DEFAULT_SEED = 67280421310721n;

/** A seed as PyTorch takes it: an integer in [-2^63, 2^64), negatives wrapped to 2^64 + seed. */
function toSeed(op: string, seed: number | bigint): bigint {
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw new ValueError(
      `${op}: expected an integer seed (a safe integer, or a bigint for larger values), got ${seed}`,
    );
  }
  const s = BigInt(seed);
  if (s < -(2n ** 63n) || s >= 2n ** 64n) {
    throw new ValueError(
      `${op}: the seed must be within the inclusive range [-0x8000_0000_0000_0000, 0xffff_ffff_ffff_ffff], got ${s}`,
    );
  }
  return BigInt.asUintN(64, s);
}

/** 64 random bits from the platform, for `seed()` (PyTorch reads /dev/urandom). */
function nondeterministicSeed(): bigint {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return (BigInt(words[0]!) << 32n) | BigInt(words[1]!);
}

/**
 * torch.Generator for the CPU: a Mersenne Twister that every random op draws from, on the host,
 * so a seed gives PyTorch's CPU numbers on every device. Like PyTorch's, it caches the second
 * sample of each Box-Muller pair for the next scalar normal draw.
 */
export class Generator {
  /** Where its numbers are made: always the host, as PyTorch's CPU generator. */
  readonly device = 'cpu';
  /** @internal */
  _mt: MtState;
  /** @internal The second normal of the last Box-Muller pair (next_double_normal_sample_). */
  _nextNormal: number | null = null;
  /** @internal next_float_normal_sample_: kept only so a saved state round-trips. */
  _nextFloatNormal: number | null = null;

  constructor() {
    this._mt = seededState(DEFAULT_SEED);
  }

  /** Seeds it (Generator.manual_seed); returns it, so `new Generator().manualSeed(0)` chains. */
  manualSeed(seed: number | bigint): this {
    this.reseed(toSeed('manualSeed', seed));
    return this;
  }

  /** Seeds it from the platform's entropy and returns that seed (Generator.seed). */
  seed(): bigint {
    const s = nondeterministicSeed();
    this.reseed(s);
    return s;
  }

  /** The seed it was last seeded with, as an unsigned 64-bit integer (Generator.initial_seed). */
  initialSeed(): bigint {
    return this._mt.seed;
  }

  /** Its whole state in PyTorch's byte layout (5056 bytes): `setState` restores it. */
  getState(): Uint8Array {
    return writeState(this._mt, this._nextNormal, this._nextFloatNormal);
  }

  /** Restores a state from `getState` (or from PyTorch's `get_rng_state()` bytes). */
  setState(state: Uint8Array): this {
    const read = readState('setState', state);
    this._mt = read.mt;
    this._nextNormal = read.nextNormal;
    this._nextFloatNormal = read.nextFloatNormal;
    return this;
  }

  /** @internal 32 random bits (CPUGeneratorImpl::random). */
  _random(): number {
    return nextUint32(this._mt);
  }

  /**
   * @internal The low `bits` (at most 53) of random64(), PyTorch's two draws joined high word
   * first: exact as a number, since no caller needs more than a double's mantissa.
   */
  _random64Low(bits: number): number {
    const hi = nextUint32(this._mt);
    const lo = nextUint32(this._mt);
    return (hi % 2 ** (bits - 32)) * 2 ** 32 + lo;
  }

  /** @internal All 64 bits of random64(), for ranges of 2^32 and beyond. */
  _random64(): bigint {
    const hi = nextUint32(this._mt);
    const lo = nextUint32(this._mt);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  private reseed(seed: bigint): void {
    this._mt = seededState(seed);
    this._nextNormal = null;
    this._nextFloatNormal = null;
  }
}

/** The generator random ops use when given none (torch.default_generator). */
export const defaultGenerator = new Generator();
defaultGenerator.seed();

/** Seeds the default generator (torch.manual_seed) and returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** Seeds the default generator from the platform's entropy and returns the seed (torch.seed). */
export function seed(): bigint {
  return defaultGenerator.seed();
}

/** The default generator's seed (torch.initial_seed). */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

/** The default generator's state, in PyTorch's byte layout (torch.get_rng_state). */
export function getRngState(): Uint8Array {
  return defaultGenerator.getState();
}

/** Restores the default generator's state (torch.set_rng_state). */
export function setRngState(state: Uint8Array): void {
  defaultGenerator.setState(state);
}
