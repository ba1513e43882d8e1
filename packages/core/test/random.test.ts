import { describe, expect, it } from 'vitest';
import {
  Generator,
  getRngState,
  initialSeed,
  manualSeed,
  normals,
  seed,
  setRngState,
  uniforms,
} from '../src/random.js';
import { defaultGenerator } from '../src/random/generator.js';
import { STATE_BYTES } from '../src/random/state-bytes.js';

/** The first `n` raw 32-bit outputs of a generator. */
function raw(gen: Generator, n: number): number[] {
  return Array.from({ length: n }, () => gen._random());
}

describe('the Mersenne Twister behind Generator', () => {
  it("gives the reference mt19937's outputs for seed 5489 (C++ std::mt19937's default)", () => {
    const gen = new Generator().manualSeed(5489);
    // The reference implementation's first outputs (mt19937ar.c, init_genrand(5489)).
    expect(raw(gen, 5)).toEqual([3499211612, 581869302, 3890346734, 3586334585, 545404204]);
    // The C++ standard's check [rand.predef]: the 10000th output of a default mt19937.
    const again = new Generator().manualSeed(5489);
    let last = 0;
    for (let i = 0; i < 10000; i++) last = again._random();
    expect(last).toBe(4123659995);
  });

  it("gives NumPy's MT19937 outputs for the same 32-bit seed", () => {
    // numpy.random.MT19937()._legacy_seeding(s).random_raw(5): an independent implementation.
    expect(raw(new Generator().manualSeed(0), 5)).toEqual([2357136044, 2546248239, 3071714933, 3626093760, 2588848963]);
    expect(raw(new Generator().manualSeed(42), 5)).toEqual([1608637542, 3421126067, 4083286876, 787846414, 3143890026]);
  });

  it('seeds as PyTorch does: the low 32 bits drive the twister, initialSeed keeps all 64', () => {
    const big = new Generator().manualSeed(2n ** 40n + 42n);
    expect(big.initialSeed()).toBe(2n ** 40n + 42n);
    expect(raw(big, 2)).toEqual([1608637542, 3421126067]);
    // Negative seeds wrap to 2^64 + seed; -1 leaves 0xffffffff as the low word.
    const neg = new Generator().manualSeed(-1);
    expect(neg.initialSeed()).toBe(2n ** 64n - 1n);
    expect(raw(neg, 3)).toEqual(raw(new Generator().manualSeed(0xffffffff), 3));
    expect(raw(neg, 0)).toEqual([]);
  });

  it("starts a new Generator from c10's default seed 67280421310721", () => {
    const gen = new Generator();
    expect(gen.initialSeed()).toBe(67280421310721n);
    // numpy MT19937 seeded with 67280421310721 & 0xffffffff.
    expect(raw(gen, 3)).toEqual([2353294710, 1155489284, 4015379837]);
    expect(gen.device).toBe('cpu');
  });
});

describe('manualSeed, seed and the default generator', () => {
  it('manualSeed seeds the default generator and returns it; draws repeat', () => {
    expect(manualSeed(42)).toBe(defaultGenerator);
    expect(initialSeed()).toBe(42n);
    const a = uniforms(8);
    manualSeed(42);
    expect(uniforms(8)).toEqual(a);
    manualSeed(43);
    expect(uniforms(8)).not.toEqual(a);
  });

  it('a Generator of its own leaves the default stream alone', () => {
    manualSeed(7);
    const expected = uniforms(4);
    manualSeed(7);
    const other = new Generator().manualSeed(7);
    raw(other, 100);
    expect(uniforms(4)).toEqual(expected);
  });

  it('seed() picks a fresh 64-bit seed and reports it', () => {
    const s = seed();
    expect(typeof s).toBe('bigint');
    expect(initialSeed()).toBe(s);
    expect(s >= 0n && s < 2n ** 64n).toBe(true);
  });

  it('rejects seeds that are not integers in [-2^63, 2^64), naming the op', () => {
    expect(() => manualSeed(1.5)).toThrow(/manualSeed: expected an integer seed .* got 1\.5/);
    expect(() => manualSeed(Number.NaN)).toThrow(/manualSeed: expected an integer seed/);
    expect(() => manualSeed(2n ** 64n)).toThrow(/manualSeed: the seed must be within the inclusive range/);
    expect(() => manualSeed(-(2n ** 63n) - 1n)).toThrow(/manualSeed: the seed must be within/);
    expect(() => new Generator().manualSeed(2 ** 60)).toThrow(/a bigint for larger values/);
  });
});

describe('getRngState and setRngState', () => {
  it("lay the state out as PyTorch's CPUGeneratorImplState (5056 bytes)", () => {
    manualSeed(1234);
    const state = getRngState();
    expect(state).toBeInstanceOf(Uint8Array);
    expect(state.length).toBe(STATE_BYTES);
    expect(STATE_BYTES).toBe(5056);
    const view = new DataView(state.buffer);
    expect(view.getBigUint64(0, true)).toBe(1234n); // the_initial_seed
    expect(view.getInt32(8, true)).toBe(1); // left: the state regenerates on the next draw
    expect(view.getInt32(12, true)).toBe(1); // seeded
    expect(view.getBigUint64(24, true)).toBe(1234n); // state[0] is the seed's low word
  });

  it('restore the stream, the cached Box-Muller sample included', () => {
    manualSeed(3);
    normals(1); // leaves the pair's second sample cached
    const state = getRngState();
    const view = new DataView(state.buffer);
    expect(view.getInt32(5040, true)).toBe(1); // normal_is_valid
    const after = [...normals(3), ...uniforms(3)];
    setRngState(state);
    expect([...normals(3), ...uniforms(3)]).toEqual(after);
  });

  it('move between generators (Generator.getState / setState)', () => {
    const a = new Generator().manualSeed(99);
    raw(a, 700); // past one regeneration of the state
    const b = new Generator().setState(a.getState());
    expect(b.initialSeed()).toBe(99n);
    expect(raw(b, 10)).toEqual(raw(a, 10));
  });

  it('reject a state of the wrong size or an invalid engine, leaving the generator as it was', () => {
    const gen = new Generator().manualSeed(5);
    const before = gen.getState();
    expect(() => gen.setState(new Uint8Array(10))).toThrow(
      /setState: Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10/,
    );
    const bad = gen.getState();
    new DataView(bad.buffer).setInt32(8, 0, true); // left = 0
    expect(() => gen.setState(bad)).toThrow(/setState: Invalid mt19937 state \(left 0, next 0\)/);
    expect(() => gen.setState([1, 2] as unknown as Uint8Array)).toThrow(
      /setState: expected the RNG state as a Uint8Array/,
    );
    expect(gen.getState()).toEqual(before);
  });

  it('manualSeed clears a cached normal sample, as set_current_seed does', () => {
    manualSeed(11);
    const first = normals(2);
    manualSeed(11);
    normals(1);
    manualSeed(11);
    expect(normals(2)).toEqual(first);
  });
});

describe('the host draws ag helpers use', () => {
  it('draws uniforms in [0, 1) with the moments of U(0, 1)', () => {
    manualSeed(1);
    const u = uniforms(100_000);
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (const v of u) {
      if (!(v >= 0 && v < 1)) outside++;
      sum += v;
      sq += v * v;
    }
    expect(outside).toBe(0);
    const mean = sum / u.length;
    // mean 1/2 and variance 1/12, within a few standard errors
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sq / u.length - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws normals with mean 0 and variance 1', () => {
    manualSeed(2);
    const z = normals(100_001);
    let sum = 0;
    let sq = 0;
    for (const v of z) {
      sum += v;
      sq += v * v;
    }
    expect(Math.abs(sum / z.length)).toBeLessThan(0.02);
    expect(Math.abs(sq / z.length - 1)).toBeLessThan(0.02);
  });
});
